import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { CONSENT_ANSWER_LABELS, CONSENT_ELEMENT_LABELS, displayName, type ConsentAnswer, type ConsentElement, type ConsentMethod } from "~/utils/preparation";
import type { FieldErrors } from "~/utils/schemas";
import { bookedConferenceStands } from "./gates";
import { WithdrawTargetSchema, type ConsentAction, type WithdrawalPreview } from "./people-schemas";
import { holdBookingsIfGateFails, loadGateFacts } from "./preparation.server";

/** What a preparation change answers: a confirmation, or field errors with nothing changed. */
export type Outcome = { ok: true; id: string; done: string; held: boolean } | { ok: false; errors: FieldErrors };
/** A consent change may also answer "confirm first": a withdrawal without the right token. */
export type ConsentOutcome = Outcome | { ok: false; confirm: WithdrawalPreview };

/**
 * Runs the gate after a change, inside its transaction, and says what it did in words:
 * "The conference on Tue 8 Dec 2026, 10:00 is on hold: …", or null when the booking stands.
 */
export async function holdAndDescribe(tx: Prisma.TransactionClient, caseId: string, actorId: string): Promise<string | null> {
  const booked = await tx.conference.findFirst({
    where: { caseId, status: "SCHEDULED" },
    orderBy: { scheduledAt: "asc" },
    select: { scheduledAt: true, live: { select: { status: true } } },
  });
  if (!booked) return null;
  const reasons = await holdBookingsIfGateFails(tx, caseId, actorId);
  if (!reasons) return null;
  const running = isRunning(booked.live?.status);
  return `The conference on ${formatDateTime(booked.scheduledAt.toISOString())} is on hold: ${reasons.join(" ")}${running ? " It was running: both live screens now show it is on hold." : ""} The case is back in preparation.`;
}

const isRunning = (liveStatus: string | undefined) => liveStatus === "LIVE" || liveStatus === "PAUSED";

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

type Person = NonNullable<Awaited<ReturnType<typeof findActiveParticipant>>>;
/** One consent answer's place in the ledger: whose, given by whom (null: the person themselves, or a guardian for them), about what. */
type Target = { participantId: string; guardianId: string | null; element: ConsentElement; sharedWith: string };

/** The newest answer to one consent element (per named party for sharing, per answering guardian), or null. */
const latestAnswer = (tx: Prisma.TransactionClient | typeof db, target: Target) =>
  tx.consentEntry.findFirst({
    where: { participantId: target.participantId, guardianId: target.guardianId, element: target.element, sharedWith: target.sharedWith },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { answer: true, method: true },
  });

/** "Karen, for Ellie," when a guardian answers; the person's own name otherwise. */
const answererOf = (person: Person, guardian: Person | null) => (guardian ? `${displayName(guardian)}, for ${displayName(person)},` : displayName(person));

const nothingToWithdraw = (person: Person, guardian: Person | null, target: Target): FieldErrors => ({
  form: `${answererOf(person, guardian)} has not said yes to ${what(target.element, target.sharedWith)}, so there is nothing to withdraw.`,
});

/**
 * What withdrawing this yes would do now, worked out from the same gate rules the withdrawal
 * runs (bookedConferenceStands on the facts with this answer withdrawn), before anything is written.
 */
async function describeWithdrawal(tx: Prisma.TransactionClient | typeof db, caseId: string, person: Person, guardian: Person | null, target: Target): Promise<WithdrawalPreview> {
  const facts = await loadGateFacts(caseId, tx);
  const booked = await tx.conference.findMany({
    where: { caseId, status: "SCHEDULED" },
    orderBy: { scheduledAt: "asc" },
    select: { id: true, scheduledAt: true, live: { select: { status: true } } },
  });
  const withdrawn = facts && {
    ...facts,
    // Sharing with a named party is not part of the gates (facts hold only the general answers).
    participants: facts.participants.map((p) => {
      if (p.id !== person.id || target.sharedWith !== "") return p;
      const withdrawn = (consent: typeof p.consent) => ({ ...consent, [target.element]: "WITHDRAWN" as const });
      // A guardian's withdrawal changes only that guardian's answer for the child.
      if (target.guardianId) return { ...p, guardians: p.guardians?.map((g) => (g.id === target.guardianId ? { ...g, consent: withdrawn(g.consent) } : g)) };
      return { ...p, consent: withdrawn(p.consent) };
    }),
  };
  const holds = booked.length > 0 && !!withdrawn && !bookedConferenceStands(withdrawn).ok;
  const consentTo = `consent to ${what(target.element, target.sharedWith)}`;
  const when = (c: (typeof booked)[number]) => formatDateTime(c.scheduledAt.toISOString());
  const effects: string[] = [];
  if (holds) {
    for (const c of booked) {
      effects.push(
        isRunning(c.live?.status)
          ? `Withdrawing ${consentTo} will stop the conference that is running now; both live screens will show it is on hold.`
          : `Withdrawing ${consentTo} will put the conference booked for ${when(c)} on hold.`,
      );
    }
    if (facts?.stage === "CONFERENCE_SCHEDULED") effects.push("The case will go back to preparation.");
    effects.push("To go ahead later, record their consent again and re-book the conference.");
  } else {
    for (const c of booked) effects.push(`The conference booked for ${when(c)} is not affected.`);
  }
  effects.push("The withdrawal is added to the consent history; earlier answers stay there.");
  return {
    participantId: target.participantId,
    guardianId: target.guardianId,
    element: target.element,
    sharedWith: target.sharedWith,
    question: guardian ? `Withdraw ${displayName(guardian)}'s ${consentTo}, given for ${displayName(person)}?` : `Withdraw ${displayName(person)}'s ${consentTo}?`,
    effects,
    holds,
    token: holds ? `hold:${booked.map((c) => `${c.id}.${isRunning(c.live?.status) ? "running" : "booked"}`).join(",")}` : "no-hold",
  };
}

/** The yes a withdrawal page's address names (?participantId=&element=…), or null when it names none; parsed here so the page's bundle carries no schema. */
export function withdrawTargetOf(url: URL) {
  const target = WithdrawTargetSchema.safeParse(Object.fromEntries(url.searchParams));
  return target.success ? target.data : null;
}

/** What withdrawing this yes would do (the withdrawal page's question), or why there is nothing to withdraw. */
export async function previewWithdrawal(caseId: string, input: Target): Promise<{ ok: true; preview: WithdrawalPreview } | { ok: false; errors: FieldErrors }> {
  const person = await findActiveParticipant(db, caseId, input.participantId);
  if (!person) return { ok: false, errors: NOT_ON_CASE };
  let guardian: Person | null = null;
  if (input.guardianId) {
    const link = await db.participantGuardian.findUnique({ where: { guardianId_childId: { guardianId: input.guardianId, childId: person.id } }, select: { guardianId: true } });
    guardian = link ? await findActiveParticipant(db, caseId, link.guardianId) : null;
    if (!guardian) return { ok: false, errors: { guardianId: `Choose a parent or guardian of ${displayName(person)} who is on this case` } };
  }
  const target: Target = {
    participantId: person.id,
    guardianId: guardian?.id ?? null,
    element: input.element,
    sharedWith: input.element === "SHARE_INFORMATION" ? input.sharedWith : "",
  };
  const latest = await latestAnswer(db, target);
  if (latest?.answer !== "YES") return { ok: false, errors: nothingToWithdraw(person, guardian, target) };
  return { ok: true, preview: await describeWithdrawal(db, caseId, person, guardian, target) };
}

/**
 * Records a consent answer, or withdraws a yes. The ledger is append-only: each call adds one row
 * and never changes an earlier one. The booking gate is checked in the same transaction.
 * With `guardianId`, the answer is that parent or guardian's, for the participant (a child): it is
 * kept in the child's ledger beside their own and is current on its own (withdrawing it withdraws
 * the guardian's yes, not the child's). The guardian must be on the case and linked to the child.
 *
 * A withdrawal can stop a conference, so it is never made in one tap: unless `confirm` is the
 * token of what it will do now (describeWithdrawal, worked out in this same transaction), nothing
 * is written and the answer is the question to ask.
 */
export async function changeConsent(caseId: string, input: ConsentAction, actorId: string): Promise<ConsentOutcome> {
  const sharedWith = input.element === "SHARE_INFORMATION" ? input.sharedWith : "";
  return db.$transaction(async (tx): Promise<ConsentOutcome> => {
    const person = await findActiveParticipant(tx, caseId, input.participantId);
    if (!person) return { ok: false, errors: NOT_ON_CASE };
    let guardian: Person | null = null;
    if (input.guardianId) {
      const link = await tx.participantGuardian.findUnique({ where: { guardianId_childId: { guardianId: input.guardianId, childId: person.id } }, select: { guardianId: true } });
      guardian = link ? await findActiveParticipant(tx, caseId, link.guardianId) : null;
      if (!guardian) return { ok: false, errors: { guardianId: `Choose a parent or guardian of ${displayName(person)} who is on this case` } };
    }
    const target: Target = { participantId: person.id, guardianId: guardian?.id ?? null, element: input.element, sharedWith };
    const latest = await latestAnswer(tx, target);
    let entry: { answer: ConsentAnswer; method: ConsentMethod; givenAt: Date; note: string };
    if (input.intent === "withdraw") {
      if (latest?.answer !== "YES") return { ok: false, errors: nothingToWithdraw(person, guardian, target) };
      const preview = await describeWithdrawal(tx, caseId, person, guardian, target);
      if (input.confirm !== preview.token) return { ok: false, confirm: preview };
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
