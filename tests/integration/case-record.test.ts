import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-schemas";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { caseIdByReference, TestClient } from "../support/http";
import { makeCase, pageText } from "../support/preparation-cases";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const db = () => getDb();
const DAY = 24 * 3600 * 1000;
type Answer = { ok: boolean; done?: string; errors?: Record<string, string>; reasons?: string[] };

/** The details form as the case page posts it, for a case made by makeCase ("Test case"). */
const details = (over: Record<string, string> = {}): Record<string, string> => ({
  intent: "details",
  title: "Test case",
  receivedOn: serviceDate(new Date(Date.now() - 10 * DAY)),
  referrerType: "PROBATION",
  referrerName: "Sam Probation",
  referrerContact: "01632 960000",
  referrerNotes: "",
  offenceType: "ASSAULT",
  offenceOther: "",
  offenceSummary: "Test offence.",
  ageGroup: "ADULT",
  ...over,
});

const changes = (caseId: string) =>
  db().caseRecordChange.findMany({
    where: { caseId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, field: true, before: true, after: true, reason: true, actorId: true },
  });
const kase = (caseId: string) => db().case.findUniqueOrThrow({ where: { id: caseId } });

describe("the case record: details, history, closing and reopening", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  let other: TestClient;
  let manager: TestClient;
  const post = async (client: TestClient, caseId: string, fields: Record<string, string>) => {
    const res = await client.post(`/cases/${caseId}/record`, fields);
    return { status: res.status, body: res.status === 404 ? null : ((await res.json()) as Answer) };
  };

  beforeAll(async () => {
    [lead, co, supervisor, other, manager] = await Promise.all([signIn("lead"), signIn("co"), signIn("supervisor"), signIn("other"), signIn("manager")]);
  });

  describe("editing the details", () => {
    it("saves a facilitator's changes and keeps each earlier value, with who and when, on the case page", async () => {
      const c = await makeCase();
      const first = await post(co, c.caseId, details());
      expect(first.status).toBe(200);
      const res = await post(lead, c.caseId, details({ title: "Assault at a bus station", ageGroup: "YOUTH", offenceType: "OTHER", offenceOther: "Affray" }));
      expect(res).toMatchObject({ status: 200, body: { ok: true } });
      expect(res.body!.done).toBe("Saved. Changed: title, type of offence, offence (other), adult or youth.");
      const after = await kase(c.caseId);
      expect(after).toMatchObject({ title: "Assault at a bus station", youth: true, offenceType: "OTHER", offenceOther: "Affray", referrerType: "PROBATION" });

      const rows = await changes(c.caseId);
      // The co's first save: every field that differed from the factory's defaults.
      expect(rows.filter((r) => r.actorId === c.users.co.id).map((r) => r.field)).toEqual(
        expect.arrayContaining(["referrerType", "referrerName", "referrerContact", "referredAt", "offenceType"]),
      );
      expect(rows.filter((r) => r.actorId === c.users.lead.id)).toEqual([
        { action: "EDITED", field: "title", before: "Test case", after: "Assault at a bus station", reason: "", actorId: c.users.lead.id },
        { action: "EDITED", field: "offenceType", before: "ASSAULT", after: "OTHER", reason: "", actorId: c.users.lead.id },
        { action: "EDITED", field: "offenceOther", before: "", after: "Affray", reason: "", actorId: c.users.lead.id },
        { action: "EDITED", field: "youth", before: "false", after: "true", reason: "", actorId: c.users.lead.id },
      ]);
      const audits = await db().auditEvent.findMany({ where: { caseId: c.caseId, action: "case.details.update" }, orderBy: { createdAt: "asc" } });
      expect(audits).toHaveLength(2);
      expect(JSON.parse(audits[1]!.details)).toEqual({ fields: ["title", "offenceType", "offenceOther", "youth"] });
      expect(audits[1]!.actorId).toBe(c.users.lead.id);

      const page = await pageText(await supervisor.get(`/cases/${c.caseId}`));
      expect(page).toContain("History of changes");
      expect(page).toMatch(/<strong>Title<\/strong> changed from <q>Test case<\/q> to <q>Assault at a bus station<\/q>/);
      expect(page).toMatch(/<strong>Adult or youth<\/strong> changed from <q>Adult case<\/q> to <q>Youth case<\/q>/);
      expect(page).toContain("Linda Millington");
    });

    it("says so and writes nothing when nothing changed", async () => {
      const c = await makeCase();
      await post(lead, c.caseId, details());
      const before = (await changes(c.caseId)).length;
      const res = await post(lead, c.caseId, details());
      expect(res.body!.done).toBe("Nothing changed: the details were already as shown.");
      expect(await changes(c.caseId)).toHaveLength(before);
    });

    it("refuses bad details field by field and changes nothing", async () => {
      const c = await makeCase();
      const before = await kase(c.caseId);
      const res = await post(lead, c.caseId, details({ title: "", receivedOn: serviceDate(new Date(Date.now() + 2 * DAY)), referrerContact: "x" }));
      expect(res.status).toBe(400);
      expect(res.body!.errors).toMatchObject({
        title: "Enter a short title for the case",
        receivedOn: "The date received cannot be in the future",
        referrerContact: "Enter a phone number (at least 7 digits) or an email address",
      });
      expect(await kase(c.caseId)).toEqual(before);
      expect(await changes(c.caseId)).toEqual([]);
    });

    it("lets the manager edit, and nobody else off the case's facilitators: 404 before the form is read", async () => {
      const c = await makeCase();
      expect((await post(manager, c.caseId, details({ title: "Renamed by the manager" }))).status).toBe(200);
      expect((await changes(c.caseId)).find((r) => r.field === "title")?.actorId).toBe(c.users.admin.id);
      for (const client of [supervisor, other]) {
        expect((await post(client, c.caseId, details({ title: "Not allowed" }))).status).toBe(404);
      }
      expect((await kase(c.caseId)).title).toBe("Renamed by the manager");
    });

    it("marking a booked case sensitive puts its conference on hold until the supervisor approves", async () => {
      const c = await makeCase({ stage: "CONFERENCE_SCHEDULED", recommendation: "PROCEED" });
      const conf = await factories(db()).conference({ caseId: c.caseId, scheduledAt: new Date(Date.now() + 5 * DAY), venue: "Library" });
      const res = await post(lead, c.caseId, details({ sensitive: "on" }));
      expect(res.status).toBe(200);
      expect(res.body!.done).toContain("The booked conference is on hold");
      expect((await db().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("ON_HOLD");
      expect((await kase(c.caseId)).stage).toBe("PREPARATION");
    });

    it("a risk assessment that marks the case sensitive is in the record's history too", async () => {
      const c = await makeCase({ stage: "ASSESSMENT" });
      const res = await lead.post(`/cases/${c.caseId}/risk`, {
        intent: "assess",
        physicalHarm: "LOW",
        emotionalHarm: "LOW",
        vulnerability: "LOW",
        powerImbalance: "LOW",
        acknowledges: "FULLY",
        overall: "LOW",
        recommendation: "PROCEED",
        sensitive: "on",
      });
      expect(res.status).toBe(200);
      expect(await changes(c.caseId)).toEqual([
        { action: "EDITED", field: "sensitive", before: "false", after: "true", reason: "Marked in a risk assessment", actorId: c.users.lead.id },
      ]);
      expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toMatch(
        /<strong>Sensitive or complex<\/strong> changed from <q>No<\/q> to <q>Yes<\/q> \(marked in a risk assessment\)/,
      );
    });
  });

  describe("closing and reopening", () => {
    const close = (client: TestClient, caseId: string, extra: Record<string, string> = { closureReason: "WITHDRAWN", closureNote: "" }) =>
      client.post(`/cases/${caseId}/stage`, { intent: "move", to: "CLOSED", ...extra });

    it("a facilitator's closure goes into the history with the stage it left; details cannot then be edited", async () => {
      const c = await makeCase({ stage: "ASSESSMENT" });
      expect((await close(lead, c.caseId, { closureReason: "NOT_SUITABLE", closureNote: "Risk too high." })).status).toBe(200);
      expect(await changes(c.caseId)).toEqual([
        { action: "CLOSED", field: "stage", before: "ASSESSMENT", after: "CLOSED", reason: "Not suitable: Risk too high.", actorId: c.users.lead.id },
      ]);
      const res = await post(lead, c.caseId, details({ title: "Too late" }));
      expect(res.status).toBe(400);
      expect(res.body!.reasons).toEqual(["This case is closed. Ask the service manager to reopen it before changing its details."]);
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toContain("Only the service manager can reopen it.");
      expect(page).not.toContain("Edit the details");
    });

    it("only the manager reopens: facilitators and the supervisor get 404, and the case stays closed", async () => {
      const c = await makeCase();
      await close(lead, c.caseId);
      for (const client of [lead, co, supervisor, other]) {
        expect((await post(client, c.caseId, { intent: "reopen", reason: "They changed their mind." })).status).toBe(404);
      }
      expect((await kase(c.caseId)).stage).toBe("CLOSED");
    });

    it("reopening needs a reason", async () => {
      const c = await makeCase();
      await close(lead, c.caseId);
      const res = await post(manager, c.caseId, { intent: "reopen", reason: "  " });
      expect(res.status).toBe(400);
      expect(res.body!.errors!.reason).toBe("Say why the case is being reopened");
      expect((await kase(c.caseId)).stage).toBe("CLOSED");
    });

    it("the manager reopens a case to the stage it was closed from, with the reason in the history, the timeline and the audit trail", async () => {
      const c = await makeCase({ stage: "PREPARATION" });
      await close(lead, c.caseId, { closureReason: "DECLINED_BY_HARMED", closureNote: "" });
      const res = await post(manager, c.caseId, { intent: "reopen", reason: "She asked to continue after all." });
      expect(res).toMatchObject({ status: 200, body: { ok: true, done: "The case is open again, at preparation." } });
      expect(await kase(c.caseId)).toMatchObject({ stage: "PREPARATION", closureReason: null, closureNote: null });
      expect((await changes(c.caseId)).at(-1)).toEqual({
        action: "REOPENED",
        field: "stage",
        before: "CLOSED",
        after: "PREPARATION",
        reason: "She asked to continue after all.",
        actorId: c.users.admin.id,
      });
      const event = await db().caseStageEvent.findFirstOrThrow({ where: { caseId: c.caseId }, orderBy: { createdAt: "desc" } });
      expect(event).toMatchObject({ stage: "PREPARATION", actorId: c.users.admin.id, reason: "Reopened: She asked to continue after all." });
      const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "case.reopen" } });
      expect(JSON.parse(audit.details)).toEqual({ from: "CLOSED", to: "PREPARATION", reason: "She asked to continue after all." });
      // The team can move it on again.
      expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toContain("Reopened the case at preparation: She asked to continue after all.");
    });

    it("a case closed with a conference booked reopens in preparation; the cancelled booking stays cancelled", async () => {
      const c = await makeCase({ stage: "CONFERENCE_SCHEDULED", recommendation: "PROCEED" });
      const conf = await factories(db()).conference({ caseId: c.caseId, scheduledAt: new Date(Date.now() + 5 * DAY), venue: "Library" });
      await close(lead, c.caseId);
      expect((await post(manager, c.caseId, { intent: "reopen", reason: "Re-book later." })).status).toBe(200);
      expect((await kase(c.caseId)).stage).toBe("PREPARATION");
      expect((await db().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("CANCELLED");
    });

    it("a case closed before Circle kept closures in the history returns to the stage before closure on its timeline", async () => {
      const caseId = await caseIdByReference("RJ-2026-0098");
      expect((await post(manager, caseId, { intent: "reopen", reason: "A new offence by the same person." })).status).toBe(200);
      expect((await kase(caseId)).stage).toBe("FOLLOW_UP");
    });

    it("refuses to reopen a case that is not closed", async () => {
      const c = await makeCase();
      const res = await post(manager, c.caseId, { intent: "reopen", reason: "Why not." });
      expect(res.status).toBe(400);
      expect(res.body!.reasons).toEqual(["This case is not closed."]);
    });

    it("the manager can close from the case record with the same rules, and a closed case cannot be moved on", async () => {
      const c = await makeCase({ stage: "REFERRAL" });
      const missing = await post(manager, c.caseId, { intent: "close", closureReason: "OTHER", closureNote: "" });
      expect(missing.status).toBe(400);
      expect(missing.body!.errors!.closureNote).toBe("Say why the case is closing");
      expect((await post(manager, c.caseId, { intent: "close", closureReason: "OTHER", closureNote: "Referred to mediation." })).status).toBe(200);
      expect(await kase(c.caseId)).toMatchObject({ stage: "CLOSED", closureReason: "OTHER", closureNote: "Referred to mediation." });
      const refused = await lead.post(`/cases/${c.caseId}/stage`, { intent: "move", to: "ASSESSMENT" });
      expect(((await refused.json()) as Answer).reasons).toEqual(["This case is closed. Only the service manager can reopen it."]);
    });

    it("an unknown intent is a 400 for those who may post here", async () => {
      const c = await makeCase();
      const res = await post(lead, c.caseId, { intent: "delete" });
      expect(res.status).toBe(400);
      expect(res.body!.errors!.intent).toBe("Unknown action");
    });
  });

  describe("the manager's record page", () => {
    it("shows the record and its history (not the people), and records the view", async () => {
      const c = await makeCase();
      await post(lead, c.caseId, details({ title: "Seen by the manager" }));
      const before = await db().auditEvent.count({ where: { caseId: c.caseId, action: "case.record.view" } });
      const res = await manager.get(`/admin/cases/${c.caseId}`);
      expect(res.status).toBe(200);
      const page = await pageText(res);
      expect(page).toContain("Seen by the manager");
      expect(page).toContain("History of the record");
      expect(page).toMatch(/<strong>Title<\/strong> changed from <q>Test case<\/q>/);
      // Preparation stays with the team: no participant names.
      expect(page).not.toContain("Asha Khan");
      expect(await db().auditEvent.count({ where: { caseId: c.caseId, action: "case.record.view" } })).toBe(before + 1);
    });

    it("answers 404 for a case of another service", async () => {
      const make = factories(db());
      const service = await make.service("Another service");
      const foreign = await make.case({ serviceId: service.id, reference: "NB-2026-0001", title: "Elsewhere", offenceSummary: "Not ours." });
      expect((await manager.get(`/admin/cases/${foreign.id}`)).status).toBe(404);
      expect((await post(manager, foreign.id, details())).status).toBe(404);
    });
  });
});
