import { PARTICIPANT_ROLE_LABELS, type ParticipantRole } from "~/utils/preparation";

/**
 * Who may write a letter, to whom, and how the writing is guided. Pure and zod-free: the open-letter
 * form, the author's workspace and the server share these rules (docs/conventions.md §4, §7).
 *
 * Letters go both ways: the person responsible may apologise, the person harmed may write about the
 * impact, a supporter may write too, and a reply answers a letter that reached its recipient. A
 * letter is always addressed to a principal (the person harmed or the person responsible), because
 * only they record a delivery choice; a supporter receives nothing through Circle.
 */
export const WRITER_ROLES = ["PERSON_RESPONSIBLE", "PERSON_HARMED", "SUPPORTER"] as const satisfies readonly ParticipantRole[];
export type WriterRole = (typeof WRITER_ROLES)[number];
export const RECIPIENT_ROLES = ["PERSON_HARMED", "PERSON_RESPONSIBLE"] as const satisfies readonly ParticipantRole[];

export const isWriterRole = (role: string): role is WriterRole => (WRITER_ROLES as readonly string[]).includes(role);
export const isRecipientRole = (role: string): boolean => (RECIPIENT_ROLES as readonly string[]).includes(role);

/** A participant as the rules see them: on the case unless removed. */
export type LetterParty = { id: string; role: string; removed?: boolean };

/**
 * What is wrong with a writer and recipient pair, field by field (empty when they may write).
 * The messages say what to choose instead.
 */
export function letterPairProblems(writer: LetterParty | null, recipient: LetterParty | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!writer || writer.removed || !isWriterRole(writer.role)) out.writerId = "Choose a person harmed, person responsible or supporter on this case to write the letter.";
  if (!recipient || recipient.removed || !isRecipientRole(recipient.role)) out.recipientId = "Choose the person harmed or the person responsible on this case to receive it.";
  else if (writer && recipient.id === writer.id) out.recipientId = "Choose someone other than the writer to receive it.";
  return out;
}

/** The letter a reply answers, as the rules need it. */
export type AnsweredLetter = { status: string; writerId: string; recipientId: string; releasedAt: Date | string | null };

/**
 * A reply may be opened only to a letter its recipient has received, and goes back the other way:
 * its writer is that letter's recipient, and its recipient that letter's writer.
 */
export function replyProblems(original: AnsweredLetter | null, writerId: string, recipientId: string): Record<string, string> {
  if (!original) return { replyToId: "That letter is not on this case." };
  if (original.status !== "RELEASED" || !original.releasedAt) return { replyToId: "A reply can be opened only to a letter that has been delivered to its recipient." };
  const out: Record<string, string> = {};
  if (writerId !== original.recipientId) out.writerId = "A reply is written by the person who received the letter.";
  if (recipientId !== original.writerId) out.recipientId = "A reply goes to the person who wrote the letter.";
  return out;
}

/** The writing guidance every author sees, whatever the facilitator adds: an apology, or a letter about the impact. */
export const DEFAULT_GUIDANCE: Record<WriterRole, string[]> = {
  PERSON_RESPONSIBLE: [
    "Say what you did, plainly, without excuses.",
    "Show that you understand how it affected them.",
    "Take responsibility: it was your choice.",
    "Say what you will do differently.",
    "Do not ask for forgiveness or for a reply.",
  ],
  PERSON_HARMED: [
    "Write as much or as little as you want. There is no right way to do this.",
    "You can say what happened to you, how it has affected you and the people around you, and what you would like them to know.",
    "You can ask questions. Your facilitator will help you think about what they may be able to answer.",
    "Keep yourself safe: leave out phone numbers, email addresses, where you live, work or study, and places that could identify you.",
    "Your facilitator reads the letter before anyone else does, and you can stop at any time.",
  ],
  SUPPORTER: [
    "Write in your own words about how it has affected you and the people you care about.",
    "You can say what you would like them to know or to understand.",
    "Keep everyone safe: leave out phone numbers, email addresses, where anyone lives, works or studies, and places that could identify them.",
    "Your facilitator reads the letter before anyone else does, and you can stop at any time.",
  ],
};

export const guidanceFor = (role: string): string[] => DEFAULT_GUIDANCE[isWriterRole(role) ? role : "PERSON_RESPONSIBLE"];

/** "Sam (person responsible)": how the form lists the people who may write or receive. */
export const partyLabel = (name: string, role: string) => `${name} (${(PARTICIPANT_ROLE_LABELS as Record<string, string>)[role]?.toLowerCase() ?? role})`;
