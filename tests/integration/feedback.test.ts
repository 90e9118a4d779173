import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, type TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { useDemoServer } from "../support/server";

/**
 * Participants' feedback on the case's feedback page: the case's facilitators copy in paper forms
 * and record declines; the case team reads it; nobody off the case sees any of it, nor learns the
 * page exists. What they said is kept as given (append-only) and reaches the person's own subject
 * access export.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.feedback")}`;

describe("participants' feedback: taken by the case's facilitators, read by the case team only", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient;
  /** The demo's own feedback on the corner shop (a paper form and a decline): what each test adds is counted beside it. */
  let seeded: string[] = [];
  const added = () => db().participantFeedback.findMany({ where: { id: { notIn: seeded } }, orderBy: { createdAt: "asc" } });
  let cornerShop = "",
    busStop = "",
    owner = "",
    tyler = "",
    otherCasePerson = "";
  const url = (caseId = cornerShop) => `/cases/${caseId}/feedback?${DATA}`;
  const errorsOf = async (res: Response) => ((await res.json()) as { errors: Record<string, string> }).errors;
  const paper = (fields: Record<string, string> = {}) => ({ intent: "paper", participantId: owner, occasion: "CONFERENCE", givenOn: serviceDate(), ...fields });

  beforeAll(async () => {
    // The corner shop is in follow-up after its conference; its team is the lead and the supervisor.
    cornerShop = await caseIdByReference("RJ-2026-0117");
    busStop = await caseIdByReference("RJ-2026-0142");
    owner = (await db().participant.findFirstOrThrow({ where: { caseId: cornerShop, name: "Amira Khan" } })).id;
    tyler = (await db().participant.findFirstOrThrow({ where: { caseId: cornerShop, name: "Tyler Moss" } })).id;
    otherCasePerson = (await db().participant.findFirstOrThrow({ where: { caseId: busStop } })).id;
    lead = await clientFor(server().origin, "lead");
    seeded = (await db().participantFeedback.findMany({ select: { id: true } })).map((f) => f.id);
    expect(seeded).toHaveLength(2);
  });

  it("bad input records nothing and says what to fix", async () => {
    expect(await errorsOf(await lead.post(url(), { intent: "paper" }))).toMatchObject({
      participantId: "Choose whose feedback this is",
      occasion: "Choose when the feedback was asked for",
      givenOn: "Enter the date the feedback was given",
    });
    expect((await errorsOf(await lead.post(url(), paper({ satisfaction: "6" })))).satisfaction).toBe("Choose how satisfied, from 1 (very unhappy) to 5 (very happy)");
    expect((await errorsOf(await lead.post(url(), paper({ satisfaction: "4", givenOn: "2999-01-01" })))).givenOn).toBe("The date given cannot be in the future");
    expect((await errorsOf(await lead.post(url(), paper({ feltSafe: "MAYBE" })))).feltSafe).toBe("Answer yes, no or not sure");
    expect((await errorsOf(await lead.post(url(), paper()))).form).toBe("Answer at least one question, or record that they declined");
    // Someone from another case, and an occasion the case has not had.
    const elsewhere = await lead.post(url(), paper({ participantId: otherCasePerson, satisfaction: "3" }));
    expect(elsewhere.status).toBe(400);
    expect((await errorsOf(elsewhere)).participantId).toBe("Choose someone who is on this case now");
    expect((await errorsOf(await lead.post(url(), paper({ occasion: "CLOSURE", satisfaction: "3" })))).occasion).toMatch(/^The case is not closed/);
    expect((await errorsOf(await lead.post(url(), paper({ occasion: "LETTER_EXCHANGE", satisfaction: "3" })))).occasion).toMatch(/^No letter has been delivered/);
    // The bus-stop conference is booked, not held: no feedback after it yet, nor a hand-over for it.
    const busStopHarmed = (await db().participant.findFirstOrThrow({ where: { caseId: busStop, role: "PERSON_HARMED" } })).id;
    expect((await errorsOf(await lead.post(url(busStop), paper({ participantId: busStopHarmed, satisfaction: "3" })))).occasion).toMatch(/^No conference has been held/);
    expect((await errorsOf(await lead.post(url(busStop), { intent: "hand-over", participantId: busStopHarmed, occasion: "CONFERENCE" }))).occasion).toMatch(/^No conference/);
    expect(await added()).toEqual([]);
    expect(await db().participantMode.count()).toBe(0);
  });

  it("the lead copies in a paper form and records a decline; both are kept as given and audited without the words", async () => {
    const form = await lead.post(
      url(),
      paper({ satisfaction: "4", feltSafe: "YES", feltHeard: "NO", wouldRecommend: "YES", comments: "CANARY-PAPER good to be heard", givenOn: "2026-11-30" }),
    );
    expect(form.status).toBe(200);
    const declined = await lead.post(url(), { intent: "decline", participantId: tyler, occasion: "CONFERENCE", givenOn: serviceDate() });
    expect(declined.status).toBe(200);
    const rows = await added();
    expect(rows).toMatchObject([
      {
        participantId: owner,
        role: "PERSON_HARMED",
        method: "PAPER",
        declined: false,
        satisfaction: 4,
        feltSafe: true,
        feltHeard: false,
        feltPrepared: null,
        wouldRecommend: true,
        givenOn: "2026-11-30",
      },
      { participantId: tyler, role: "PERSON_RESPONSIBLE", method: "PAPER", declined: true, satisfaction: null, feltSafe: null, comments: "" },
    ]);
    const entries = await db().auditEvent.findMany({ where: { caseId: cornerShop, action: { in: ["feedback.record", "feedback.decline"] } }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["feedback.record", "feedback.decline"]);
    for (const e of entries) expect(e.details).not.toContain("CANARY");
    // Append-only: nothing going round the app changes or deletes it.
    await expect(db().participantFeedback.update({ where: { id: rows[0]!.id }, data: { satisfaction: 1 } })).rejects.toThrow();
    await expect(db().participantFeedback.delete({ where: { id: rows[0]!.id } })).rejects.toThrow();
  });

  it("the case team reads it on the feedback page, audited; nobody off the case sees it or learns the page exists", async () => {
    for (const who of ["lead", "supervisor"] as const) {
      const client = who === "lead" ? lead : await clientFor(server().origin, who);
      const res = await client.get(`/cases/${cornerShop}/feedback`);
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html, who).toContain("CANARY-PAPER good to be heard");
      expect(html, who).toContain("Declined to give feedback");
      // The supervisor reads; only the facilitators are offered the forms.
      expect(html.includes("Hand the tablet to"), who).toBe(who === "lead");
    }
    expect(await db().auditEvent.count({ where: { caseId: cornerShop, action: "case.feedback.view" } })).toBeGreaterThanOrEqual(2);
    // The co-facilitator of other cases is not on this one; the manager is on no team; the author is not staff.
    for (const who of ["co", "other", "admin", "letterAuthor"] as const) {
      const client = await clientFor(server().origin, who);
      const page = await client.get(`/cases/${cornerShop}/feedback`);
      expect(page.status, who).toBe(404);
      expect(await page.text(), who).not.toContain("CANARY");
      const post = await client.post(url(), paper({ satisfaction: "1", comments: "CANARY-INTRUDER" }));
      expect(post.status, who).toBe(404);
      const handOver = await client.post(url(), { intent: "hand-over", participantId: owner, occasion: "CONFERENCE" });
      expect(handOver.status, who).toBe(404);
    }
    const supervisor = await clientFor(server().origin, "supervisor");
    expect((await supervisor.post(url(), paper({ satisfaction: "1" }))).status).toBe(404);
    expect(await db().participantFeedback.count({ where: { comments: "CANARY-INTRUDER" } })).toBe(0);
    expect(await db().participantMode.count()).toBe(0);
  });

  it("the empty state says how to take some", async () => {
    const html = await (await lead.get(`/cases/${busStop}/feedback`)).text();
    expect(html).toContain("No feedback has been given yet");
    // Nothing has happened on the bus-stop case to ask about yet, and the page says so.
    expect(html).toContain("None of these has happened yet");
  });

  it("a person's subject access export holds their own feedback and nobody else's", async () => {
    const admin = await clientFor(server().origin, "admin");
    const made = await admin.post(`/admin/cases/${cornerShop}/subject-access?_data=${encodeURIComponent("routes/admin.cases.$caseId.subject-access._index")}`, {
      participantId: owner,
      requestedBy: "The person themselves",
      receivedOn: serviceDate(),
    });
    // Recorded, and the manager is sent on to review it (a fetcher's redirect is a 204 naming where).
    expect(made.headers.get("X-Remix-Redirect")).toMatch(/\/subject-access\/c/);
    const request = await db().subjectAccessRequest.findFirstOrThrow({ where: { caseId: cornerShop, participantId: owner } });
    const json = await (await admin.get(`/admin/cases/${cornerShop}/subject-access/${request.id}/json`)).text();
    const exported = JSON.parse(json) as { feedback: { comments: string; satisfaction: number; declined: boolean }[] };
    // Hers (the demo's paper form and the one copied in above), and not Tyler's decline.
    expect(exported.feedback).toHaveLength(await db().participantFeedback.count({ where: { participantId: owner } }));
    expect(exported.feedback).toHaveLength(2);
    expect(exported.feedback).toContainEqual(
      expect.objectContaining({ comments: "CANARY-PAPER good to be heard", satisfaction: 4, declined: false, occasion: "CONFERENCE", method: "PAPER" }),
    );
    expect(exported.feedback.every((f) => !f.declined)).toBe(true);
  });
});
