import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import { notify } from "./notifications.server";
import type { ProgrammeAction } from "./programme-schemas";
import { holdBookings } from "./preparation.server";
import {
  inOrder,
  missedEscalation,
  moveCheck,
  moveSession,
  programmeRecordHold,
  recordCheck,
  restoreCheck,
  reviewCheck,
  skipCheck,
  type Check,
  type ProgrammeRecord,
} from "./programme-rules";
import { ruleSessions } from "./programme.server";

/**
 * The writes of a case's programme page (routes/cases.$caseId_.programme.tsx). Each re-reads the
 * programme inside its transaction and asks the pure rules (programme-rules.ts), so two taps
 * cannot skip a held session or record a skipped one; a refusal is a Refusal with the rule's words.
 */

type Tx = Prisma.TransactionClient;
type Input<I extends ProgrammeAction["intent"]> = Extract<ProgrammeAction, { intent: I }>;

const refuse = (check: Check, field = "form") => {
  if (!check.ok) throw new Refusal(check.reason, { status: 409, field });
};

async function programmeOf(tx: Tx, caseId: string) {
  const p = await tx.caseProgramme.findUnique({ where: { caseId }, select: { id: true } });
  if (!p) throw new Refusal("This case has no programme yet: start one first.", { status: 409 });
  return { id: p.id, sessions: await ruleSessions(tx, p.id) };
}

export async function startProgramme(caseId: string, serviceId: string, input: Input<"start">, actorId: string) {
  return db.$transaction(async (tx) => {
    if (await tx.caseProgramme.findUnique({ where: { caseId }, select: { id: true } })) throw new Refusal("This case already has a programme.");
    const person = await tx.participant.findFirst({ where: { id: input.participantId, caseId, removedAt: null, role: "PERSON_RESPONSIBLE" }, select: { id: true } });
    if (!person) throw new Refusal("Choose the person responsible on this case.", { status: 400, field: "participantId" });
    const template = await tx.programmeTemplate.findFirst({
      where: { id: input.templateId, serviceId, archivedAt: null },
      select: { id: true, sessions: { orderBy: { position: "asc" }, select: { title: true, module: true, aims: true, minutes: true, guidance: true, exercises: true } } },
    });
    if (!template) throw new Refusal("Choose one of the service's programmes.", { status: 400, field: "templateId" });
    if (template.sessions.length === 0) throw new Refusal("This programme has no sessions yet: choose another, or ask the service manager to add them.", { field: "templateId" });
    return tx.caseProgramme.create({
      data: {
        caseId,
        participantId: person.id,
        templateId: template.id,
        startedById: actorId,
        sessions: { create: template.sessions.map((s, position) => ({ ...s, position })) },
      },
      select: { id: true, _count: { select: { sessions: true } } },
    });
  });
}

export async function skipOrRestore(caseId: string, input: Input<"skip"> | Input<"restore">, actorId: string) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    const session = p.sessions.find((s) => s.id === input.sessionId);
    const skip = input.intent === "skip";
    refuse((skip ? skipCheck : restoreCheck)(session, input.reason), "reason");
    await tx.programmeSession.update({ where: { id: input.sessionId }, data: { skipped: skip, skipReason: skip ? input.reason : "" } });
    await tx.programmeChange.create({
      data: { caseId, programmeId: p.id, sessionId: input.sessionId, kind: skip ? "SKIPPED" : "RESTORED", reason: input.reason, actorId },
      select: { id: true },
    });
    return { id: input.sessionId, title: session!.title };
  });
}

/** Moves a session to `place` (1-based), renumbering the others in their order. */
export async function moveProgrammeSession(caseId: string, input: Input<"move">, actorId: string) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    const to = input.place - 1;
    refuse(moveCheck(p.sessions, input.sessionId, to, input.reason), "place");
    const order = p.sessions.map((s) => s.id);
    const from = order.indexOf(input.sessionId);
    const moved = moveSession(order, input.sessionId, to);
    for (const [position, id] of moved.entries()) {
      if (order[position] !== id) await tx.programmeSession.update({ where: { id }, data: { position } });
    }
    await tx.programmeChange.create({
      data: { caseId, programmeId: p.id, sessionId: input.sessionId, kind: "MOVED", reason: input.reason, fromPosition: from, toPosition: to, actorId },
      select: { id: true },
    });
    return { id: input.sessionId, from: from + 1, to: to + 1 };
  });
}

/** A session the facilitators add for this case, at the end (they move it where it belongs). */
export async function addProgrammeSession(caseId: string, input: Input<"add">, actorId: string) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    const { intent: _intent, reason, ...fields } = input;
    const created = await tx.programmeSession.create({ data: { ...fields, programmeId: p.id, position: p.sessions.length, added: true }, select: { id: true } });
    await tx.programmeChange.create({
      data: { caseId, programmeId: p.id, sessionId: created.id, kind: "ADDED", reason, toPosition: p.sessions.length, actorId },
      select: { id: true },
    });
    return created;
  });
}

export async function scheduleProgrammeSession(caseId: string, input: Input<"schedule">) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    refuse(recordCheck(p.sessions.find((s) => s.id === input.sessionId)));
    if (input.coFacilitatorId) {
      const member = await tx.caseMember.findFirst({ where: { caseId, userId: input.coFacilitatorId }, select: { id: true } });
      if (!member) throw new Refusal("Choose a co-facilitator from the case team.", { status: 400, field: "coFacilitatorId" });
    }
    const { intent: _intent, sessionId, ...plan } = input;
    await tx.programmeSession.update({ where: { id: sessionId }, data: plan });
    return { id: sessionId };
  });
}

/**
 * Records whether the person came (a new row: the newest counts, so a mistake is corrected by
 * recording again) and, for a missed session, whom to tell: the facilitators, and the case
 * supervisor too from the second in a row. `tell` runs after the commit (docs/architecture.md, "Notifications").
 */
export async function recordAttendance(caseId: string, input: Input<"attendance">, actorId: string) {
  const result = await db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    refuse(recordCheck(p.sessions.find((s) => s.id === input.sessionId)));
    const row = await tx.programmeAttendance.create({
      data: {
        caseId,
        sessionId: input.sessionId,
        status: input.status,
        reason: input.reason,
        cancelledBy: input.status === "CANCELLED" ? input.cancelledBy : null,
        recordedById: actorId,
      },
      select: { id: true },
    });
    const after = p.sessions.map((s) => (s.id === input.sessionId ? { ...s, attendance: { status: input.status, cancelledBy: input.cancelledBy } } : s));
    return { id: row.id, escalation: missedEscalation(after, input.sessionId) };
  });
  const tell = async () => {
    const subject = `${input.sessionId}:${result.id}`;
    if (result.escalation.facilitators) await notify({ kind: "PROGRAMME_SESSION_MISSED", caseId, subject, actorId });
    if (result.escalation.supervisor) await notify({ kind: "PROGRAMME_SESSIONS_MISSED", caseId, subject, actorId });
  };
  return { ...result, tell };
}

/**
 * A record that may put a booked conference on hold (programmeRecordHold): asked inside the
 * record's own transaction, so a booking never stands for a moment past a concern. Returns the
 * hold's reason, or null when nothing was booked or the record holds nothing.
 */
async function holdIfRecordHolds(tx: Tx, caseId: string, programmeId: string, record: ProgrammeRecord, actorId: string): Promise<string | null> {
  if ((await tx.conference.count({ where: { caseId, status: "SCHEDULED" } })) === 0) return null;
  const override = await tx.programmeJudgement.findFirst({ where: { programmeId, kind: "OVERRIDE" }, select: { reasons: true } });
  const hold = programmeRecordHold(record, { override });
  if (!hold) return null;
  await holdBookings(tx, caseId, actorId, hold);
  return hold.reason;
}

/** A held session's review; one raising a concern puts a booked conference on hold (the caller tells the team after the commit). */
export async function reviewProgrammeSession(caseId: string, input: Input<"review">, actorId: string) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    const session = p.sessions.find((s) => s.id === input.sessionId);
    refuse(reviewCheck(session));
    const { intent: _intent, ...review } = input;
    const row = await tx.programmeReview.create({
      data: { ...review, concernText: review.concern ? review.concernText : "", caseId, recordedById: actorId },
      select: { id: true, createdAt: true },
    });
    const number = inOrder(p.sessions).findIndex((s) => s.id === input.sessionId) + 1;
    const record = { kind: "review", concern: review.concern, session: { title: session!.title, number }, at: row.createdAt } as const;
    return { id: row.id, held: await holdIfRecordHolds(tx, caseId, p.id, record, actorId) };
  });
}

/**
 * The facilitators' readiness judgement, or the case supervisor's decision to go ahead without a
 * complete programme. Not ready puts a booked conference on hold unless that decision stands.
 */
export async function recordJudgement(caseId: string, kind: "READY" | "NOT_READY" | "OVERRIDE", reasons: string, actorId: string) {
  return db.$transaction(async (tx) => {
    const p = await programmeOf(tx, caseId);
    const row = await tx.programmeJudgement.create({ data: { caseId, programmeId: p.id, kind, reasons, recordedById: actorId }, select: { id: true, createdAt: true } });
    return { id: row.id, held: await holdIfRecordHolds(tx, caseId, p.id, { kind: "judgement", judgement: kind, at: row.createdAt }, actorId) };
  });
}
