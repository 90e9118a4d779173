import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { countAwaitingApproval } from "~/models/approval.server";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { auditCount, demoUsers, makeCase, pageText } from "../support/preparation-cases";

const decide = (assessmentId: string, over: Record<string, string> = {}) => ({
  intent: "decide",
  assessmentId,
  decision: "APPROVED",
  comments: "Measures are proportionate.",
  ...over,
});
const approvalCount = (caseId: string) => getDb().supervisorApproval.count({ where: { caseId } });

describe("supervisor approval of the current risk assessment", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(who.includes("@") ? who : `${who}@demo.circle`, DEMO_PASSWORD);
  let supervisor: TestClient;
  let lead: TestClient;

  beforeAll(async () => {
    [supervisor, lead] = await Promise.all([signIn("supervisor"), signIn("lead")]);
  });

  it("the case supervisor approves with comments; the decision is recorded, shown and audited", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED_WITH_MEASURES" });
    const res = await supervisor.post(`/cases/${c.caseId}/approval`, decide(c.assessmentId!));
    expect(res.status).toBe(200);
    const rows = await getDb().supervisorApproval.findMany({ where: { caseId: c.caseId } });
    expect(rows).toEqual([
      expect.objectContaining({ riskAssessmentId: c.assessmentId, decision: "APPROVED", comments: "Measures are proportionate.", supervisorId: c.users.supervisor.id }),
    ]);
    expect(await getDb().auditEvent.count({ where: { caseId: c.caseId, action: "approval.approve", target: `approval:${rows[0]!.id}` } })).toBe(1);
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("Approved</strong> by");
    expect(page).toContain("Measures are proportionate.");
  });

  it("a decline is recorded with its comments and keeps the gate shut", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const res = await supervisor.post(`/cases/${c.caseId}/approval`, decide(c.assessmentId!, { decision: "DECLINED", comments: "Meet her again first." }));
    expect(res.status).toBe(200);
    expect(await auditCount(c.caseId, "approval.decline")).toBe(1);
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("The case supervisor did not approve the current risk assessment: Meet her again first.");
  });

  it.each([
    ["no comments", { comments: "  " }, "comments", "Give your reasons: comments are required"],
    ["no decision", { decision: "" }, "decision", "Choose approve or decline"],
    ["an unknown decision", { decision: "MAYBE" }, "decision", "Choose approve or decline"],
    ["a malformed assessment id", { assessmentId: "nope" }, "assessmentId", "Not a valid id"],
  ])("answers %s with 400, recording nothing", async (_label, override, field, message) => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const res = await supervisor.post(`/cases/${c.caseId}/approval`, decide(c.assessmentId!, override));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors[field]).toBe(message);
    expect(await approvalCount(c.caseId)).toBe(0);
  });

  it("refuses a decision on a superseded assessment with a clear 400", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const old = c.assessmentId!;
    await factories(getDb()).riskAssessment({ caseId: c.caseId, stage: "PREPARATION", assessedById: c.users.lead.id, createdAt: new Date(Date.now() + 1000) });
    const res = await supervisor.post(`/cases/${c.caseId}/approval`, decide(old));
    expect(res.status).toBe(400);
    expect(await pageText(res)).toContain("This risk assessment is no longer current");
    expect(await approvalCount(c.caseId)).toBe(0);
  });

  it("refuses an assessment of another case", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const elsewhere = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const res = await supervisor.post(`/cases/${c.caseId}/approval`, decide(elsewhere.assessmentId!));
    expect(res.status).toBe(400);
    expect(await approvalCount(c.caseId)).toBe(0);
    expect(await approvalCount(elsewhere.caseId)).toBe(0);
  });

  it.each(["lead", "co", "manager", "other"])("%s cannot decide: 404 and nothing recorded", async (who) => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const res = await (await signIn(who)).post(`/cases/${c.caseId}/approval`, decide(c.assessmentId!));
    expect(res.status).toBe(404);
    expect(await approvalCount(c.caseId)).toBe(0);
  });

  it("a supervisor of another case gets 404 and nothing changes", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const email = `supervisor-${randomUUID().slice(0, 8)}@demo.circle`;
    const second = await factories(getDb()).user({ serviceId: c.users.supervisor.serviceId, email, name: "Second Supervisor", role: "SUPERVISOR", password: DEMO_PASSWORD });
    const theirs = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    await getDb().caseMember.create({ data: { caseId: theirs.caseId, userId: second.id, role: "SUPERVISOR" } });
    const client = await signIn(email);
    const res = await client.post(`/cases/${c.caseId}/approval`, decide(c.assessmentId!));
    expect(res.status).toBe(404);
    expect(await approvalCount(c.caseId)).toBe(0);
    // Their own queue lists their case only.
    const queue = await pageText(await client.get("/approvals"));
    expect(queue).toContain(theirs.reference);
    expect(queue).not.toContain(c.reference);
  });

  describe("the approvals queue", () => {
    it("lists sensitive cases waiting for this supervisor, and not decided, non-sensitive or superseded ones", async () => {
      const waiting = await makeCase({ sensitive: true, recommendation: "PROCEED_WITH_MEASURES" });
      const decided = await makeCase({ sensitive: true, recommendation: "PROCEED", approved: true });
      const plain = await makeCase({ sensitive: false, recommendation: "PROCEED" });
      const superseded = await makeCase({ stage: "CONFERENCE_HELD", sensitive: true });
      await factories(getDb()).riskAssessment({ caseId: superseded.caseId, stage: "PREPARATION", assessedById: superseded.users.lead.id });
      const res = await supervisor.get("/approvals");
      expect(res.status).toBe(200);
      const page = await pageText(res);
      expect(page).toContain(waiting.reference);
      expect(page).toContain(`/cases/${waiting.caseId}#risk`);
      expect(page).toContain("Recommends: proceed with safety measures");
      for (const other of [decided, plain, superseded]) expect(page).not.toContain(other.reference);
      expect(await getDb().auditEvent.count({ where: { action: "approvals.view", actorId: waiting.users.supervisor.id } })).toBeGreaterThan(0);

      const before = await countAwaitingApproval(waiting.users.supervisor.id);
      expect(before).toBeGreaterThan(0);
      expect((await supervisor.post(`/cases/${waiting.caseId}/approval`, decide(waiting.assessmentId!))).status).toBe(200);
      expect(await countAwaitingApproval(waiting.users.supervisor.id)).toBe(before - 1);
      expect(await pageText(await supervisor.get("/approvals"))).not.toContain(waiting.reference);
    });

    it("shows an empty state when nothing waits", async () => {
      const email = `supervisor-${randomUUID().slice(0, 8)}@demo.circle`;
      const u = await demoUsers();
      await factories(getDb()).user({ serviceId: u.supervisor.serviceId, email, name: "Idle Supervisor", role: "SUPERVISOR", password: DEMO_PASSWORD });
      const page = await pageText(await (await signIn(email)).get("/approvals"));
      expect(page).toContain("Nothing is waiting for your approval.");
    });

    it.each(["lead", "co", "other", "manager"])("is not there for %s (404)", async (who) => {
      const res = await (await signIn(who)).get("/approvals");
      expect(res.status).toBe(404);
    });
  });
});
