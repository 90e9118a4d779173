import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, type TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { useDemoServer } from "../support/server";

/**
 * A person says something Circle holds about them is wrong. The case's facilitators (or the
 * manager) record what they said and, once checked, the decision and what changed; the request
 * then stays as decided, on the case screen, in the audit trail.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.rectifications")}`;

describe("correction requests: recorded, decided once, kept with the case", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient, admin: TestClient;
  let caseId = "",
    harmed = "",
    otherCasePerson = "";
  const url = () => `/cases/${caseId}/rectifications?${DATA}`;
  const errorsOf = async (res: Response) => ((await res.json()) as { errors: Record<string, string> }).errors;

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    otherCasePerson = (await db().participant.findFirstOrThrow({ where: { caseId: { not: caseId } } })).id;
    [lead, admin] = await Promise.all([clientFor(server().origin, "lead"), clientFor(server().origin, "admin")]);
  });

  it("bad input records nothing and says what to fix", async () => {
    expect(await errorsOf(await lead.post(url(), { intent: "record", participantId: "", receivedOn: "", claim: "" }))).toEqual({
      participantId: "Choose who the request is about",
      receivedOn: "Enter the date the request was received",
      claim: "Say what they told you is wrong",
    });
    const elsewhere = await lead.post(url(), { intent: "record", participantId: otherCasePerson, receivedOn: serviceDate(), claim: "My date of birth is wrong" });
    expect(elsewhere.status).toBe(400);
    expect((await errorsOf(elsewhere)).participantId).toBe("Choose someone on this case");
    expect((await errorsOf(await lead.post(url(), { intent: "record", participantId: harmed, receivedOn: "2999-01-01", claim: "x" }))).receivedOn).toMatch(/future/);
    expect(await db().rectificationRequest.count()).toBe(0);
  });

  it("the letter author, the case supervisor and staff off the case are refused, and nothing is recorded", async () => {
    for (const who of ["letterAuthor", "supervisor", "other", "anonymous"] as const) {
      const client = await clientFor(server().origin, who);
      const res = await client.post(url(), { intent: "record", participantId: harmed, receivedOn: serviceDate(), claim: "My phone number is wrong" });
      // A signed-out browser is sent to sign in (a fetcher's redirect is a 204 naming where to go).
      if (who === "anonymous") expect(res.headers.get("X-Remix-Redirect")).toMatch(/^\/login/);
      else expect(res.status, who).toBe(404);
    }
    expect(await db().rectificationRequest.count()).toBe(0);
  });

  it("the lead records a request, decides it once, and the decided request cannot change", async () => {
    const recorded = await lead.post(url(), { intent: "record", participantId: harmed, receivedOn: "2026-12-01", claim: "CANARY-CLAIM my address is the old one" });
    expect(recorded.status).toBe(200);
    const id = ((await recorded.json()) as { id: string }).id;

    // A refusal and a partial correction need a reason; a correction needs what was changed.
    const decide = (fields: Record<string, string>) => lead.post(url(), { intent: "decide", rectificationId: id, ...fields });
    expect((await errorsOf(await decide({ decision: "REFUSED" }))).decisionReason).toMatch(/Give the reason/);
    expect((await errorsOf(await decide({ decision: "CORRECTED" }))).changesMade).toMatch(/Say what was changed/);
    expect((await db().rectificationRequest.findUniqueOrThrow({ where: { id } })).decision).toBeNull();

    expect((await decide({ decision: "CORRECTED", changesMade: "CANARY-CHANGED address updated under People" })).status).toBe(200);
    const again = await decide({ decision: "REFUSED", decisionReason: "Changed my mind" });
    expect(again.status).toBe(409);
    expect((await errorsOf(again)).form).toMatch(/is kept as decided\. If they ask again, record a new request\./);
    // The manager cannot change it either, nor can anything going round the app.
    expect((await admin.post(url(), { intent: "decide", rectificationId: id, decision: "REFUSED", decisionReason: "No" })).status).toBe(409);
    await expect(db().rectificationRequest.update({ where: { id }, data: { decision: "REFUSED" } })).rejects.toThrow();
    await expect(db().rectificationRequest.delete({ where: { id } })).rejects.toThrow();
    const kept = await db().rectificationRequest.findUniqueOrThrow({ where: { id }, include: { decidedBy: true } });
    expect(kept).toMatchObject({ decision: "CORRECTED", changesMade: "CANARY-CHANGED address updated under People", decisionReason: "" });
    expect(kept.decidedBy?.email).toBe("lead@demo.circle");

    // Audited as recorded and decided, in words, without what the person said.
    const entries = await db().auditEvent.findMany({ where: { target: `rectification:${id}` }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["rectification.record", "rectification.decide"]);
    expect(entries.every((e) => e.caseId === caseId)).toBe(true);
    expect(entries.map((e) => e.details).join(" ")).not.toContain("CANARY");
    const trail = (await (await admin.get(`/admin/cases/${caseId}/audit?action=rectification.decide`)).text()).replaceAll("<!-- -->", "");
    expect(trail).toContain("Recorded the decision on a correction request");
    expect(trail).toContain("Corrected");
  });

  it("the case screen lists it for the team, the data protection requests page for the manager, with its decision and dates in words", async () => {
    const supervisor = await clientFor(server().origin, "supervisor");
    for (const [client, path] of [
      [lead, `/cases/${caseId}`],
      [supervisor, `/cases/${caseId}`],
      [admin, `/admin/cases/${caseId}/subject-access`],
    ] as const) {
      const page = (await (await client.get(path)).text()).replaceAll("<!-- -->", "");
      expect(page).toContain("Corrections asked for");
      expect(page).toContain("CANARY-CLAIM my address is the old one");
      expect(page).toContain("Received 1 December 2026");
      expect(page).toContain("CANARY-CHANGED address updated under People");
    }
    // Only those who may record one get the form.
    expect(await (await supervisor.get(`/cases/${caseId}`)).text()).not.toContain("Record a request to correct their data");
    expect(await (await lead.get(`/cases/${caseId}`)).text()).toContain("Record a request to correct their data");
  });

  it("the manager records one too", async () => {
    expect((await admin.post(url(), { intent: "record", participantId: harmed, receivedOn: serviceDate(), claim: "My pronouns are wrong" })).status).toBe(200);
    expect(await db().rectificationRequest.count({ where: { caseId } })).toBe(2);
  });
});
