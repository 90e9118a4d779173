import { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { Principal } from "~/utils/permissions";
import type { ClosureReason, CompletedBy } from "~/utils/preparation";
import { formatReference, REFERENCE_PATTERN, RECORD_FIELDS, type OffenceType, type RecordField, type ReferrerType } from "~/utils/referral";
import { isStage, type CaseRole, type Stage } from "~/utils/roles";
import type { FieldErrors } from "~/utils/schemas";
import { listAssignableUsers } from "./case-team.server";
import { receivedAt, serviceDate, type CaseDetailsInput, type CaseIntakeInput } from "./case-record-schemas";
import { reopenStage } from "./gates";
import { holdBookingsIfGateFails } from "./preparation.server";
import { Refusal } from "~/utils/refusal";
import { setStage } from "./stage.server";

/**
 * The record of a case: recording a referral, editing its details with the earlier values kept
 * (CaseRecordChange), reopening. Closing is a stage move (stage.server.ts) that also writes here.
 */

/**
 * The service's next free reference for this year: one more than the highest RJ-<year>-NNNN in
 * use (gaps left by a typed reference are not reused, so numbers keep to the order received).
 */
export async function nextFreeReference(serviceId: string, now = new Date()): Promise<string> {
  const year = Number(serviceDate(now).slice(0, 4));
  const rows = await db.case.findMany({ where: { serviceId, reference: { startsWith: `RJ-${year}-` } }, select: { reference: true } });
  const used = new Set(rows.map((r) => Number(REFERENCE_PATTERN.exec(r.reference)?.[2] ?? 0)));
  const highest = Math.max(0, ...used);
  if (highest < 9999) return formatReference(year, highest + 1);
  for (let n = 1; n <= 9999; n++) if (!used.has(n)) return formatReference(year, n);
  return formatReference(year, 9999);
}

/** The active staff who may be put on a new case: facilitators (lead, co) and supervisors. */
export async function listIntakeStaff(serviceId: string) {
  const users = await listAssignableUsers(serviceId);
  return {
    facilitators: users.filter((u) => u.role === "FACILITATOR").map(({ id, name }) => ({ id, name })),
    supervisors: users.filter((u) => u.role === "SUPERVISOR").map(({ id, name }) => ({ id, name })),
  };
}

const referenceTaken = async (serviceId: string, reference: string) =>
  `${reference} is already the reference of another case. The next free reference is ${await nextFreeReference(serviceId)}.`;

export type IntakeOutcome = { ok: true; id: string; reference: string } | { ok: false; errors: FieldErrors };

/**
 * Records a referral as a case at the referral stage, with its team, its first stage event and its
 * "created" history row, in one transaction: nothing is saved unless everything is.
 */
export async function createCase(actor: Principal, input: CaseIntakeInput): Promise<IntakeOutcome> {
  const members: { userId: string; role: CaseRole }[] = [];
  if (input.leadId) members.push({ userId: input.leadId, role: "LEAD" });
  if (input.coFacilitatorId) members.push({ userId: input.coFacilitatorId, role: "CO_FACILITATOR" });
  if (input.supervisorId) members.push({ userId: input.supervisorId, role: "SUPERVISOR" });
  try {
    const outcome = await db.$transaction(async (tx): Promise<IntakeOutcome & { taken?: true }> => {
      const errors = await teamErrors(tx, actor, input);
      const taken = (await tx.case.findFirst({ where: { serviceId: actor.serviceId, reference: input.reference }, select: { id: true } })) !== null;
      if (taken || Object.keys(errors).length > 0) return { ok: false, errors, ...(taken ? { taken: true as const } : {}) };
      const created = await tx.case.create({
        data: {
          serviceId: actor.serviceId,
          reference: input.reference,
          title: input.title,
          stage: "REFERRAL",
          referredAt: receivedAt(input.receivedOn),
          referrerType: input.referrerType,
          referrerName: input.referrerName,
          referrerContact: input.referrerContact,
          referrerNotes: input.referrerNotes,
          offenceType: input.offenceType,
          offenceOther: input.offenceType === "OTHER" ? input.offenceOther : "",
          offenceSummary: input.offenceSummary,
          youth: input.ageGroup === "YOUTH",
          sensitive: input.sensitive,
          members: { create: members },
          stageEvents: { create: [{ stage: "REFERRAL", actorId: actor.id }] },
          recordChanges: { create: [{ action: "CREATED", actorId: actor.id }] },
        },
        select: { id: true, reference: true },
      });
      return { ok: true, ...created };
    });
    // The next free number is looked up after the transaction, which must only read through `tx`.
    if (!outcome.ok && outcome.taken) return { ok: false, errors: { ...outcome.errors, reference: await referenceTaken(actor.serviceId, input.reference) } };
    if (!outcome.ok) return { ok: false, errors: outcome.errors };
    return { ok: true, id: outcome.id, reference: outcome.reference };
  } catch (error) {
    // Two people taking the same number at once both pass the check above; the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { reference: await referenceTaken(actor.serviceId, input.reference) } };
    }
    throw error;
  }
}

/** The team must be active staff of this service in the right roles, and include a facilitator who records it. */
async function teamErrors(tx: Prisma.TransactionClient, actor: Principal, input: CaseIntakeInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const ids = [input.leadId, input.coFacilitatorId, input.supervisorId].filter((v): v is string => v !== null);
  const staff = await tx.user.findMany({ where: { id: { in: ids }, serviceId: actor.serviceId, disabled: false }, select: { id: true, role: true } });
  const roleOf = (id: string | null) => staff.find((s) => s.id === id)?.role;
  if (input.leadId && roleOf(input.leadId) !== "FACILITATOR") errors.leadId = "Choose an active facilitator of your service as lead";
  if (input.coFacilitatorId && roleOf(input.coFacilitatorId) !== "FACILITATOR") errors.coFacilitatorId = "Choose an active facilitator of your service as co-facilitator";
  if (input.supervisorId && roleOf(input.supervisorId) !== "SUPERVISOR") errors.supervisorId = "Choose an active supervisor of your service";
  // A facilitator records referrals they will work on: assigning work to colleagues is the
  // manager's, and a facilitator off the team could not open the case they had just typed in.
  if (actor.role === "FACILITATOR" && !errors.leadId) {
    if (!input.leadId) errors.leadId = "Choose the lead facilitator";
    else if (input.leadId !== actor.id && input.coFacilitatorId !== actor.id) {
      errors.leadId = "Put yourself on the team as lead or co-facilitator. Your service manager records referrals for others.";
    }
  }
  return errors;
}

/** The Case columns behind the details form, as the history stores them (strings). */
const detailSelect = {
  stage: true,
  title: true,
  referrerType: true,
  referrerName: true,
  referrerContact: true,
  referrerNotes: true,
  referredAt: true,
  offenceType: true,
  offenceOther: true,
  offenceSummary: true,
  youth: true,
  sensitive: true,
} as const;

function asStored(row: Record<RecordField, string | boolean | Date>): Record<RecordField, string> {
  const out = {} as Record<RecordField, string>;
  for (const f of RECORD_FIELDS) {
    const v = row[f];
    out[f] = v instanceof Date ? v.toISOString() : String(v);
  }
  return out;
}

export type DetailsOutcome = { changed: RecordField[]; held: string[] | null };

/**
 * Changes the referral details. Each changed field gets a history row with its earlier value, in
 * the same transaction as the change. Marking a case sensitive can break a booked conference's
 * gate (a sensitive case needs the supervisor's approval), so bookings are re-checked here too.
 */
export async function updateCaseDetails(caseId: string, input: CaseDetailsInput, actorId: string): Promise<DetailsOutcome> {
  return db.$transaction(async (tx) => {
    const current = await tx.case.findUnique({ where: { id: caseId }, select: detailSelect });
    if (!current) throw new Refusal(["Case not found."], { status: 400 });
    if (current.stage === "CLOSED") throw new Refusal(["This case is closed. Ask the service manager to reopen it before changing its details."], { status: 400 });
    const sameDay = serviceDate(current.referredAt) === input.receivedOn;
    const next = {
      title: input.title,
      referrerType: input.referrerType,
      referrerName: input.referrerName,
      referrerContact: input.referrerContact,
      referrerNotes: input.referrerNotes,
      // The same day keeps the instant already recorded (a seeded or older case may carry a time).
      referredAt: sameDay ? current.referredAt : receivedAt(input.receivedOn),
      offenceType: input.offenceType,
      offenceOther: input.offenceType === "OTHER" ? input.offenceOther : "",
      offenceSummary: input.offenceSummary,
      youth: input.ageGroup === "YOUTH",
      sensitive: input.sensitive,
    };
    const before = asStored(current);
    const after = asStored(next);
    const changed = RECORD_FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length === 0) return { changed, held: null };
    const moved = await tx.case.updateMany({ where: { id: caseId, stage: { not: "CLOSED" } }, data: next });
    if (moved.count !== 1) throw new Refusal(["This case was closed while you were working. Ask the service manager to reopen it."], { status: 400 });
    await tx.caseRecordChange.createMany({
      data: changed.map((field) => ({ caseId, action: "EDITED", field, before: before[field], after: after[field], actorId })),
    });
    const held = changed.includes("sensitive") ? await holdBookingsIfGateFails(tx, caseId, actorId) : null;
    return { changed, held };
  });
}

/** The stage a closed case was closed from: its closure's history row, or else its stage timeline. */
async function closedFrom(tx: Prisma.TransactionClient, caseId: string): Promise<Stage | null> {
  const closure = await tx.caseRecordChange.findFirst({ where: { caseId, action: "CLOSED" }, orderBy: { createdAt: "desc" }, select: { before: true } });
  if (closure && isStage(closure.before)) return closure.before;
  const events = await tx.caseStageEvent.findMany({ where: { caseId }, orderBy: { createdAt: "desc" }, select: { stage: true } });
  const closedAt = events.findIndex((e) => e.stage === "CLOSED");
  const previous = closedAt >= 0 ? events[closedAt + 1]?.stage : undefined;
  return previous && isStage(previous) ? previous : null;
}

/**
 * Reopens a closed case with a reason (the manager's decision): it returns to the stage it was
 * closed from (gates.ts, reopenStage), its closure reason and how it was completed are cleared, and the history and stage
 * timeline say why. Bookings cancelled at closure stay cancelled.
 */
export async function reopenCase(tx: Prisma.TransactionClient, caseId: string, reason: string, actorId: string): Promise<{ to: Stage }> {
  const found = await tx.case.findUnique({ where: { id: caseId }, select: { stage: true } });
  if (!found) throw new Refusal(["Case not found."], { status: 400 });
  if (found.stage !== "CLOSED") throw new Refusal(["This case is not closed."], { status: 400 });
  const to = reopenStage(await closedFrom(tx, caseId));
  await setStage(tx, { caseId, from: "CLOSED", to, actorId, reason: `Reopened: ${reason}` });
  await tx.case.update({ where: { id: caseId }, data: { closureReason: null, closureNote: null, completedBy: null }, select: { id: true } });
  await tx.caseRecordChange.create({ data: { caseId, action: "REOPENED", field: "stage", before: "CLOSED", after: to, reason, actorId }, select: { id: true } });
  return { to };
}

/** The record of a case: its referral details, team, stage and closure, and the history of changes (newest first). */
export async function getCaseRecord(caseId: string) {
  const c = await db.case.findUnique({
    where: { id: caseId },
    select: {
      ...detailSelect,
      id: true,
      reference: true,
      closureReason: true,
      closureNote: true,
      completedBy: true,
      createdAt: true,
      members: { orderBy: { role: "asc" }, select: { role: true, user: { select: { id: true, name: true } } } },
      recordChanges: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, action: true, field: true, before: true, after: true, reason: true, actorId: true, createdAt: true },
      },
    },
  });
  if (!c) return null;
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(c.recordChanges.map((r) => r.actorId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(actors.map((a) => [a.id, a.name]));
  return {
    id: c.id,
    reference: c.reference,
    stage: c.stage as Stage,
    closure: c.closureReason ? { reason: c.closureReason as ClosureReason, note: c.closureNote ?? "", completedBy: c.completedBy as CompletedBy | null } : null,
    details: {
      title: c.title,
      referrerType: c.referrerType as ReferrerType,
      referrerName: c.referrerName,
      referrerContact: c.referrerContact,
      referrerNotes: c.referrerNotes,
      referredAt: c.referredAt.toISOString(),
      receivedOn: serviceDate(c.referredAt),
      offenceType: c.offenceType as OffenceType,
      offenceOther: c.offenceOther,
      offenceSummary: c.offenceSummary,
      youth: c.youth,
      sensitive: c.sensitive,
    },
    team: c.members.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role as CaseRole })),
    history: c.recordChanges.map((r) => ({
      id: r.id,
      action: r.action as "CREATED" | "EDITED" | "CLOSED" | "REOPENED",
      field: r.field,
      before: r.before,
      after: r.after,
      reason: r.reason,
      by: nameOf.get(r.actorId) ?? "A former colleague",
      at: r.createdAt.toISOString(),
    })),
  };
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof getCaseRecord>>>;
