/**
 * Statuses and delivery choices of letters (an apology, a letter from the person harmed or a
 * supporter, a reply), with their labels. The browser imports this module, so it must not import
 * zod (letter-schemas.ts holds the parsers).
 */
export const LETTER_STATUSES = ["DRAFTING", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RELEASED", "DESTROYED"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = {
  DRAFTING: "Drafting",
  SUBMITTED: "Submitted for review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  RELEASED: "Delivered",
  DESTROYED: "Destroyed",
};
/** The author may type only while drafting or revising (and the facilitator has not locked it). */
export const WRITABLE_STATUSES: readonly LetterStatus[] = ["DRAFTING", "CHANGES_REQUESTED"];

/** What the letter's recipient chose (LetterDeliveryChoice.choice). */
export const DELIVERY_CHOICES = ["RECEIVE_NOW", "HOLD", "DELIVER_LATER", "READ_ALOUD", "DECLINE", "DESTROY"] as const;
export type DeliveryChoice = (typeof DELIVERY_CHOICES)[number];
export const DELIVERY_CHOICE_LABELS: Record<DeliveryChoice, string> = {
  RECEIVE_NOW: "Receive it now",
  HOLD: "Hold it with the service until they ask",
  DELIVER_LATER: "Deliver it later, on a date",
  READ_ALOUD: "Have a facilitator read it aloud",
  DECLINE: "Decline it",
  DESTROY: "Destroy it",
};
export const RELEASE_METHODS = ["IN_PERSON", "POST", "EMAIL", "READ_ALOUD"] as const;
export type ReleaseMethod = (typeof RELEASE_METHODS)[number];
export const RELEASE_METHOD_LABELS: Record<ReleaseMethod, string> = {
  IN_PERSON: "Handed over in person",
  POST: "By post",
  EMAIL: "By email",
  READ_ALOUD: "Read aloud by a facilitator",
};
