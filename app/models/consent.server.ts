import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { CONSENT_ANSWER_LABELS, CONSENT_ELEMENT_LABELS, displayName, type ConsentAnswer, type ConsentElement } from "~/utils/preparation";
import type { FieldErrors } from "~/utils/schemas";
import type { ConsentAction } from "./people-schemas";
import { holdBookingsIfGateFails } from "./preparation.server";

/** What a preparation change answers: a confirmation, or field errors with nothing changed. */
export type Outcome = { ok: true; id: string; done: string; held: boolean } | { ok: false; errors: FieldErrors };

/**
 * Runs the gate after a change, inside its transaction, and says what it did in words:
 * "The conference on Tue 8 Dec 2026, 10:00 is on hold: …", or null when the booking stands.
 */
export async function holdAndDescribe(tx: Prisma.TransactionClient, caseId: string, actorId: string): Promise<string | null> {
  const booked = await tx.conference.findFirst({ where: { caseId, status: "SCHEDULED" }, orderBy: { scheduledAt: "asc" }, select: { scheduledAt: true } });
  if (!booked) return null;
  const reasons = await holdBookingsIfGateFails(tx, caseId, actorId);
  if (!reasons) return null;
  return `The conference on ${formatDateTime(booked.scheduledAt.toISOString())} is on hold: ${reasons.join(" ")} The case is back in preparation.`;
}

/** An active participant of this case, or null (unknown, removed, or another case's). */
export function findActiveParticipant(tx: Prisma.TransactionClient | typeof db, caseId: string, participantId: string) {
  return tx.participant.findFirst({
    where: { id: participantId, caseId, removedAt: null },
    select: { id: true, name: true, preferredName: true, role: true },
  });
}

const NOT_ON_CASE: FieldErrors = { participantId: "Choose someone on this case" };

const what = (element: ConsentElement, sharedWith: string) =>
  element === "SHARE_INFORMATION" ? `share information with ${sharedWith}` : CONSENT_ELEMENT_LABELS[element].toLowerCase();

/**
 * Records a consent answer, or withdraws a yes in one tap. The ledger is append-only: each call
 * adds one row and never changes an earlier one. The booking gate is checked in the same transaction.
 * With `guardianId`, the answer is that parent or guardian's, for the participant (a child): it is
 * kept in the child's ledger beside their own and is current on its own (withdrawing it withdraws
 * the guardian's yes, not the child's). The guardian must be on the case and linked to the child.
 */
export async function changeConsent(caseId: string, input: ConsentAction, actorId: string): Promise<Outcome> {
  const sharedWith = input.element === "SHARE_INFORMATION" ? input.sharedWith : "";
  return db.$transaction(async (tx): Promise<Outcome> => {
    const person = await findActiveParticipant(tx, caseId, input.participantId);
    if (!person) return { ok: false, errors: NOT_ON_CASE };
    let guardian: Awaited<ReturnType<typeof findActiveParticipant>> = null;
    if (input.guardianId) {
      const link = await tx.participantGuardian.findUnique({ where: { guardianId_childId: { guardianId: input.guardianId, childId: person.id } }, select: { guardianId: true } });
      guardian = link ? await findActiveParticipant(tx, caseId, link.guardianId) : null;
      if (!guardian) return { ok: false, errors: { guardianId: `Choose a parent or guardian of ${displayName(person)} who is on this case` } };
    }
    const latest = await tx.consentEntry.findFirst({
      where: { participantId: person.id, element: input.element, sharedWith, guardianId: guardian?.id ?? null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { answer: true, method: true },
    });
    // "Karen, for Ellie," when a guardian answers; the person's own name otherwise.
    const answerer = guardian ? `${displayName(guardian)}, for ${displayName(person)},` : displayName(person);
    let entry: { answer: ConsentAnswer; method: string; givenAt: Date; note: string };
    if (input.intent === "withdraw") {
      if (latest?.answer !== "YES") return { ok: false, errors: { form: `${answerer} has not said yes to ${what(input.element, sharedWith)}, so there is nothing to withdraw.` } };
      entry = { answer: "WITHDRAWN", method: latest.method, givenAt: new Date(), note: "" };
    } else {
      entry = { answer: input.answer, method: input.method, givenAt: input.givenAt, note: input.note };
    }
    const created = await tx.consentEntry.create({
      data: { caseId, participantId: person.id, guardianId: guardian?.id ?? null, element: input.element, sharedWith, recordedById: actorId, ...entry },
      select: { id: true },
    });
    const hold = await holdAndDescribe(tx, caseId, actorId);
    const answer = CONSENT_ANSWER_LABELS[entry.answer];
    const done = guardian
      ? `Recorded for ${displayName(person)}, answered by ${displayName(guardian)} (parent or guardian): ${what(input.element, sharedWith)} — ${answer}.`
      : `Recorded for ${displayName(person)}: ${what(input.element, sharedWith)} — ${answer}.`;
    return { ok: true, id: created.id, done: hold ? `${done} ${hold}` : done, held: hold !== null };
  });
}
