import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpService } from "~/models/setup.server";
import { ensureStandardProgrammes } from "~/models/standard-programme.server";
import { getDb } from "~/utils/db.server";
import { databaseFilePath } from "~/utils/env.server";
import { caseIdByReference, type TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { useDemoServer } from "../support/server";

/**
 * The person responsible's intervention programme on the bus-stop case, against the real server:
 * the facilitators start it from the service's standard programme, adapt it with reasons, schedule
 * and record sessions; missed sessions reach the facilitators and, two in a row, the case
 * supervisor; the apology cannot be released until the programme is complete or the case
 * supervisor records why not; a concern raised at a session asks for a new risk assessment.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;

describe("the intervention programme: run by the case's facilitators, gated for the letter, overseen by the case supervisor", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient, co: TestClient, supervisor: TestClient, admin: TestClient;
  let caseId = "",
    daniel = "",
    templateId = "",
    letterId = "",
    coId = "",
    otherId = "",
    supervisorId = "";
  const url = () => `/cases/${caseId}/programme?${DATA}`;
  const post = (client: TestClient, fields: Record<string, string>) => client.post(url(), fields);
  const errorsOf = async (res: Response) => ((await res.json()) as { errors: Record<string, string> }).errors;
  const sessions = () => db().programmeSession.findMany({ where: { programme: { caseId } }, orderBy: { position: "asc" } });
  const nth = async (n: number) => (await sessions())[n - 1]!;
  const release = () =>
    lead.post(`/cases/${caseId}/letters/${letterId}?_data=${encodeURIComponent("routes/cases.$caseId_.letters.$letterId")}`, { intent: "release", method: "IN_PERSON" });

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    daniel = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    const service = (await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { serviceId: true } })).serviceId;
    templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { serviceId: service, standard: true } })).id;
    letterId = (await db().letter.findFirstOrThrow({ where: { caseId, writerId: daniel } })).id;
    coId = (await db().user.findUniqueOrThrow({ where: { email: "co@demo.circle" } })).id;
    otherId = (await db().user.findUniqueOrThrow({ where: { email: "other@demo.circle" } })).id;
    supervisorId = (await db().user.findUniqueOrThrow({ where: { email: "supervisor@demo.circle" } })).id;
    [lead, co, supervisor, admin] = await Promise.all([
      clientFor(server().origin, "lead"),
      clientFor(server().origin, "co"),
      clientFor(server().origin, "supervisor"),
      clientFor(server().origin, "admin"),
    ]);
  });

  it("the demo service has its standard programme of twelve three-hour sessions, and the case none yet: the letter gate is as it was", async () => {
    const template = await db().programmeTemplate.findUniqueOrThrow({ where: { id: templateId }, include: { sessions: { orderBy: { position: "asc" } } } });
    expect(template.sessions).toHaveLength(12);
    expect(template.sessions.every((s) => s.minutes === 180)).toBe(true);
    expect(template.sessions.at(-1)!.module).toBe("THE_LETTER");
    const page = await (await lead.get(`/cases/${caseId}/programme`)).text();
    expect(page).toContain("Start the programme");
    expect(await (await lead.get(`/cases/${caseId}`)).text()).toContain("No programme has been started on this case.");
  });

  it("bad input starts and records nothing and says what to fix", async () => {
    expect(await errorsOf(await post(lead, { intent: "start" }))).toMatchObject({
      participantId: "Choose the person responsible",
      templateId: "Choose the programme to start from",
    });
    const harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    expect((await errorsOf(await post(lead, { intent: "start", participantId: harmed, templateId }))).participantId).toBe("Choose the person responsible on this case.");
    expect((await errorsOf(await post(lead, { intent: "skip", sessionId: templateId, reason: "x" }))).form).toBe("This case has no programme yet: start one first.");
    expect(await db().caseProgramme.count({ where: { caseId } })).toBe(0);
  });

  it("the lead starts it from the standard programme: twelve sessions copied for the person responsible, audited", async () => {
    const res = await post(lead, { intent: "start", participantId: daniel, templateId });
    expect(res.status).toBe(200);
    expect((await sessions()).map((s) => s.minutes)).toEqual(Array(12).fill(180));
    expect((await post(lead, { intent: "start", participantId: daniel, templateId })).status).toBe(409);
    const entry = await db().auditEvent.findFirstOrThrow({ where: { caseId, action: "programme.start" } });
    expect(JSON.parse(entry.details)).toEqual({ sessions: 12 });
  });

  it("the facilitators adapt it: skip with a reason, move with a reason, add one; each change is in its history with the reason", async () => {
    const third = await nth(3);
    expect((await errorsOf(await post(co, { intent: "skip", sessionId: third.id, reason: "" }))).reason).toBe("Say why the session is skipped");
    expect((await post(co, { intent: "skip", sessionId: third.id, reason: "Covered in the first two sessions" })).status).toBe(200);
    const fifth = await nth(5);
    expect((await errorsOf(await post(lead, { intent: "move", sessionId: fifth.id, place: "2", reason: " " }))).reason).toBe("Say why the order changes");
    expect((await post(lead, { intent: "move", sessionId: fifth.id, place: "2", reason: "He is ready to talk about the person harmed early" })).status).toBe(200);
    expect((await nth(2)).id).toBe(fifth.id);
    expect((await sessions()).map((s) => s.position)).toEqual([...Array(12).keys()]);
    expect(
      (await errorsOf(await post(lead, { intent: "add", title: "Family visit", module: "CONSEQUENCES", minutes: "600", aims: "Meet", reason: "His mother asked" }))).minutes,
    ).toBe("A session is at most 8 hours (480 minutes)");
    expect(
      (await post(lead, { intent: "add", title: "Family visit", module: "CONSEQUENCES", minutes: "90", aims: "Talk with his mother", reason: "His mother asked to take part" }))
        .status,
    ).toBe(200);
    expect((await sessions()).at(-1)).toMatchObject({ title: "Family visit", added: true, position: 12 });
    const changes = await db().programmeChange.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.kind, c.reason])).toEqual([
      ["SKIPPED", "Covered in the first two sessions"],
      ["MOVED", "He is ready to talk about the person harmed early"],
      ["ADDED", "His mother asked to take part"],
    ]);
    const page = await (await lead.get(`/cases/${caseId}/programme`)).text();
    expect(page).toContain("Covered in the first two sessions");
    // The audit trail says what kind of change, never the reason typed.
    const audit = await db().auditEvent.findMany({ where: { caseId, action: { in: ["programme.skip", "programme.move", "programme.add"] } } });
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.details).join(" ")).not.toContain("mother");
  });

  it("schedules a session at a prison with a co-facilitator from the case team only, and shows it as a date people read", async () => {
    const first = await nth(1);
    const plan = { intent: "schedule", sessionId: first.id, scheduledOn: "2026-12-01", scheduledAt: "10:00", venueKind: "PRISON", venue: "HMP Leeds, visits hall" };
    expect((await errorsOf(await post(lead, { ...plan, coFacilitatorId: otherId }))).coFacilitatorId).toBe("Choose a co-facilitator from the case team.");
    expect((await errorsOf(await post(lead, { ...plan, scheduledAt: "25:00" }))).scheduledAt).toBe("Enter the time the session starts, like 10:00");
    expect((await post(lead, { ...plan, coFacilitatorId: coId })).status).toBe(200);
    expect(await nth(1)).toMatchObject({ scheduledOn: "2026-12-01", venueKind: "PRISON", coFacilitatorId: coId });
    const page = await (await lead.get(`/cases/${caseId}/programme`)).text();
    expect(page).toContain("1 December 2026 at 10:00, Prison (HMP Leeds, visits hall), with Chris Patel");
  });

  it("a missed session tells the other facilitator; two in a row tell the case supervisor too; a correction is a new row", async () => {
    // In the order as adapted: the third is not recorded yet and the fourth is skipped.
    const [first, second, fourth] = [await nth(1), await nth(2), await nth(5)];
    expect((await errorsOf(await post(lead, { intent: "attendance", sessionId: first.id, status: "DID_NOT_ATTEND" }))).reason).toBe(
      "Say why they did not attend, or that nobody knows yet",
    );
    expect((await errorsOf(await post(lead, { intent: "attendance", sessionId: first.id, status: "CANCELLED" }))).cancelledBy).toBe("Choose who cancelled the session");
    expect((await post(lead, { intent: "attendance", sessionId: first.id, status: "ATTENDED" })).status).toBe(200);
    const missed = await post(lead, { intent: "attendance", sessionId: second.id, status: "DID_NOT_ATTEND", reason: "Moved wing, no escort" });
    expect(((await missed.json()) as { done: string }).done).toBe("Attendance recorded. The case's facilitators are told.");
    const kinds = async (userId: string) =>
      (await db().notification.findMany({ where: { recipientId: userId, caseId, kind: { in: ["PROGRAMME_SESSION_MISSED", "PROGRAMME_SESSIONS_MISSED"] } } })).map((n) => n.kind);
    expect(await kinds(coId)).toEqual(["PROGRAMME_SESSION_MISSED"]);
    expect(await kinds(supervisorId)).toEqual([]);
    // Those two are passed over: the fifth, missed too, is the second in a row.
    expect((await post(lead, { intent: "attendance", sessionId: fourth.id, status: "DID_NOT_ATTEND", reason: "Said he was unwell" })).status).toBe(200);
    expect((await kinds(coId)).sort()).toEqual(["PROGRAMME_SESSION_MISSED", "PROGRAMME_SESSION_MISSED"]);
    expect(await kinds(supervisorId)).toEqual(["PROGRAMME_SESSIONS_MISSED"]);
    const told = await db().notification.findFirstOrThrow({ where: { recipientId: supervisorId, kind: "PROGRAMME_SESSIONS_MISSED" } });
    expect(told).toMatchObject({ text: "Two programme sessions in a row on RJ-2026-0142 were missed.", link: `/cases/${caseId}/programme` });
    // Corrected: he came after all. The first record stays; the newest counts.
    expect((await post(co, { intent: "attendance", sessionId: fourth.id, status: "LATE" })).status).toBe(200);
    expect(await db().programmeAttendance.count({ where: { sessionId: fourth.id } })).toBe(2);
    const sqlite = new Database(databaseFilePath());
    try {
      expect(() => sqlite.prepare(`UPDATE "ProgrammeAttendance" SET "status" = 'ATTENDED' WHERE "sessionId" = ?`).run(second.id)).toThrow(/append-only/);
      expect(() => sqlite.prepare(`DELETE FROM "ProgrammeAttendance" WHERE "sessionId" = ?`).run(second.id)).toThrow(/append-only/);
    } finally {
      sqlite.close();
    }
    expect((await errorsOf(await post(lead, { intent: "skip", sessionId: first.id, reason: "Not needed" }))).reason).toBe("This session has been held, so it cannot be skipped.");
  });

  it("the apology is not released while the programme is incomplete; the case supervisor's recorded reason lets it go", async () => {
    // The demo letter, approved by its facilitator and wanted by the person harmed now.
    await db().letterVersion.create({
      data: { letterId, number: 1, contentJson: "{}", contentText: "Dear Jess, I am sorry.", contentHash: "0".repeat(64), decision: "APPROVED", decidedAt: new Date() },
    });
    await db().letter.update({ where: { id: letterId }, data: { status: "APPROVED" } });
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "choice", choice: "RECEIVE_NOW", method: "PHONE" })).status).toBe(200);
    const refused = await release();
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain("The programme is not complete: 2 of 12 sessions held.");
    // The case screen says the same before anyone taps.
    const screen = await (await lead.get(`/cases/${caseId}`)).text();
    expect(screen).toContain("2 of 12");
    expect(screen).toContain("The facilitators have not yet recorded whether the person responsible is ready.");
    // The facilitators cannot decide this; the case supervisor can, with a reason.
    expect((await post(lead, { intent: "override", reasons: "We think so" })).status).toBe(404);
    expect((await errorsOf(await post(supervisor, { intent: "override", reasons: "" }))).reasons).toBe("Say why the case goes ahead without a complete programme");
    expect((await post(supervisor, { intent: "attendance", sessionId: (await nth(5)).id, status: "ATTENDED" })).status).toBe(404);
    expect((await post(supervisor, { intent: "override", reasons: "Jess asked for the letter before her move abroad" })).status).toBe(200);
    expect((await release()).status).toBe(200);
  });

  it("a concern raised at a session shows on the case screen and asks for a new risk assessment", async () => {
    const notYet = await nth(3);
    expect((await errorsOf(await post(lead, { intent: "review", sessionId: notYet.id, engagement: "4", concern: "no", contactReadiness: "READY" }))).form).toBe(
      "Record that they attended before reviewing the session.",
    );
    const first = await nth(1);
    expect((await errorsOf(await post(lead, { intent: "review", sessionId: first.id, engagement: "9", concern: "yes", contactReadiness: "SOON" }))).engagement).toBe(
      "Choose how engaged they were",
    );
    expect((await errorsOf(await post(lead, { intent: "review", sessionId: first.id, engagement: "3", concern: "yes", contactReadiness: "NOT_YET" }))).concernText).toBe(
      "Describe the concern",
    );
    expect(
      (await post(lead, { intent: "review", sessionId: first.id, engagement: "3", concern: "yes", concernText: "Spoke of finding her", contactReadiness: "NOT_YET" })).status,
    ).toBe(200);
    const screen = await (await supervisor.get(`/cases/${caseId}`)).text();
    expect(screen).toContain("The risk assessment needs review.");
    expect(screen).toContain("record a new risk assessment");
  });

  it("the readiness judgement needs reasons when not ready; the case team reads it all; the manager and others get 404", async () => {
    expect((await errorsOf(await post(co, { intent: "judgement", kind: "NOT_READY" }))).reasons).toBe("Say why they are not ready yet");
    expect((await post(co, { intent: "judgement", kind: "NOT_READY", reasons: "Still minimises the violence" })).status).toBe(200);
    const page = await (await supervisor.get(`/cases/${caseId}/programme`)).text();
    expect(page).toContain("not ready yet: Still minimises the violence");
    expect((await admin.get(`/cases/${caseId}/programme`)).status).toBe(404);
    expect((await (await clientFor(server().origin, "other")).get(`/cases/${caseId}/programme`)).status).toBe(404);
    expect(await db().auditEvent.count({ where: { caseId, action: "case.programme.view" } })).toBeGreaterThan(0);
  });

  it("the manager edits the service's templates; a programme already started keeps its own sessions", async () => {
    const data = `/admin/programmes?_data=${encodeURIComponent("routes/admin.programmes")}`;
    const first = await db().programmeTemplateSession.findFirstOrThrow({ where: { templateId, position: 0 } });
    const edit = { intent: "edit-session", templateId, sessionId: first.id, title: "", module: "EMPATHY", minutes: "180", aims: "Aims" };
    expect(((await (await admin.post(data, edit)).json()) as { errors: Record<string, string> }).errors.title).toBe("Give the session a title");
    expect((await admin.post(data, { ...edit, title: "First meeting" })).status).toBe(200);
    expect((await db().programmeTemplateSession.findUniqueOrThrow({ where: { id: first.id } })).title).toBe("First meeting");
    expect((await nth(1)).title).toBe("Starting out: why we are here");
    expect((await admin.post(data, { intent: "create", name: "Youth programme", basedOn: "standard" })).status).toBe(200);
    expect(await db().programmeTemplateSession.count({ where: { template: { name: "Youth programme" } } })).toBe(12);
    expect((await lead.post(data, { intent: "create", name: "Mine", basedOn: "empty" })).status).toBe(404);
    expect(await db().auditEvent.count({ where: { action: "programme-template.edit-session" } })).toBe(1);
  });

  it("a new service gets the standard programme at setup; one set up before programmes existed gets it at the next start, once", async () => {
    const made = await setUpService({ service: "Programme Test Service", adminEmail: "programme-setup@example.org", adminName: "Pat Doe" });
    expect(await db().programmeTemplateSession.count({ where: { template: { serviceId: made.serviceId, standard: true } } })).toBe(12);
    const older = await db().service.create({ data: { name: "Set up before programmes" } });
    expect(await ensureStandardProgrammes(db())).toBe(1);
    expect(await db().programmeTemplate.count({ where: { serviceId: older.id, standard: true } })).toBe(1);
    // Its manager archives it: the next start does not bring it back.
    await db().programmeTemplate.updateMany({ where: { serviceId: older.id }, data: { archivedAt: new Date() } });
    expect(await ensureStandardProgrammes(db())).toBe(0);
  });
});
