import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { auditCount, makeCase, pageText } from "../support/preparation-cases";

const assessment = (over: Record<string, string> = {}) => ({
  intent: "assess",
  physicalHarm: "MEDIUM",
  emotionalHarm: "HIGH",
  vulnerability: "HIGH",
  powerImbalance: "LOW",
  acknowledges: "PARTLY",
  substanceOrMental: "Alcohol on the night; now in treatment.",
  safetyMeasures: "Separate waiting rooms; she sits nearest the door.",
  harmedNearDoor: "on",
  overall: "MEDIUM",
  recommendation: "PROCEED_WITH_MEASURES",
  summary: "Both want to meet; her vulnerability needs care.",
  ...over,
});

describe("risk assessment on the case screen", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient;
  let co: TestClient;

  beforeAll(async () => {
    [lead, co] = await Promise.all([signIn("lead"), signIn("co")]);
  });

  it("saves an assessment for the current stage, marks the case sensitive in the same change, and audits it", async () => {
    const c = await makeCase();
    const res = await lead.post(`/cases/${c.caseId}/risk`, assessment({ sensitive: "on" }));
    expect(res.status).toBe(200);
    expect(await pageText(res)).toContain("The case is now marked sensitive or complex");
    const saved = await getDb().riskAssessment.findMany({ where: { caseId: c.caseId } });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      stage: "PREPARATION",
      physicalHarm: "MEDIUM",
      emotionalHarm: "HIGH",
      acknowledges: "PARTLY",
      harmedNearDoor: true,
      recommendation: "PROCEED_WITH_MEASURES",
      safetyMeasures: "Separate waiting rooms; she sits nearest the door.",
      sensitive: true,
      assessedById: c.users.lead.id,
    });
    expect((await getDb().case.findUniqueOrThrow({ where: { id: c.caseId } })).sensitive).toBe(true);
    const audits = await getDb().auditEvent.findMany({ where: { caseId: c.caseId, action: "risk.create" } });
    expect(audits.map((a) => a.target)).toEqual([`risk:${saved[0]!.id}`]);
  });

  it("asks the questions for indirect work, keeps the answers and shows them on the case screen", async () => {
    const c = await makeCase();
    const indirect = {
      recommendation: "INDIRECT_ONLY",
      safetyMeasures: "",
      messagesRisk: "Questions about the night may distress her: each is read before it is passed on.",
      doNotPassOn: "Her new address and her workplace.",
      inCustody: "on",
      custodyRules: "",
    };
    const refused = await lead.post(`/cases/${c.caseId}/risk`, assessment(indirect));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.custodyRules).toBe(
      "Say what the prison's rules on correspondence mean for passing messages or letters",
    );
    expect(await getDb().riskAssessment.count({ where: { caseId: c.caseId } })).toBe(0);

    const res = await lead.post(`/cases/${c.caseId}/risk`, assessment({ ...indirect, custodyRules: "Letters are read by the prison's offender management unit first." }));
    expect(res.status).toBe(200);
    expect(await getDb().riskAssessment.findFirstOrThrow({ where: { caseId: c.caseId } })).toMatchObject({
      messagesRisk: indirect.messagesRisk,
      doNotPassOn: indirect.doNotPassOn,
      inCustody: true,
      custodyRules: "Letters are read by the prison's offender management unit first.",
    });
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("Must not be passed on");
    expect(page).toContain("Her new address and her workplace.");
    expect(page).toContain("The person responsible is in custody: the prison's rules on correspondence apply. Letters are read by the prison's offender management unit first.");
  });

  it("keeps earlier assessments as history, and a later one cannot un-mark a sensitive case", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const res = await co.post(`/cases/${c.caseId}/risk`, assessment({ recommendation: "PROCEED", safetyMeasures: "", harmedNearDoor: "", overall: "LOW" }));
    expect(res.status).toBe(200);
    const all = await getDb().riskAssessment.findMany({ where: { caseId: c.caseId }, orderBy: { createdAt: "asc" } });
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ overall: "LOW", harmedNearDoor: false, assessedById: c.users.co.id });
    expect((await getDb().case.findUniqueOrThrow({ where: { id: c.caseId } })).sensitive).toBe(true);
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("Earlier assessments (1)");
    expect(page).toContain("Sensitive or complex");
  });

  it("the assessment table is append-only", async () => {
    const c = await makeCase({ recommendation: "PROCEED" });
    await expect(getDb().riskAssessment.update({ where: { id: c.assessmentId! }, data: { recommendation: "DO_NOT_PROCEED" } })).rejects.toThrow();
  });

  it.each([
    ["a missing rating", { physicalHarm: "" }, "physicalHarm", "Rate the risk of physical harm: low, medium or high"],
    ["an unknown level", { overall: "EXTREME" }, "overall", "Rate the overall risk: low, medium or high"],
    ["an unknown recommendation", { recommendation: "MAYBE" }, "recommendation", "Choose a recommendation"],
    ["no acknowledgement", { acknowledges: "" }, "acknowledges", "Choose how far the person responsible acknowledges what they did"],
    ["no safety measures for proceed-with-measures", { safetyMeasures: "   " }, "safetyMeasures", "Describe the safety measures the conference needs"],
    ["a bad checkbox value", { sensitive: "yes please" }, "sensitive", "Tick the box or leave it empty"],
  ])("answers %s with 400 and its message, saving nothing", async (_label, override, field, message) => {
    const c = await makeCase();
    const res = await lead.post(`/cases/${c.caseId}/risk`, assessment(override));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string> };
    expect(body.errors[field]).toBe(message);
    expect(await getDb().riskAssessment.count({ where: { caseId: c.caseId } })).toBe(0);
    expect((await getDb().case.findUniqueOrThrow({ where: { id: c.caseId } })).sensitive).toBe(false);
    expect(await auditCount(c.caseId, "risk.create")).toBe(0);
  });

  it("allows do-not-proceed and indirect-only without safety measures", async () => {
    const c = await makeCase();
    for (const recommendation of ["DO_NOT_PROCEED", "INDIRECT_ONLY"]) {
      const res = await lead.post(`/cases/${c.caseId}/risk`, assessment({ recommendation, safetyMeasures: "" }));
      expect(res.status).toBe(200);
    }
    expect(await getDb().riskAssessment.count({ where: { caseId: c.caseId } })).toBe(2);
  });

  it.each(["supervisor", "other", "manager"])("%s cannot record an assessment: 404, nothing saved", async (who) => {
    const c = await makeCase();
    const client = await signIn(who);
    const res = await client.post(`/cases/${c.caseId}/risk`, assessment());
    expect(res.status).toBe(404);
    expect(await getDb().riskAssessment.count({ where: { caseId: c.caseId } })).toBe(0);
  });

  it("a worse recommendation puts a booked conference on hold and returns the case to preparation", async () => {
    const c = await makeCase({ stage: "CONFERENCE_SCHEDULED", recommendation: "PROCEED" });
    const conference = await factories(getDb()).conference({
      caseId: c.caseId,
      scheduledAt: new Date(Date.now() + 7 * 864e5),
      venue: "Library",
      leadId: c.users.lead.id,
      status: "SCHEDULED",
    });
    const res = await lead.post(`/cases/${c.caseId}/risk`, assessment({ recommendation: "INDIRECT_ONLY", safetyMeasures: "" }));
    expect(res.status).toBe(200);
    expect(await pageText(res)).toContain("The booked conference is on hold");
    const held = await getDb().conference.findUniqueOrThrow({ where: { id: conference.id } });
    expect(held.status).toBe("ON_HOLD");
    expect(held.holdReason).toContain("indirect communication only");
    const kase = await getDb().case.findUniqueOrThrow({ where: { id: c.caseId }, select: { stage: true, stageEvents: { orderBy: { createdAt: "desc" }, take: 1 } } });
    expect(kase.stage).toBe("PREPARATION");
    expect(kase.stageEvents[0]).toMatchObject({ stage: "PREPARATION", actorId: c.users.lead.id });
    // The assessment made while the conference was booked stays current: it is shown as current.
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("On hold:");
    expect(page).toContain("recommends indirect communication only");
  });
});
