import type { PrismaClient } from "@prisma/client";
import { addDefaultAuditPeriod } from "~/models/audit-retention.server";
import { addDefaultRules } from "~/models/retention-rules.server";
import { addStandardProgramme } from "~/models/standard-programme.server";
import { hashPassword } from "~/utils/password.server";
import type { OffenceType, ReferrerType } from "~/utils/referral";
import type { CaseRole, Stage, StaffRole } from "~/utils/roles";
import { STAGES } from "~/utils/roles";
import type { AgeBand } from "~/utils/age";
import type {
  AccessNeed,
  ConferenceStatus,
  ConsentAnswer,
  ConsentElement,
  ConsentMethod,
  ContactFrequency,
  ParticipantRole,
  ProfessionalType,
  Recommendation,
  RiskLevel,
} from "~/utils/preparation";

/** Builders shared by the demo seed and the tests (docs/conventions.md §5). */
export function factories(db: PrismaClient) {
  return {
    /** A service with Circle's default retention rules and audit trail period, as every new service starts (setup, the demo). */
    async service(name = "Test RJ Service") {
      const service = await db.service.create({ data: { name }, select: { id: true, name: true } });
      await addDefaultRules(db, service.id);
      await addDefaultAuditPeriod(db, service.id);
      await addStandardProgramme(db, service.id);
      return service;
    },

    async user(input: { serviceId: string; email: string; name: string; role: StaffRole; password: string; disabled?: boolean }) {
      const hash = await hashPassword(input.password);
      return db.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          disabled: input.disabled ?? false,
          serviceId: input.serviceId,
          password: { create: { hash } },
        },
        select: { id: true, email: true, name: true, role: true, serviceId: true },
      });
    },

    /** A case with its stage timeline filled in up to `stage`, and its members. */
    async case(input: {
      serviceId: string;
      reference: string;
      title: string;
      offenceSummary: string;
      stage?: Stage;
      sensitive?: boolean;
      members?: { userId: string; role: CaseRole }[];
      startedAt?: Date;
      /** The referral's details (defaults: received now, referrer and offence "other", adult). */
      referral?: {
        referredAt?: Date;
        referrerType?: ReferrerType;
        referrerName?: string;
        referrerContact?: string;
        referrerNotes?: string;
        offenceType?: OffenceType;
        offenceOther?: string;
        youth?: boolean;
      };
      /** Who recorded the referral: gives the case its "created" history row at `startedAt`. */
      recordedById?: string;
    }) {
      const stage = input.stage ?? "REFERRAL";
      const reached = STAGES.slice(0, STAGES.indexOf(stage) + 1);
      const start = (input.startedAt ?? new Date()).getTime();
      return db.case.create({
        data: {
          serviceId: input.serviceId,
          reference: input.reference,
          title: input.title,
          offenceSummary: input.offenceSummary,
          stage,
          sensitive: input.sensitive ?? false,
          ...input.referral,
          members: { create: input.members ?? [] },
          stageEvents: {
            create: reached.map((s, i) => ({ stage: s, createdAt: new Date(start + i * 9 * 24 * 3600 * 1000) })),
          },
          ...(input.recordedById ? { recordChanges: { create: [{ action: "CREATED", actorId: input.recordedById, createdAt: new Date(start) }] } } : {}),
        },
        select: { id: true, reference: true },
      });
    },

    conference: (input: { caseId: string; scheduledAt: Date; venue: string; room?: string; leadId?: string; coFacilitatorId?: string; status?: ConferenceStatus }) =>
      db.conference.create({ data: input, select: { id: true } }),

    participant: (input: {
      caseId: string;
      role: ParticipantRole;
      name: string;
      preferredName?: string;
      pronouns?: string;
      addressAs?: string;
      relationship?: string;
      phone?: string;
      email?: string;
      address?: string;
      contactFrequency?: ContactFrequency;
      supportsId?: string;
      enhancedRights?: boolean;
      infoOfferedAt?: Date;
      infoOfferedById?: string;
      hopes?: string;
      /** "YYYY-MM-DD" */
      dateOfBirth?: string;
      ageBand?: AgeBand;
      professionalType?: ProfessionalType;
      organisation?: string;
      accessNeeds?: AccessNeed[];
      accessNotes?: string;
    }) =>
      db.participant.create({
        data: { ...input, accessNeeds: JSON.stringify(input.accessNeeds ?? []) },
        select: { id: true, name: true },
      }),

    /** Links a parent or guardian to a child on the same case. */
    guardian: (input: { guardianId: string; childId: string }) => db.participantGuardian.create({ data: input }),

    /** One consent ledger entry (answers default to YES, in person, now). */
    consent: (input: {
      caseId: string;
      participantId: string;
      element: ConsentElement;
      recordedById: string;
      answer?: ConsentAnswer;
      method?: ConsentMethod;
      givenAt?: Date;
      sharedWith?: string;
      /** A parent or guardian answering for the participant. */
      guardianId?: string;
      /** When it was recorded: the ledger reads the newest entry as the current answer. */
      createdAt?: Date;
    }) =>
      db.consentEntry.create({
        data: { answer: "YES", method: "IN_PERSON", givenAt: new Date(), ...input },
        select: { id: true },
      }),

    /** A risk assessment at the case's stage (defaults: low risk, proceed). */
    riskAssessment: (input: {
      caseId: string;
      stage: Stage;
      assessedById: string;
      recommendation?: Recommendation;
      overall?: RiskLevel;
      sensitive?: boolean;
      harmedNearDoor?: boolean;
      safetyMeasures?: string;
      messagesRisk?: string;
      doNotPassOn?: string;
      inCustody?: boolean;
      custodyRules?: string;
      createdAt?: Date;
    }) =>
      db.riskAssessment.create({
        data: {
          physicalHarm: "LOW",
          emotionalHarm: "MEDIUM",
          vulnerability: "LOW",
          powerImbalance: "LOW",
          acknowledges: "FULLY",
          overall: "LOW",
          recommendation: "PROCEED",
          ...input,
        },
        select: { id: true },
      }),

    approval: (input: { caseId: string; riskAssessmentId: string; supervisorId: string; decision?: "APPROVED" | "DECLINED"; comments?: string }) =>
      db.supervisorApproval.create({ data: { decision: "APPROVED", comments: "Approved.", ...input }, select: { id: true } }),
  };
}
