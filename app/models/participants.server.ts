import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { displayName } from "~/utils/preparation";
import { findActiveParticipant, holdAndDescribe, type Outcome } from "./consent.server";
import type { ParticipantInput } from "./people-schemas";

type Tx = Prisma.TransactionClient;
type Fields = Omit<ParticipantInput, "intent">;

const NOT_ON_CASE: Outcome = { ok: false, errors: { participantId: "Choose someone on this case" } };

/**
 * The columns a participant form writes. A supporter's link is checked against the case: the
 * person they support must be an active participant of the same case and not a supporter themselves.
 */
async function columns(tx: Tx, caseId: string, input: Fields, selfId?: string): Promise<{ data: Prisma.ParticipantUncheckedUpdateInput } | Outcome> {
  let supportsId: string | null = null;
  if (input.role === "SUPPORTER" && input.supportsId) {
    const supported = await findActiveParticipant(tx, caseId, input.supportsId);
    if (!supported || supported.id === selfId) return { ok: false, errors: { supportsId: "Choose the person they support from this case" } };
    if (supported.role === "SUPPORTER") return { ok: false, errors: { supportsId: "Choose the person they support, not another supporter" } };
    supportsId = supported.id;
  }
  // Named one by one: the parsed form also carries intent and participantId, which are not columns.
  const { role, name, preferredName, pronouns, addressAs, relationship, phone, email, address, contactMethod, contactFrequency, accessNotes, hopes } = input;
  return {
    data: {
      ...{ role, name, preferredName, pronouns, addressAs, relationship, phone, email, address, contactMethod, contactFrequency, accessNotes, hopes },
      supportsId,
      accessNeeds: JSON.stringify([...new Set(input.accessNeeds)]),
      enhancedRights: role === "PERSON_HARMED" && input.enhancedRights,
    },
  };
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
