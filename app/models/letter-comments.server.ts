import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import { notifyAboutLetter } from "./notifications.server";

/**
 * The facilitators' comments and suggestions on a letter, and the author's answer to a suggestion.
 * Moderating a closed letter is refused with a reason; the author's answer is refused when the
 * suggestion was already answered (two tabs), so nothing is recorded twice.
 */

export async function requireOpenLetter(letterId: string): Promise<void> {
  const letter = await db.letter.findUniqueOrThrow({ where: { id: letterId }, select: { closedAt: true } });
  if (letter.closedAt) throw new Refusal("This letter is closed.");
}

export async function addLetterComment(letterId: string, authorId: string, input: { quote: string; body: string }) {
  const { id } = await db.letterComment.create({ data: { letterId, quote: input.quote, body: input.body, authorId }, select: { id: true } });
  await notifyAboutLetter("LETTER_REPLIED", letterId, `comment:${id}`, authorId);
}

export async function resolveLetterComment(letterId: string, commentId: string) {
  await db.letterComment.updateMany({ where: { id: commentId, letterId }, data: { resolvedAt: new Date() } });
}

export async function addLetterSuggestion(letterId: string, createdById: string, input: { original: string; replacement: string; note: string }) {
  const { id } = await db.letterSuggestion.create({
    data: { letterId, original: input.original, replacement: input.replacement, note: input.note, createdById },
    select: { id: true },
  });
  await notifyAboutLetter("LETTER_REPLIED", letterId, `suggestion:${id}`, createdById);
}

/** Records the author's answer to an open suggestion; false when it was already answered. */
export async function answerLetterSuggestion(letterId: string, suggestionId: string, status: "ACCEPTED" | "REJECTED"): Promise<boolean> {
  const { count } = await db.letterSuggestion.updateMany({ where: { id: suggestionId, letterId, status: "OPEN" }, data: { status, decidedAt: new Date() } });
  return count === 1;
}
