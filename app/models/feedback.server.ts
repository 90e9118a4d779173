import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import type { ParticipantModeState } from "~/utils/session.server";
import { serviceDate } from "./case-record-dates";
import { FEEDBACK_OCCASIONS, type FeedbackOccasion } from "./feedback-labels";
import { fittingOccasions, greetingName, occasionRefusal, type FeedbackFacts } from "./feedback-rules";
import type { FeedbackAction, FeedbackAnswers, ParticipantAnswer } from "./feedback-schemas";

/**
 * Participants' feedback on the service (README, Decisions, "Participant mode is a state of the
 * session, kept on the server"): taken on the facilitator's tablet in participant mode, copied from
 * a paper form, or recorded as declined. Append-only (a trigger refuses changes): a mistake is put
 * right by a newer entry. Every write checks, inside its transaction, that the person is on the
 * case now and that the occasion fits the case (app/models/feedback-rules.ts).
 */

type Tx = Prisma.TransactionClient;

async function feedbackFacts(tx: Tx, caseId: string): Promise<FeedbackFacts | null> {
  const found = await tx.case.findUnique({ where: { id: caseId }, select: { stage: true } });
  if (!found) return null;
  const [held, reached, delivered] = await Promise.all([
    tx.conference.count({ where: { caseId, status: "HELD" } }),
    tx.caseStageEvent.count({ where: { caseId, stage: "CONFERENCE_HELD" } }),
    tx.letterRelease.count({ where: { letter: { caseId } } }),
  ]);
  return { stage: found.stage, conferenceHeld: held > 0 || reached > 0, letterDelivered: delivered > 0 };
}

/** The person, if they are on the case now (not removed), with what the feedback row keeps of them. */
async function currentParticipant(tx: Tx, caseId: string, participantId: string) {
  const person = await tx.participant.findFirst({ where: { id: participantId, caseId, removedAt: null }, select: { id: true, role: true, name: true, preferredName: true } });
  if (!person) throw new Refusal("Choose someone who is on this case now", { status: 400, field: "participantId" });
  return person;
}

async function requireFittingOccasion(tx: Tx, caseId: string, occasion: FeedbackOccasion) {
  const facts = await feedbackFacts(tx, caseId);
  const refusal = facts ? occasionRefusal(facts, occasion) : "This case cannot be found: reload the page.";
  if (refusal) throw new Refusal(refusal, { status: 400, field: "occasion" });
}

/** What a feedback record says: the occasion, how it was given, and the answers (the staff list and a subject access export read the same). */
export const FEEDBACK_RECORD_FIELDS = {
  occasion: true,
  method: true,
  givenOn: true,
  declined: true,
  satisfaction: true,
  feltSafe: true,
  feltHeard: true,
  feltPrepared: true,
  wouldRecommend: true,
  comments: true,
} as const satisfies Prisma.ParticipantFeedbackSelect;

const NO_ANSWERS: FeedbackAnswers = { satisfaction: null, feltSafe: null, feltHeard: null, feltPrepared: null, wouldRecommend: null, comments: "" };

/** The case's feedback, newest first, the people it may come from and the occasions that fit the case now. */
export async function getCaseFeedback(caseId: string) {
  const [items, participants, facts] = await Promise.all([
    db.participantFeedback.findMany({
      where: { caseId },
      select: {
        ...FEEDBACK_RECORD_FIELDS,
        id: true,
        role: true,
        createdAt: true,
        participant: { select: { id: true, name: true, preferredName: true } },
        recordedBy: { select: { name: true } },
      },
      orderBy: { createdAt: "desc" },
    }),
    db.participant.findMany({ where: { caseId, removedAt: null }, select: { id: true, name: true, preferredName: true, role: true }, orderBy: { createdAt: "asc" } }),
    feedbackFacts(db, caseId),
  ]);
  return { items, participants, occasions: facts ? fittingOccasions(facts, FEEDBACK_OCCASIONS) : [] };
}

/** A paper form copied in, or a decline the participant told a facilitator: one new row. */
export async function recordFeedback(caseId: string, input: Extract<FeedbackAction, { intent: "paper" | "decline" }>, actorId: string) {
  return db.$transaction(async (tx) => {
    const person = await currentParticipant(tx, caseId, input.participantId);
    await requireFittingOccasion(tx, caseId, input.occasion);
    const declined = input.intent === "decline";
    const answers: FeedbackAnswers = declined ? NO_ANSWERS : input;
    return tx.participantFeedback.create({
      data: {
        caseId,
        participantId: person.id,
        role: person.role,
        occasion: input.occasion,
        method: "PAPER",
        declined,
        ...pick(answers),
        givenOn: input.givenOn,
        recordedById: actorId,
      },
      select: { id: true },
    });
  });
}

const pick = (a: FeedbackAnswers) => ({
  satisfaction: a.satisfaction,
  feltSafe: a.feltSafe,
  feltHeard: a.feltHeard,
  feltPrepared: a.feltPrepared,
  wouldRecommend: a.wouldRecommend,
  comments: a.comments,
});

/**
 * Hands this session to a participant: from the next request on, it opens their feedback page and
 * the leave page only (app/utils/auth.server.ts). A session already in participant mode is moved to
 * the new participant (a facilitator who picked the wrong name leaves first, so this only happens
 * through two tabs).
 */
export async function startParticipantMode(sessionId: string, caseId: string, input: Extract<FeedbackAction, { intent: "hand-over" }>) {
  return db.$transaction(async (tx) => {
    const person = await currentParticipant(tx, caseId, input.participantId);
    await requireFittingOccasion(tx, caseId, input.occasion);
    const data = { caseId, participantId: person.id, occasion: input.occasion, startedAt: new Date(), answeredAt: null };
    await tx.participantMode.upsert({ where: { sessionId }, create: { sessionId, ...data }, update: data, select: { sessionId: true } });
    return { participantId: person.id };
  });
}

/** What the participant's page shows: the name they are greeted by. Nothing else of the case. */
export async function getParticipantGreeting(mode: ParticipantModeState) {
  const person = await db.participant.findFirst({ where: { id: mode.participantId, caseId: mode.caseId }, select: { name: true, preferredName: true } });
  return person ? greetingName(person) : "";
}

/**
 * The participant's own answers (or their decline), given on the tablet today. Once: the mode row
 * is marked answered in the same transaction, so a second tap or a resent form records nothing.
 */
export async function recordParticipantAnswer(sessionId: string, input: ParticipantAnswer, facilitatorId: string) {
  return db.$transaction(async (tx) => {
    const mode = await tx.participantMode.findUnique({ where: { sessionId }, select: { caseId: true, participantId: true, occasion: true, answeredAt: true } });
    if (!mode) throw new Refusal("This tablet is no longer in participant mode. Hand it back to your facilitator.");
    if (mode.answeredAt) throw new Refusal("Your answers are already saved. Thank you. Please hand the tablet back to your facilitator.");
    const person = await tx.participant.findFirst({ where: { id: mode.participantId, caseId: mode.caseId, removedAt: null }, select: { id: true, role: true } });
    if (!person) throw new Refusal("Your answers could not be saved. Please hand the tablet back to your facilitator.");
    const declined = input.intent === "decline";
    const created = await tx.participantFeedback.create({
      data: {
        caseId: mode.caseId,
        participantId: person.id,
        role: person.role,
        occasion: mode.occasion,
        method: "TABLET",
        declined,
        ...pick(declined ? NO_ANSWERS : input),
        givenOn: serviceDate(),
        recordedById: facilitatorId,
      },
      select: { id: true },
    });
    await tx.participantMode.update({ where: { sessionId }, data: { answeredAt: new Date() }, select: { sessionId: true } });
    return { id: created.id, caseId: mode.caseId, declined };
  });
}

/** The facilitator has the tablet back: the session is theirs again. */
export async function endParticipantMode(sessionId: string) {
  await db.participantMode.deleteMany({ where: { sessionId } });
}
