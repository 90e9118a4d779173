/**
 * The kinds of notification (Prisma's NotificationKind has the same values:
 * tests/unit/schema-enums.test.ts) with the words the preferences page shows. Zod-free: the
 * preferences page imports the list and labels.
 */
export const NOTIFICATION_KINDS = [
  "LETTER_SUBMITTED",
  "LETTER_REPLIED",
  "APPROVAL_REQUESTED",
  "APPROVAL_GIVEN",
  "APPROVAL_REFUSED",
  "AGREEMENT_SUBMITTED",
  "AGREEMENT_CHANGES_REQUESTED",
  "AGREEMENT_APPROVED",
  "CONFERENCE_BOOKED",
  "CONFERENCE_MOVED",
  "CONFERENCE_HELD",
  "CONTACT_DUE",
  "VICTIMS_CODE_DEADLINE",
  "TERM_DUE",
  "TERM_OVERDUE",
  "EXCHANGE_WRITTEN",
  "PROGRAMME_SESSION_MISSED",
  "PROGRAMME_SESSIONS_MISSED",
  "WORKSHEET_SUBMITTED",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  LETTER_SUBMITTED: "A letter is submitted for your review",
  LETTER_REPLIED: "Your facilitator replied about your letter",
  APPROVAL_REQUESTED: "A risk assessment waits for your approval",
  APPROVAL_GIVEN: "A risk assessment was approved",
  APPROVAL_REFUSED: "A risk assessment was declined",
  AGREEMENT_SUBMITTED: "An agreement is submitted for your review",
  AGREEMENT_CHANGES_REQUESTED: "Changes to an agreement are requested",
  AGREEMENT_APPROVED: "An agreement is approved",
  CONFERENCE_BOOKED: "A conference is booked",
  CONFERENCE_MOVED: "A conference is moved",
  CONFERENCE_HELD: "A conference is put on hold",
  CONTACT_DUE: "A participant's next contact is due",
  VICTIMS_CODE_DEADLINE: "A Victims' Code deadline is today or has passed",
  TERM_DUE: "An agreement term is due",
  TERM_OVERDUE: "An agreement term is overdue",
  EXCHANGE_WRITTEN: "A party wrote a message for your review",
  PROGRAMME_SESSION_MISSED: "The person responsible missed a programme session",
  PROGRAMME_SESSIONS_MISSED: "The person responsible missed two programme sessions in a row",
  WORKSHEET_SUBMITTED: "The person responsible sent you a worksheet",
};

/** What a letter author may ever be told: that their facilitator answered. Staff kinds are everything else. */
export const AUTHOR_KINDS: readonly NotificationKind[] = ["LETTER_REPLIED"];
export const STAFF_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) => !AUTHOR_KINDS.includes(k));
