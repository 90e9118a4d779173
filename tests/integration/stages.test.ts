import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { Stage } from "~/utils/roles";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { makeCase, pageText } from "../support/preparation-cases";

const kase = (caseId: string) => getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true, closureReason: true, closureNote: true } });
const myEvents = (caseId: string) => getDb().caseStageEvent.findMany({ where: { caseId, actorId: { not: null } }, orderBy: { createdAt: "asc" } });

describe("moving a case through its stages", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient;
  let co: TestClient;
  const move = (client: TestClient, caseId: string, to: string, extra: Record<string, string> = {}) => client.post(`/cases/${caseId}/stage`, { intent: "move", to, ...extra });

  beforeAll(async () => {
    [lead, co] = await Promise.all([signIn("lead"), signIn("co")]);
  });

  it("referral → assessment waits for the Victims' Code offer, then moves with an event and an audit row", async () => {
    const c = await makeCase({ stage: "REFERRAL", infoOffered: false });
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("Move the case on");
    expect(page).toContain("Record when Asha Khan was offered information about restorative justice, or why they are not invited.");

    const refused = await move(lead, c.caseId, "ASSESSMENT");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reasons: string[] }).reasons).toEqual([
      "Record when Asha Khan was offered information about restorative justice, or why they are not invited.",
    ]);
    expect((await kase(c.caseId)).stage).toBe("REFERRAL");
    expect(await myEvents(c.caseId)).toHaveLength(0);

    await getDb().participant.update({ where: { id: c.harmed }, data: { infoOfferedAt: new Date(), infoOfferedById: c.users.lead.id } });
    const res = await move(co, c.caseId, "ASSESSMENT");
    expect(res.status).toBe(200);
    expect((await kase(c.caseId)).stage).toBe("ASSESSMENT");
    expect(await myEvents(c.caseId)).toEqual([expect.objectContaining({ stage: "ASSESSMENT", actorId: c.users.co.id })]);
    const audits = await getDb().auditEvent.findMany({ where: { caseId: c.caseId, action: "case.stage" } });
    expect(audits.map((a) => JSON.parse(a.details))).toEqual([{ from: "REFERRAL", to: "ASSESSMENT" }]);
  });

  it("assessment → preparation needs an assessment made at this stage", async () => {
    const c = await makeCase({ stage: "ASSESSMENT" });
    // An assessment from an earlier stage does not count.
    await factories(getDb()).riskAssessment({ caseId: c.caseId, stage: "REFERRAL", assessedById: c.users.lead.id });
    const refused = await move(lead, c.caseId, "PREPARATION");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reasons: string[] }).reasons).toEqual(["Complete a risk assessment for the assessment stage."]);
    const saved = await lead.post(`/cases/${c.caseId}/risk`, {
      intent: "assess",
      physicalHarm: "LOW",
      emotionalHarm: "LOW",
      vulnerability: "LOW",
      powerImbalance: "LOW",
      acknowledges: "FULLY",
      overall: "LOW",
      recommendation: "INDIRECT_ONLY",
    });
    expect(saved.status).toBe(200);
    expect((await move(lead, c.caseId, "PREPARATION")).status).toBe(200);
    expect((await kase(c.caseId)).stage).toBe("PREPARATION");
  });

  it.each<[string, Stage, string, string]>([
    ["skipping a stage", "REFERRAL", "PREPARATION", "A case at referral cannot move to preparation."],
    ["going back", "PREPARATION", "ASSESSMENT", "A case at preparation cannot move to assessment."],
    ["booking by hand", "PREPARATION", "CONFERENCE_SCHEDULED", "Schedule the conference to move to this stage."],
    ["holding a conference that was never booked", "CONFERENCE_SCHEDULED", "CONFERENCE_HELD", "No conference is booked."],
  ])("refuses %s with 400", async (_label, stage, to, reason) => {
    const c = await makeCase({ stage, recommendation: "PROCEED" });
    const res = await move(lead, c.caseId, to);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reasons: string[] }).reasons).toEqual([reason]);
    expect((await kase(c.caseId)).stage).toBe(stage);
    expect(await myEvents(c.caseId)).toHaveLength(0);
  });

  it("answers an unknown stage with 400", async () => {
    const c = await makeCase();
    const res = await move(lead, c.caseId, "FINISHED");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors.to).toBe("Choose a stage");
  });

  it("conference scheduled → held marks the booking held; held → follow-up", async () => {
    const c = await makeCase({ stage: "CONFERENCE_SCHEDULED", recommendation: "PROCEED" });
    const conf = await factories(getDb()).conference({ caseId: c.caseId, scheduledAt: new Date(Date.now() + 864e5), venue: "Library" });
    expect((await move(lead, c.caseId, "CONFERENCE_HELD")).status).toBe(200);
    expect((await getDb().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("HELD");
    expect((await move(lead, c.caseId, "FOLLOW_UP")).status).toBe(200);
    expect((await myEvents(c.caseId)).map((e) => e.stage)).toEqual(["CONFERENCE_HELD", "FOLLOW_UP"]);
  });

  it("preparation → follow-up directly when only indirect communication is possible", async () => {
    const c = await makeCase({ recommendation: "INDIRECT_ONLY" });
    expect((await move(co, c.caseId, "FOLLOW_UP")).status).toBe(200);
    expect((await kase(c.caseId)).stage).toBe("FOLLOW_UP");
  });

  describe("closing", () => {
    it.each([
      ["no reason", {}, "closureReason", "Choose why the case is closing"],
      ["an unknown reason", { closureReason: "BORED" }, "closureReason", "Choose why the case is closing"],
      ["'other' without a note", { closureReason: "OTHER", closureNote: " " }, "closureNote", "Say why the case is closing"],
    ])("refuses %s with 400", async (_label, extra, field, message) => {
      const c = await makeCase();
      const res = await move(lead, c.caseId, "CLOSED", extra);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Record<string, string> }).errors[field]).toBe(message);
      expect((await kase(c.caseId)).stage).toBe("PREPARATION");
    });

    it("closes with a reason, cancels an open booking, and a closed case stays closed", async () => {
      const c = await makeCase({ stage: "CONFERENCE_SCHEDULED", recommendation: "PROCEED" });
      const conf = await factories(getDb()).conference({ caseId: c.caseId, scheduledAt: new Date(Date.now() + 864e5), venue: "Library" });
      const res = await move(lead, c.caseId, "CLOSED", { closureReason: "DECLINED_BY_HARMED", closureNote: "She has moved on." });
      expect(res.status).toBe(200);
      expect(await kase(c.caseId)).toEqual({ stage: "CLOSED", closureReason: "DECLINED_BY_HARMED", closureNote: "She has moved on." });
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("CANCELLED");
      const [event] = await myEvents(c.caseId);
      expect(event).toMatchObject({ stage: "CLOSED", actorId: c.users.lead.id, reason: "Declined by the person harmed: She has moved on." });
      const audit = await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "case.stage" } });
      expect(JSON.parse(audit.details)).toMatchObject({ to: "CLOSED", closureReason: "DECLINED_BY_HARMED" });
      expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toContain("Declined by the person harmed");

      const again = await move(lead, c.caseId, "FOLLOW_UP");
      expect(again.status).toBe(400);
      expect((await kase(c.caseId)).stage).toBe("CLOSED");
    });

    it("'other' with a note is accepted", async () => {
      const c = await makeCase({ stage: "REFERRAL" });
      expect((await move(co, c.caseId, "CLOSED", { closureReason: "OTHER", closureNote: "Referred to mediation instead." })).status).toBe(200);
      expect(await kase(c.caseId)).toMatchObject({ stage: "CLOSED", closureReason: "OTHER", closureNote: "Referred to mediation instead." });
    });
  });

  it("two taps at once move the case once", async () => {
    const c = await makeCase({ stage: "REFERRAL" });
    const answers = await Promise.all([move(lead, c.caseId, "ASSESSMENT"), move(co, c.caseId, "ASSESSMENT")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await myEvents(c.caseId)).toHaveLength(1);
  });

  it.each(["supervisor", "other", "manager"])("%s cannot move a case: 404, nothing changes", async (who) => {
    const c = await makeCase({ stage: "REFERRAL" });
    const res = await move(await signIn(who), c.caseId, "CLOSED", { closureReason: "WITHDRAWN" });
    expect(res.status).toBe(404);
    expect((await kase(c.caseId)).stage).toBe("REFERRAL");
  });
});
