import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { displayName } from "~/utils/preparation";
import { findActiveParticipant, holdAndDescribe, type Outcome } from "./consent.server";
import type { ParticipantInput } from "./people-schemas";

type Tx = Prisma.TransactionClient;
type Fields = Omit<ParticipantInput, "intent">;

const NOT_ON_CASE: Outcome = { ok: false, errors: { participantId: "Choose someone on this case" } };

type Columns = { data: Prisma.ParticipantUncheckedUpdateInput; guardianOf: string[] };

/**
 * The columns a participant form writes, and the children they are a parent or guardian of.
 * Links are checked against the case: the person a supporter or professional supports must be an
 * active participant of the same case and not a supporter or professional themselves; each child
 * must be an active participant of the same case, not this person, and not their own guardian.
 */
async function columns(tx: Tx, caseId: string, input: Fields, selfId?: string): Promise<Columns | Outcome> {
  let supportsId: string | null = null;
  if ((input.role === "SUPPORTER" || input.role === "PROFESSIONAL") && input.supportsId) {
    const supported = await findActiveParticipant(tx, caseId, input.supportsId);
    if (!supported || supported.id === selfId) return { ok: false, errors: { supportsId: "Choose the person they support from this case" } };
    if (supported.role === "SUPPORTER") return { ok: false, errors: { supportsId: "Choose the person they support, not another supporter" } };
    if (supported.role === "PROFESSIONAL") return { ok: false, errors: { supportsId: "Choose the person they support, not a professional" } };
    supportsId = supported.id;
  }
  const guardianOf = [...new Set(input.guardianOf)];
  if (selfId && guardianOf.includes(selfId)) return { ok: false, errors: { guardianOf: "Someone cannot be their own parent or guardian" } };
  if (guardianOf.length) {
    const children = await tx.participant.findMany({ where: { caseId, id: { in: guardianOf }, removedAt: null }, select: { id: true } });
    if (children.length !== guardianOf.length) return { ok: false, errors: { guardianOf: "Choose the young people they are a parent or guardian of from this case" } };
    if (selfId) {
      // A is B's guardian and B is A's: one of the two links is a mistake.
      const reverse = await tx.participantGuardian.findFirst({
        where: { guardianId: { in: guardianOf }, childId: selfId },
        select: { guardian: { select: { name: true, preferredName: true } } },
      });
      if (reverse)
        return { ok: false, errors: { guardianOf: `${displayName(reverse.guardian)} is recorded as this person's parent or guardian, so this person cannot be theirs` } };
    }
  }
  // Named one by one: the parsed form also carries intent and participantId, which are not columns.
  const { role, name, preferredName, pronouns, addressAs, relationship, phone, email, address, contactMethod, contactFrequency, accessNotes, hopes } = input;
  const professional = role === "PROFESSIONAL";
  return {
    data: {
      ...{ role, name, preferredName, pronouns, addressAs, relationship, phone, email, address, contactMethod, contactFrequency, accessNotes, hopes },
      supportsId,
      accessNeeds: JSON.stringify([...new Set(input.accessNeeds)]),
      enhancedRights: role === "PERSON_HARMED" && input.enhancedRights,
      dateOfBirth: input.dateOfBirth,
      // A band beside a date of birth only repeats it (the schema refused one that disagreed).
      ageBand: input.dateOfBirth ? null : input.ageBand,
      professionalType: professional ? input.professionalType : null,
      organisation: professional ? input.organisation : "",
    },
    guardianOf,
  };
}

/** Makes this person's guardian links exactly `childIds`, keeping links that stay (and when they were made). */
async function setGuardianOf(tx: Tx, guardianId: string, childIds: string[]) {
  await tx.participantGuardian.deleteMany({ where: { guardianId, childId: { notIn: childIds } } });
  const existing = await tx.participantGuardian.findMany({ where: { guardianId }, select: { childId: true } });
  const have = new Set(existing.map((l) => l.childId));
  const add = childIds.filter((id) => !have.has(id));
  if (add.length) await tx.participantGuardian.createMany({ data: add.map((childId) => ({ guardianId, childId })) });
}

const withHold = (done: string, hold: string | null) => (hold ? `${done} ${hold}` : done);

export async function addParticipant(caseId: string, input: Fields, actorId: string): Promise<Outcome> {
  return db.$transaction(async (tx): Promise<Outcome> => {
    const cols = await columns(tx, caseId, input);
    if (!("data" in cols)) return cols;
    const created = await tx.participant.create({
      data: { ...(cols.data as Prisma.ParticipantUncheckedCreateInput), caseId },
      select: { id: true },
    });
    await setGuardianOf(tx, created.id, cols.guardianOf);
    // A new person harmed or responsible has not consented yet: a booked conference no longer stands.
    const hold = await holdAndDescribe(tx, caseId, actorId);
    return { ok: true, id: created.id, done: withHold(`Added ${displayName(input)}.`, hold), held: hold !== null };
  });
}

export async function editParticipant(caseId: string, participantId: string, input: Fields, actorId: string): Promise<Outcome> {
  return db.$transaction(async (tx): Promise<Outcome> => {
    const existing = await findActiveParticipant(tx, caseId, participantId);
    if (!existing) return NOT_ON_CASE;
    const cols = await columns(tx, caseId, input, existing.id);
    if (!("data" in cols)) return cols;
    await tx.participant.update({ where: { id: existing.id }, data: cols.data, select: { id: true } });
    // Unticking a child here can break a booked conference's gate: the hold check below sees it.
    await setGuardianOf(tx, existing.id, cols.guardianOf);
    const hold = await holdAndDescribe(tx, caseId, actorId);
    return { ok: true, id: existing.id, done: withHold(`Saved ${displayName(input)}.`, hold), held: hold !== null };
  });
}

/** Soft removal: the row, its consent history and contacts stay; the person leaves every gate and list. */
export async function removeParticipant(caseId: string, participantId: string, actorId: string): Promise<Outcome> {
  return db.$transaction(async (tx): Promise<Outcome> => {
    const existing = await findActiveParticipant(tx, caseId, participantId);
    if (!existing) return NOT_ON_CASE;
    await tx.participant.update({ where: { id: existing.id }, data: { removedAt: new Date() }, select: { id: true } });
    const hold = await holdAndDescribe(tx, caseId, actorId);
    return { ok: true, id: existing.id, done: withHold(`Removed ${displayName(existing)} from the case. Their history is kept.`, hold), held: hold !== null };
  });
}

/** Victims' Code: record when a person harmed was offered information about RJ (by the signed-in user), or why they are not invited. */
export async function recordVictimsCode(
  caseId: string,
  input: { participantId: string } & ({ outcome: "offered"; infoOfferedAt: Date } | { outcome: "not-invited"; notInvitedReason: string }),
  actorId: string,
): Promise<Outcome> {
  return db.$transaction(async (tx): Promise<Outcome> => {
    const existing = await findActiveParticipant(tx, caseId, input.participantId);
    if (!existing) return NOT_ON_CASE;
    if (existing.role !== "PERSON_HARMED") return { ok: false, errors: { form: "The Victims' Code applies to a person harmed only." } };
    const data =
      input.outcome === "offered"
        ? { infoOfferedAt: input.infoOfferedAt, infoOfferedById: actorId, notInvitedReason: null }
        : { infoOfferedAt: null, infoOfferedById: null, notInvitedReason: input.notInvitedReason };
    await tx.participant.update({ where: { id: existing.id }, data, select: { id: true } });
    const done =
      input.outcome === "offered"
        ? `Recorded that ${displayName(existing)} was offered information about restorative justice.`
        : `Recorded why ${displayName(existing)} is not being invited.`;
    return { ok: true, id: existing.id, done, held: false };
  });
}
