// Apart from the schemas so the exchange pages can show these without downloading zod (docs/conventions.md §4).

/** What a message is (the Prisma enum ExchangeKind). */
export const EXCHANGE_KINDS = ["QUESTION", "ANSWER", "MESSAGE"] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];
export const EXCHANGE_KIND_LABELS: Record<ExchangeKind, string> = { QUESTION: "Question", ANSWER: "Answer", MESSAGE: "Something they want the other to know" };

/** How the facilitator gathered it (the Prisma enum ExchangeGathering). */
export const EXCHANGE_GATHERINGS = ["VISIT", "PHONE", "PRISON_VISIT", "WRITTEN_BY_PARTY"] as const;
export type ExchangeGathering = (typeof EXCHANGE_GATHERINGS)[number];
export const EXCHANGE_GATHERING_LABELS: Record<ExchangeGathering, string> = {
  VISIT: "At a visit",
  PHONE: "By phone",
  PRISON_VISIT: "At a prison visit",
  WRITTEN_BY_PARTY: "Written by them",
};

/** Whose words are passed on, as the sender agreed (the Prisma enum ExchangeWording). */
export const EXCHANGE_WORDINGS = ["THEIR_WORDS", "FACILITATOR_SUMMARY"] as const;
export type ExchangeWording = (typeof EXCHANGE_WORDINGS)[number];
export const EXCHANGE_WORDING_LABELS: Record<ExchangeWording, string> = { THEIR_WORDS: "In their own words", FACILITATOR_SUMMARY: "As the facilitator's summary" };

/** Where a message is (the Prisma enum ExchangeStatus). */
export const EXCHANGE_STATUSES = ["RECORDED", "APPROVED", "DELIVERED"] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
export const EXCHANGE_STATUS_LABELS: Record<ExchangeStatus, string> = { RECORDED: "Waiting for review", APPROVED: "Approved to pass on", DELIVERED: "Delivered" };

/** How it reached the other party (the Prisma enum ExchangeDeliveryMethod). */
export const EXCHANGE_DELIVERY_METHODS = ["READ_AT_VISIT", "PRINTED", "READ_ALOUD", "IN_WORKSPACE"] as const;
export type ExchangeDeliveryMethod = (typeof EXCHANGE_DELIVERY_METHODS)[number];
export const EXCHANGE_DELIVERY_LABELS: Record<ExchangeDeliveryMethod, string> = {
  READ_AT_VISIT: "Read with them at a visit",
  PRINTED: "Given to them printed",
  READ_ALOUD: "Read aloud to them (by phone or in person)",
  IN_WORKSPACE: "Shown in their own message workspace",
};

/**
 * A party's choice about receiving the other's messages: the letters' DeliveryChoice values that
 * fit a message (reading aloud is a delivery method here, and there is nothing to destroy: the
 * record is the service's).
 */
export const EXCHANGE_CHOICES = ["RECEIVE_NOW", "HOLD", "DELIVER_LATER", "DECLINE"] as const;
export type ExchangeChoice = (typeof EXCHANGE_CHOICES)[number];
export const EXCHANGE_CHOICE_LABELS: Record<ExchangeChoice, string> = {
  RECEIVE_NOW: "Receive them now",
  HOLD: "Hold them with the service until they ask",
  DELIVER_LATER: "Receive them later, from a date",
  DECLINE: "Decline them",
};
