import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { bookingForm, inDays } from "../support/booking";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { makeCase, pageText } from "../support/preparation-cases";

/**
 * A conference booked on a case whose person responsible is in the intervention programme, against
 * the real server: a concern raised at a session, or the facilitators' judgement that he is not
 * ready, puts the booking on hold at once, says why on the case screen, tells the case team and is
 * audited; re-booking asks the whole booking gate again. A review without a concern, or a judgement
 * of ready, leaves the booking as it is.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;

type Made = Awaited<ReturnType<typeof makeCase>>;

describe("what the programme records after a conference is booked", () => {
  const server = useDemoServer();
  const db = () => getDb();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient, supervisor: TestClient;

  beforeAll(async () => {
    [lead, supervisor] = await Promise.all([signIn("lead"), signIn("supervisor")]);
  });

  const programme = (c: Made, fields: Record<string, string>) => lead.post(`/cases/${c.caseId}/programme?${DATA}`, fields);
  const conferences = (c: Made, body: URLSearchParams | Record<string, string>) =>
    lead.request(`/cases/${c.caseId}/conferences`, { method: "POST", body: body instanceof URLSearchParams ? body : new URLSearchParams(body) });
  const sessions = (c: Made) => db().programmeSession.findMany({ where: { programme: { caseId: c.caseId } }, orderBy: { position: "asc" } });
  const booking = async (c: Made) => db().conference.findFirstOrThrow({ where: { caseId: c.caseId } });
  const stageOf = async (c: Made) => (await db().case.findUniqueOrThrow({ where: { id: c.caseId } })).stage;
  const heldNotices = (c: Made, who: "co" | "supervisor" | "lead") =>
    db().notification.findMany({ where: { caseId: c.caseId, kind: "CONFERENCE_HELD", recipientId: c.users[who].id } });
  /** The case screen's words, without its markup. */
  const caseScreen = async (client: TestClient, c: Made) => (await pageText(await client.get(`/cases/${c.caseId}`))).replace(/<[^>]+>/g, "");
  const doneOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { done: string }).done;
  };

  /** A case with every programme session held and the facilitators' READY, and a conference booked through the case screen's form. */
  async function bookedWithProgramme(): Promise<{ c: Made; conferenceId: string }> {
    const c = await makeCase({ recommendation: "PROCEED" });
    const template = await db().programmeTemplate.findFirstOrThrow({ where: { serviceId: c.users.lead.serviceId, standard: true, archivedAt: null } });
    await doneOf(await programme(c, { intent: "start", participantId: c.responsible, templateId: template.id }));
    // Attendance as the page records it, one row per session, written directly to keep the test short.
    await db().programmeAttendance.createMany({ data: (await sessions(c)).map((s) => ({ caseId: c.caseId, sessionId: s.id, status: "ATTENDED", recordedById: c.users.lead.id })) });
    await doneOf(await programme(c, { intent: "judgement", kind: "READY", reasons: "" }));
    const booked = await conferences(c, bookingForm(c));
    expect(booked.status).toBe(200);
    expect(await stageOf(c)).toBe("CONFERENCE_SCHEDULED");
    return { c, conferenceId: (await booking(c)).id };
  }
  const rebook = (c: Made, conferenceId: string) => conferences(c, { intent: "rebook", conferenceId, scheduledAt: inDays(20), endsAt: "", venue: "Library", room: "" });

  it("a concern raised at session 7 puts the booking on hold: the case screen says why, the team is told, it is audited; re-booking waits for a new risk assessment", async () => {
    const { c, conferenceId } = await bookedWithProgramme();
    const seventh = (await sessions(c))[6]!;
    const done = await doneOf(
      await programme(c, { intent: "review", sessionId: seventh.id, engagement: "2", concern: "yes", concernText: "Asked where she lives now", contactReadiness: "NOT_YET" }),
    );
    const reason = `A risk or safeguarding concern was raised in programme session 7 ("${seventh.title}") on `;
    expect(done).toContain(`The booked conference is on hold: ${reason}`);

    const held = await booking(c);
    expect(held.status).toBe("ON_HOLD");
    expect(held.holdReason).toMatch(
      /^A risk or safeguarding concern was raised in programme session 7 \(".+"\) on \d{1,2} \w+ \d{4}: record a new risk assessment, then re-book the conference\.$/,
    );
    expect(await stageOf(c)).toBe("PREPARATION");
    expect(await caseScreen(supervisor, c)).toContain(`On hold: ${held.holdReason}`);
    // Everyone on the team but the lead who recorded it.
    expect((await heldNotices(c, "co")).map((n) => n.text)).toEqual([`The conference on ${c.reference} was put on hold.`]);
    expect(await heldNotices(c, "supervisor")).toHaveLength(1);
    expect(await heldNotices(c, "lead")).toHaveLength(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "programme.review" } });
    expect(JSON.parse(audit.details)).toEqual({ concern: true, engagement: 2, heldBooking: true });
    expect(audit.details).not.toContain("where she lives");

    const refused = await rebook(c, conferenceId);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reasons: string[] }).reasons.join(" ")).toContain("record a new risk assessment");
    expect((await booking(c)).status).toBe("ON_HOLD");

    const assessed = await lead.post(`/cases/${c.caseId}/risk`, {
      intent: "assess",
      physicalHarm: "LOW",
      emotionalHarm: "MEDIUM",
      vulnerability: "MEDIUM",
      powerImbalance: "LOW",
      acknowledges: "FULLY",
      overall: "LOW",
      recommendation: "PROCEED",
      summary: "Reviewed after the concern at session 7: he no longer asks about her.",
    });
    expect(assessed.status).toBe(200);
    expect((await rebook(c, conferenceId)).status).toBe(200);
    expect(await booking(c)).toMatchObject({ status: "SCHEDULED", holdReason: null });
    expect(await stageOf(c)).toBe("CONFERENCE_SCHEDULED");
  });

  it("a review without a concern and a judgement of ready leave the booking as it is, and tell nobody", async () => {
    const { c } = await bookedWithProgramme();
    const eighth = (await sessions(c))[7]!;
    expect(await doneOf(await programme(c, { intent: "review", sessionId: eighth.id, engagement: "5", concern: "no", contactReadiness: "READY" }))).toBe("Review recorded.");
    expect(await doneOf(await programme(c, { intent: "judgement", kind: "READY", reasons: "" }))).toBe("The readiness judgement is recorded.");
    expect(await booking(c)).toMatchObject({ status: "SCHEDULED", holdReason: null });
    expect(await stageOf(c)).toBe("CONFERENCE_SCHEDULED");
    expect(await heldNotices(c, "supervisor")).toHaveLength(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "programme.review" } });
    expect(JSON.parse(audit.details)).toMatchObject({ concern: false, heldBooking: false });
  });

  it("a judgement of not ready puts the booking on hold the same way; it is re-booked once they are judged ready", async () => {
    const { c, conferenceId } = await bookedWithProgramme();
    const done = await doneOf(await programme(c, { intent: "judgement", kind: "NOT_READY", reasons: "Blamed her again in session 11" }));
    expect(done).toContain("The booked conference is on hold: The facilitators judged the person responsible not ready on ");

    const held = await booking(c);
    expect(held.status).toBe("ON_HOLD");
    // The reasons typed stay on the programme page; the hold points there.
    expect(held.holdReason).not.toContain("Blamed her");
    expect(await caseScreen(lead, c)).toContain(`On hold: ${held.holdReason}`);
    expect(await heldNotices(c, "co")).toHaveLength(1);
    expect(await heldNotices(c, "supervisor")).toHaveLength(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "programme.judgement" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit.details)).toEqual({ kind: "NOT_READY", heldBooking: true });

    const refused = await rebook(c, conferenceId);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reasons: string[] }).reasons).toEqual(["The facilitators judged the person responsible not ready: Blamed her again in session 11"]);
    await doneOf(await programme(c, { intent: "judgement", kind: "READY", reasons: "" }));
    expect((await rebook(c, conferenceId)).status).toBe(200);
    expect((await booking(c)).status).toBe("SCHEDULED");
  });

  it("after the case supervisor's recorded decision to go ahead, not ready holds nothing; a concern still does", async () => {
    const { c } = await bookedWithProgramme();
    expect((await supervisor.post(`/cases/${c.caseId}/programme?${DATA}`, { intent: "override", reasons: "She asked to meet before her move abroad" })).status).toBe(200);
    await doneOf(await programme(c, { intent: "judgement", kind: "NOT_READY", reasons: "Still minimises it" }));
    expect((await booking(c)).status).toBe("SCHEDULED");
    const first = (await sessions(c))[0]!;
    await doneOf(await programme(c, { intent: "review", sessionId: first.id, engagement: "3", concern: "yes", concernText: "Threats on the wing", contactReadiness: "NOT_YET" }));
    expect((await booking(c)).status).toBe("ON_HOLD");
  });
});
