import { getDb } from "~/utils/db.server";
import type { Recommendation } from "~/utils/preparation";
import type { Stage } from "~/utils/roles";
import { factories } from "../../prisma/factories";

/**
 * Cases for the preparation tests (risk, approval, stages, scheduling): each test file builds its
 * own cases with factories, so the demo seed's details may change without breaking them.
 */
export const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
let counter = 0;
export const uniqueRef = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export async function demoUsers() {
  const find = (who: string) => getDb().user.findUniqueOrThrow({ where: { email: `${who}@demo.circle` }, select: { id: true, serviceId: true } });
  const [lead, co, supervisor, other, admin] = await Promise.all(["lead", "co", "supervisor", "other", "manager"].map(find));
  return { lead: lead!, co: co!, supervisor: supervisor!, other: other!, admin: admin! };
}

export type CaseSetup = {
  stage?: Stage;
  sensitive?: boolean;
  /** Consent to take part and meet face to face from both people (default true). */
  consent?: boolean;
  /** A risk assessment at the case's stage with this recommendation (default none). */
  recommendation?: Recommendation;
  approved?: boolean;
  infoOffered?: boolean;
};

/** A case with the demo lead, co-facilitator and supervisor on its team, a person harmed and a person responsible. */
export async function makeCase(setup: CaseSetup = {}) {
  const db = getDb();
  const make = factories(db);
  const u = await demoUsers();
  const stage = setup.stage ?? "PREPARATION";
  const c = await make.case({
    serviceId: u.lead.serviceId,
    reference: uniqueRef("RJ-T"),
    title: "Test case",
    offenceSummary: "Test offence.",
    stage,
    sensitive: setup.sensitive ?? false,
    startedAt: new Date(Date.now() - 90 * 864e5),
    members: [
      { userId: u.lead.id, role: "LEAD" },
      { userId: u.co.id, role: "CO_FACILITATOR" },
      { userId: u.supervisor.id, role: "SUPERVISOR" },
    ],
  });
  const harmed = await make.participant({
    caseId: c.id,
    role: "PERSON_HARMED",
    name: "Asha Khan",
    ...(setup.infoOffered === false ? {} : { infoOfferedAt: new Date(), infoOfferedById: u.lead.id }),
  });
  const responsible = await make.participant({ caseId: c.id, role: "PERSON_RESPONSIBLE", name: "Ben Ortiz" });
  const supporter = await make.participant({ caseId: c.id, role: "SUPPORTER", name: "Cara Khan", supportsId: harmed.id });
  if (setup.consent ?? true) {
    for (const participantId of [harmed.id, responsible.id]) {
      for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"] as const) await make.consent({ caseId: c.id, participantId, element, recordedById: u.lead.id });
    }
  }
  let assessmentId: string | null = null;
  if (setup.recommendation) {
    const assessmentStage = stage === "CONFERENCE_SCHEDULED" ? "PREPARATION" : stage;
    assessmentId = (
      await make.riskAssessment({
        caseId: c.id,
        stage: assessmentStage,
        assessedById: u.lead.id,
        recommendation: setup.recommendation,
        safetyMeasures: "Separate rooms.",
        sensitive: setup.sensitive ?? false,
      })
    ).id;
    if (setup.approved) await make.approval({ caseId: c.id, riskAssessmentId: assessmentId, supervisorId: u.supervisor.id });
  }
  return { caseId: c.id, reference: c.reference, harmed: harmed.id, responsible: responsible.id, supporter: supporter.id, assessmentId, users: u };
}

export const auditCount = (caseId: string, action: string) => getDb().auditEvent.count({ where: { caseId, action } });
