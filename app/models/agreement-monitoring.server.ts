import { db } from "~/utils/db.server";
import { fromZonedInput } from "~/utils/format";
import { parseTerms } from "./agreement-monitoring";
import type { NOTICE_METHODS, NOTICE_OUTCOMES, ProgressStatus } from "./agreement-schemas";
import { Refusal } from "~/utils/refusal";

/** Monitoring of an approved agreement: append-only progress, payments and the outcome notice. */
async function approvedTerm(agreementId: string, termId: string) {
  const agreement = await db.agreement.findUniqueOrThrow({ where: { id: agreementId }, select: { status: true, approvedVersionId: true } });
  if (agreement.status !== "APPROVED" || !agreement.approvedVersionId) {
    throw new Refusal(
      agreement.status === "DRAFTING" || agreement.status === "SUBMITTED"
        ? "Terms are monitored once the supervisor has approved the agreement."
        : "Monitoring has ended for this agreement.",
    );
  }
  const version = await db.agreementVersion.findUniqueOrThrow({ where: { id: agreement.approvedVersionId }, select: { termsJson: true } });
  const term = parseTerms(version.termsJson).find((t) => t.id === termId);
  if (!term) throw new Refusal("That term is not in the approved agreement.", { field: "termId" });
  return term;
}

export async function recordProgress(agreementId: string, termId: string, status: ProgressStatus, note: string, userId: string) {
  await approvedTerm(agreementId, termId);
  await db.agreementTermProgress.create({ data: { agreementId, termId, status, note, updatedById: userId }, select: { id: true } });
}

export async function recordPayment(agreementId: string, termId: string, amountPence: number, receivedAt: string, userId: string) {
  const term = await approvedTerm(agreementId, termId);
  if (term.type !== "RESTITUTION") throw new Refusal("Payments are recorded against restitution terms only.", { field: "termId" });
  const when = fromZonedInput(`${receivedAt}T12:00`);
  if (Number.isNaN(when.getTime()) || when.getTime() > Date.now() + 24 * 3600 * 1000)
    throw new Refusal("Enter the date the payment was received (not in the future)", { field: "receivedAt" });
  await db.agreementPayment.create({ data: { agreementId, termId, amountPence, receivedAt: when, recordedById: userId }, select: { id: true } });
}

/** Victims' Code: the person harmed was told the agreement was completed or broke down. Ends monitoring. */
export async function recordOutcomeNotice(
  agreementId: string,
  input: { outcome: (typeof NOTICE_OUTCOMES)[number]; participantId: string; method: (typeof NOTICE_METHODS)[number]; toldAt: string; note: string },
  userId: string,
) {
  const agreement = await db.agreement.findUniqueOrThrow({ where: { id: agreementId }, select: { caseId: true, status: true } });
  if (agreement.status !== "APPROVED") throw new Refusal("The person harmed is told the outcome once an approved agreement is completed or breaks down.");
  const person = await db.participant.findFirst({ where: { id: input.participantId, caseId: agreement.caseId, role: "PERSON_HARMED", removedAt: null }, select: { id: true } });
  if (!person) throw new Refusal("Choose the person harmed who was told", { field: "participantId" });
  const toldAt = fromZonedInput(`${input.toldAt}T12:00`);
  if (Number.isNaN(toldAt.getTime()) || toldAt.getTime() > Date.now() + 24 * 3600 * 1000)
    throw new Refusal("Enter the date they were told (not in the future)", { field: "toldAt" });
  await db.$transaction([
    db.agreementOutcomeNotice.create({
      data: { agreementId, participantId: person.id, outcome: input.outcome, method: input.method, toldAt, note: input.note, recordedById: userId },
      select: { id: true },
    }),
    db.agreement.update({ where: { id: agreementId }, data: { status: input.outcome }, select: { id: true } }),
  ]);
}
