import { db } from "~/utils/db.server";
import { displayName, PREP_CONTACT_KIND_LABELS } from "~/utils/preparation";
import { findActiveParticipant, type Outcome } from "./consent.server";
import type { ContactInput } from "./people-schemas";

/**
 * Logs a preparation contact (visit, call, letter, email). The participant, when named, must be an
 * active participant of this case; the co-worker must be on the case team. Contacts do not touch
 * the gates, so no booking check is needed.
 */
export async function addContact(caseId: string, input: Omit<ContactInput, "intent">, actorId: string): Promise<Outcome> {
  return db.$transaction(async (tx): Promise<Outcome> => {
    const person = input.participantId ? await findActiveParticipant(tx, caseId, input.participantId) : null;
    if (input.participantId && !person) return { ok: false, errors: { participantId: "Choose someone on this case" } };
    if (input.coWorkerId) {
      const member = await tx.caseMember.findFirst({ where: { caseId, userId: input.coWorkerId }, select: { userId: true } });
      if (!member) return { ok: false, errors: { coWorkerId: "Choose a member of the case team" } };
    }
    const created = await tx.preparationContact.create({
      data: {
        caseId,
        participantId: person?.id ?? null,
        kind: input.kind,
        occurredAt: input.occurredAt,
        place: input.place,
        placeDetail: input.placeDetail,
        attendees: input.attendees,
        coWorkerId: input.coWorkerId,
        outcome: input.outcome,
        status: input.status,
        statusReason: input.status === "COMPLETED" ? "" : input.statusReason,
        recordedById: actorId,
      },
      select: { id: true },
    });
    const kind = PREP_CONTACT_KIND_LABELS[input.kind].toLowerCase();
    const done = person ? `Logged the ${kind} with ${displayName(person)}.` : `Logged the ${kind}.`;
    return { ok: true, id: created.id, done, held: false };
  });
}
