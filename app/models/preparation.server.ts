import type { Prisma, PrismaClient } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { Stage } from "~/utils/roles";
import {
  displayName,
  type AccessNeed,
  type Acknowledgement,
  type ConsentAnswer,
  type ConsentElement,
  type ConsentMethod,
  type ParticipantRole,
  type PrepContactKind,
  type PrepContactStatus,
  type PrepPlace,
  type Recommendation,
  type RiskLevel,
} from "~/utils/preparation";
import { ageNow, ageUnknown, under18At, type AgeBand } from "~/utils/age";
import {
  ageFlags,
  isAssessmentCurrent,
  bookedConferenceStands,
  conferenceGate,
  holdSummary,
  letterGate,
  nextStages,
  participantContactDue,
  stageGate,
  victimsCodeStatus,
  type GateFacts,
  type GateParticipant,
} from "./gates";
import { holdLiveConferences } from "./live-hold.server";
import { loadProgrammeFacts } from "./programme.server";
import { participantDetails } from "./participant-details";

/** A Prisma client or an interactive transaction: gate facts are read inside the writing transaction. */
export type Tx = PrismaClient | Prisma.TransactionClient;

/** The newest answer per element from a participant's ledger entries, given oldest first (later entries win ties). */
export function currentConsent(entries: { element: string; answer: string; createdAt: Date }[]) {
  return currentConsentAt(entries.map((e) => ({ ...e, givenAt: e.createdAt }))).answers;
}

/** currentConsent, with when each current answer was given (a child's age that day matters). */
export function currentConsentAt(entries: { element: string; answer: string; givenAt: Date; createdAt: Date }[]) {
  const answers: Partial<Record<ConsentElement, ConsentAnswer>> = {};
  const givenAt: Partial<Record<ConsentElement, Date>> = {};
  const newest: Partial<Record<string, number>> = {};
  for (const e of entries) {
    const t = e.createdAt.getTime();
    if ((newest[e.element] ?? -1) <= t) {
      newest[e.element] = t;
      answers[e.element as ConsentElement] = e.answer as ConsentAnswer;
      givenAt[e.element as ConsentElement] = e.givenAt;
    }
  }
  return { answers, givenAt };
}

/** A child's ledger entries split into their own answers and each guardian's answers for them. */
function byGuardian<E extends { guardianId: string | null }>(entries: E[]) {
  const own: E[] = [];
  const guardians = new Map<string, E[]>();
  for (const e of entries) {
    if (e.guardianId === null) own.push(e);
    else guardians.set(e.guardianId, [...(guardians.get(e.guardianId) ?? []), e]);
  }
  return { own, guardians };
}

/** Everything the gate rules need about one case, read through `tx` (inside a transaction when writing). */
export async function loadGateFacts(caseId: string, tx: Tx = db): Promise<GateFacts | null> {
  const c = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      stage: true,
      sensitive: true,
      participants: {
        where: { removedAt: null },
        select: {
          id: true,
          role: true,
          name: true,
          preferredName: true,
          infoOfferedAt: true,
          notInvitedReason: true,
          dateOfBirth: true,
          ageBand: true,
          consents: {
            where: { sharedWith: "" },
            orderBy: { createdAt: "asc" },
            select: { element: true, answer: true, givenAt: true, createdAt: true, guardianId: true },
          },
          // Guardians still on the case: a removed parent's consent no longer counts.
          guardians: { where: { guardian: { removedAt: null } }, select: { guardian: { select: { id: true, name: true, preferredName: true } } } },
        },
      },
      riskAssessments: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, stage: true, recommendation: true, createdAt: true } },
      conferences: { where: { status: "SCHEDULED" }, select: { id: true, attendees: { select: { participantId: true } } }, take: 1 },
    },
  });
  if (!c) return null;
  const latest = c.riskAssessments[0];
  const current = latest && isAssessmentCurrent(latest.stage as Stage, c.stage as Stage) ? latest : null;
  const approval = current
    ? await tx.supervisorApproval.findFirst({
        where: { riskAssessmentId: current.id },
        orderBy: { createdAt: "desc" },
        select: { decision: true, comments: true },
      })
    : null;
  return {
    stage: c.stage as Stage,
    sensitive: c.sensitive,
    participants: c.participants.map((p): GateParticipant => {
      const ledger = byGuardian(p.consents);
      const own = currentConsentAt(ledger.own);
      return {
        id: p.id,
        role: p.role as ParticipantRole,
        name: p.name,
        preferredName: p.preferredName,
        infoOfferedAt: p.infoOfferedAt,
        notInvitedReason: p.notInvitedReason,
        consent: own.answers,
        consentGivenAt: own.givenAt,
        dateOfBirth: p.dateOfBirth,
        ageBand: p.ageBand,
        guardians: p.guardians.map(({ guardian: g }) => ({ ...g, consent: currentConsent(ledger.guardians.get(g.id) ?? []) })),
      };
    }),
    currentAssessment: current ? { id: current.id, recommendation: current.recommendation as Recommendation } : null,
    approval: approval ? { decision: approval.decision as "APPROVED" | "DECLINED", comments: approval.comments } : null,
    hasScheduledConference: c.conferences.length > 0,
    attendeeIds: c.conferences[0]?.attendees.map((a) => a.participantId) ?? null,
    now: new Date(),
    programme: await loadProgrammeFacts(caseId, tx),
  };
}

/**
 * After any change to consent, participants or the assessment: a booked conference whose gate no
 * longer holds is put on hold and the case returns to preparation, in the same transaction, so a
 * withdrawal takes effect everywhere at once. Returns the reasons when it put something on hold.
 */
export async function holdBookingsIfGateFails(tx: Prisma.TransactionClient, caseId: string, actorId: string): Promise<string[] | null> {
  const facts = await loadGateFacts(caseId, tx);
  if (!facts || !facts.hasScheduledConference) return null;
  const gate = bookedConferenceStands(facts);
  if (gate.ok) return null;
  await holdBookings(tx, caseId, actorId, { reason: gate.reasons.join(" "), summary: holdSummary(facts) });
  return gate.reasons;
}

/**
 * Puts every booked conference of the case on hold with `reason` (the case screen's words) and
 * `summary` (the live screens', naming nobody), and returns a case waiting for it to preparation,
 * in the caller's transaction. Whoever decided it must hold (the booking gate, or a record in the
 * programme: programmeRecordHold) has checked that one is booked.
 */
export async function holdBookings(tx: Prisma.TransactionClient, caseId: string, actorId: string, hold: { reason: string; summary: string }) {
  const held = await tx.conference.findMany({ where: { caseId, status: "SCHEDULED" }, select: { id: true } });
  await tx.conference.updateMany({ where: { id: { in: held.map((c) => c.id) } }, data: { status: "ON_HOLD", holdReason: hold.reason } });
  // A conference that is running now stops with its booking; the routes then push the new live
  // state to its live screens (context.realtime.conferencesChanged).
  await holdLiveConferences(
    tx,
    held.map((c) => c.id),
    hold.summary,
    actorId,
  );
  const c = await tx.case.findUnique({ where: { id: caseId }, select: { stage: true } });
  if (c?.stage === "CONFERENCE_SCHEDULED") {
    await tx.case.update({ where: { id: caseId }, data: { stage: "PREPARATION" } });
    await tx.caseStageEvent.create({ data: { caseId, stage: "PREPARATION", actorId, reason: `Conference put on hold: ${hold.reason}` } });
  }
  return held.length;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The case screen's preparation data: participants with consent, contacts, assessments, bookings and every gate's answer. */
export async function getPreparation(caseId: string, now = new Date()) {
  const c = await db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      stage: true,
      sensitive: true,
      referredAt: true,
      closureReason: true,
      closureNote: true,
      completedBy: true,
      participants: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          role: true,
          name: true,
          preferredName: true,
          pronouns: true,
          addressAs: true,
          relationship: true,
          phone: true,
          email: true,
          address: true,
          contactMethod: true,
          contactFrequency: true,
          accessNeeds: true,
          accessNotes: true,
          hopes: true,
          supportsId: true,
          dateOfBirth: true,
          ageBand: true,
          professionalType: true,
          organisation: true,
          guardianOf: { select: { childId: true } },
          guardians: { select: { guardianId: true } },
          enhancedRights: true,
          infoOfferedAt: true,
          infoOfferedById: true,
          notInvitedReason: true,
          removedAt: true,
          createdAt: true,
          consents: {
            orderBy: { createdAt: "desc" },
            select: { id: true, element: true, sharedWith: true, answer: true, method: true, givenAt: true, note: true, recordedById: true, createdAt: true, guardianId: true },
          },
          contacts: { where: { status: "COMPLETED" }, orderBy: { occurredAt: "desc" }, take: 1, select: { occurredAt: true } },
        },
      },
      contacts: {
        orderBy: { occurredAt: "desc" },
        select: {
          id: true,
          participantId: true,
          kind: true,
          occurredAt: true,
          place: true,
          placeDetail: true,
          attendees: true,
          coWorkerId: true,
          outcome: true,
          status: true,
          statusReason: true,
          recordedById: true,
          createdAt: true,
        },
      },
      riskAssessments: {
        orderBy: { createdAt: "desc" },
        include: { approvals: { orderBy: { createdAt: "desc" } } },
      },
      conferences: {
        orderBy: { scheduledAt: "desc" },
        select: {
          id: true,
          scheduledAt: true,
          endsAt: true,
          venue: true,
          room: true,
          leadId: true,
          coFacilitatorId: true,
          status: true,
          holdReason: true,
          attendees: { select: { participantId: true } },
        },
      },
      members: { select: { role: true, user: { select: { id: true, name: true } } } },
    },
  });
  if (!c) return null;

  // Names of staff who recorded things: members now, plus anyone who has left the team since.
  const staffIds = new Set<string>();
  for (const p of c.participants) {
    if (p.infoOfferedById) staffIds.add(p.infoOfferedById);
    for (const e of p.consents) staffIds.add(e.recordedById);
  }
  for (const k of c.contacts) {
    staffIds.add(k.recordedById);
    if (k.coWorkerId) staffIds.add(k.coWorkerId);
  }
  for (const a of c.riskAssessments) {
    staffIds.add(a.assessedById);
    for (const ap of a.approvals) staffIds.add(ap.supervisorId);
  }
  for (const conf of c.conferences) {
    if (conf.leadId) staffIds.add(conf.leadId);
    if (conf.coFacilitatorId) staffIds.add(conf.coFacilitatorId);
  }
  const staff = await db.user.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, name: true } });
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const nameOf = (id: string | null) => (id ? (staffName.get(id) ?? "A former colleague") : null);

  const facts = await loadGateFacts(caseId);
  if (!facts) return null;

  const removed = new Set(c.participants.filter((p) => p.removedAt).map((p) => p.id));
  const participantName = new Map(c.participants.map((p) => [p.id, displayName(p)]));
  const participants = c.participants.map((p) => {
    const ledger = byGuardian([...p.consents].reverse());
    const age = { dateOfBirth: p.dateOfBirth, ageBand: p.ageBand };
    const principal = p.role === "PERSON_HARMED" || p.role === "PERSON_RESPONSIBLE";
    // Guardians still on the case, each with their current answers for this person.
    const guardianIds = p.guardians.map((g) => g.guardianId).filter((id) => !removed.has(id));
    const lastContact = p.contacts[0]?.occurredAt ?? null;
    const { due, overdue } = participantContactDue({ contactFrequency: p.contactFrequency, removed: p.removedAt !== null, lastContactAt: lastContact, addedAt: p.createdAt }, now);
    return {
      id: p.id,
      role: p.role as ParticipantRole,
      ...participantDetails(p),
      accessNeeds: parseAccessNeeds(p.accessNeeds),
      supportsId: p.supportsId,
      ageBand: p.ageBand as AgeBand | null,
      age: {
        /** Whole years today, when the date of birth is known. */
        years: ageNow(age, now),
        /** Under 18 today (null: not known). */
        child: under18At(age, now),
        /** A person harmed or responsible whose age nobody has recorded (see ageFlags in gates.ts). */
        needsDateOfBirth: principal && ageUnknown(age),
      },
      /** The children this person is a parent or guardian of. */
      guardianOf: p.guardianOf.map((g) => g.childId),
      guardianIds,
      removed: p.removedAt !== null,
      consent: currentConsent(ledger.own.filter((e) => e.sharedWith === "")),
      /** Each guardian's current answers for this person, beside their own. */
      guardianConsent: Object.fromEntries(guardianIds.map((id) => [id, currentConsent((ledger.guardians.get(id) ?? []).filter((e) => e.sharedWith === ""))])),
      /** Current answer per named party for SHARE_INFORMATION (their own answers). */
      sharing: currentSharing(ledger.own),
      consentHistory: p.consents.map((e) => ({
        id: e.id,
        element: e.element as ConsentElement,
        sharedWith: e.sharedWith,
        answer: e.answer as ConsentAnswer,
        method: e.method as ConsentMethod,
        givenAt: e.givenAt.toISOString(),
        note: e.note,
        recordedBy: nameOf(e.recordedById),
        recordedAt: e.createdAt.toISOString(),
        /** A parent or guardian's answer for this person: who gave it. */
        guardian: e.guardianId ? (participantName.get(e.guardianId) ?? "A parent or guardian") : null,
      })),
      lastContactAt: iso(lastContact),
      nextContactDue: iso(due),
      contactOverdue: overdue,
      victimsCode:
        p.role === "PERSON_HARMED"
          ? {
              ...victimsCodeStatus(c.referredAt, p, now),
              offeredBy: nameOf(p.infoOfferedById),
              enhancedRights: p.enhancedRights,
            }
          : null,
    };
  });

  const assessments = c.riskAssessments.map((a) => ({
    id: a.id,
    stage: a.stage as Stage,
    physicalHarm: a.physicalHarm as RiskLevel,
    emotionalHarm: a.emotionalHarm as RiskLevel,
    vulnerability: a.vulnerability as RiskLevel,
    powerImbalance: a.powerImbalance as RiskLevel,
    acknowledges: a.acknowledges as Acknowledgement,
    substanceOrMental: a.substanceOrMental,
    safetyMeasures: a.safetyMeasures,
    harmedNearDoor: a.harmedNearDoor,
    messagesRisk: a.messagesRisk,
    doNotPassOn: a.doNotPassOn,
    inCustody: a.inCustody,
    custodyRules: a.custodyRules,
    overall: a.overall as RiskLevel,
    recommendation: a.recommendation as Recommendation,
    sensitive: a.sensitive,
    summary: a.summary,
    assessedBy: nameOf(a.assessedById),
    createdAt: a.createdAt.toISOString(),
    current: a.id === facts.currentAssessment?.id,
    approvals: a.approvals.map((ap) => ({
      id: ap.id,
      decision: ap.decision as "APPROVED" | "DECLINED",
      comments: ap.comments,
      supervisor: nameOf(ap.supervisorId),
      createdAt: ap.createdAt.toISOString(),
    })),
  }));

  const stage = c.stage as Stage;
  return {
    stage,
    sensitive: c.sensitive,
    referredAt: c.referredAt.toISOString(),
    closure: c.closureReason ? { reason: c.closureReason, note: c.closureNote ?? "", completedBy: c.completedBy } : null,
    participants,
    contacts: c.contacts.map((k) => ({
      id: k.id,
      participantId: k.participantId,
      kind: k.kind as PrepContactKind,
      occurredAt: k.occurredAt.toISOString(),
      place: k.place as PrepPlace,
      placeDetail: k.placeDetail,
      attendees: k.attendees,
      coWorker: nameOf(k.coWorkerId),
      outcome: k.outcome,
      status: k.status as PrepContactStatus,
      statusReason: k.statusReason,
      recordedBy: nameOf(k.recordedById),
    })),
    assessments,
    awaitingApproval: c.sensitive && facts.currentAssessment !== null && facts.approval === null,
    conferences: c.conferences.map((conf) => ({
      id: conf.id,
      scheduledAt: conf.scheduledAt.toISOString(),
      endsAt: iso(conf.endsAt),
      venue: conf.venue,
      room: conf.room,
      lead: nameOf(conf.leadId),
      leadId: conf.leadId,
      coFacilitator: nameOf(conf.coFacilitatorId),
      coFacilitatorId: conf.coFacilitatorId,
      status: conf.status,
      holdReason: conf.holdReason,
      attendeeIds: conf.attendees.map((a) => a.participantId),
    })),
    team: c.members.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })),
    gates: {
      // Before booking, as the schedule form proposes it: everyone on the case attends.
      conference: conferenceGate({ ...facts, attendeeIds: facts.attendeeIds ?? facts.participants.map((p) => p.id) }),
      ageFlags: ageFlags(facts),
      letter: letterGate(facts),
      stages: nextStages(stage).map((to) => ({ to, gate: stageGate(facts, to) })),
    },
  };
}

export type Preparation = NonNullable<Awaited<ReturnType<typeof getPreparation>>>;
export type PreparationParticipant = Preparation["participants"][number];

function parseAccessNeeds(text: string): AccessNeed[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value.filter((v) => typeof v === "string") as AccessNeed[]) : [];
  } catch {
    return [];
  }
}

function currentSharing(entries: { element: string; sharedWith: string; answer: string; createdAt: Date }[]) {
  const byParty = new Map<string, { answer: ConsentAnswer; at: number }>();
  for (const e of entries) {
    if (e.element !== "SHARE_INFORMATION" || e.sharedWith === "") continue;
    const at = e.createdAt.getTime();
    const seen = byParty.get(e.sharedWith);
    if (!seen || seen.at <= at) byParty.set(e.sharedWith, { answer: e.answer as ConsentAnswer, at });
  }
  return [...byParty].map(([party, v]) => ({ party, answer: v.answer }));
}
