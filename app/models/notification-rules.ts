import { can, isLetterAuthor, type Action, type CaseResource, type LetterResource, type Principal } from "~/utils/permissions";
import { formatDateTime, formatDay } from "~/utils/format";
import { AUTHOR_KINDS, type NotificationKind } from "./notification-kinds";

/**
 * Who is told of an event, in what words, where it links and what makes it one event: pure rules,
 * so the model (notifications.server.ts) only loads the facts and writes the rows (docs/architecture.md,
 * "Notifications"). Deny by default: a person is told only when can() gives them the kind's
 * action on the case or letter, and the words say what happened with the case reference at most.
 */

/** The permission a recipient needs for each kind: seeing the thing is not always enough (a letter to review is the facilitators'). */
export const KIND_ACTIONS: Record<NotificationKind, Action> = {
  LETTER_SUBMITTED: "letter:moderate",
  LETTER_REPLIED: "letter:write",
  APPROVAL_REQUESTED: "case:approve",
  APPROVAL_GIVEN: "case:edit",
  APPROVAL_REFUSED: "case:edit",
  AGREEMENT_SUBMITTED: "agreement:review",
  AGREEMENT_CHANGES_REQUESTED: "agreement:draft",
  AGREEMENT_APPROVED: "agreement:draft",
  CONFERENCE_BOOKED: "case:view",
  CONFERENCE_MOVED: "case:view",
  CONFERENCE_HELD: "case:view",
  CONTACT_DUE: "case:edit",
  VICTIMS_CODE_DEADLINE: "case:edit",
  TERM_DUE: "agreement:draft",
  TERM_OVERDUE: "agreement:draft",
  EXCHANGE_WRITTEN: "exchange:record",
  // The facilitators who run the programme; two in a row is the case supervisor's to know of too.
  PROGRAMME_SESSION_MISSED: "programme:record",
  PROGRAMME_SESSIONS_MISSED: "programme:override",
  WORKSHEET_SUBMITTED: "programme:record",
};

export type NotificationEvent = {
  kind: NotificationKind;
  caseId: string;
  /** The letter, for the letter kinds: their permission is on the letter, and they link to it. */
  letterId?: string;
  /**
   * What makes this event itself, for the unique key: a version's id, a conference's id with its
   * new time, a participant with the deadline's day. The same subject never notifies anyone twice.
   */
  subject: string;
  /** Who did it: nobody is told of their own action. Null for the deadline job. */
  actorId?: string | null;
  /** A time or day the words name (a conference's new time, a term's due day), ISO or YYYY-MM-DD. */
  when?: string;
  /** For a deadline: today, or already passed when first seen. */
  passed?: boolean;
};

export const dedupeKey = (event: Pick<NotificationEvent, "kind" | "subject">) => `${event.kind}:${event.subject}`;

export function notificationLink(event: NotificationEvent): string {
  const kase = `/cases/${event.caseId}`;
  switch (event.kind) {
    case "LETTER_SUBMITTED":
      return `${kase}/letters/${event.letterId}`;
    case "LETTER_REPLIED":
      return `/letters/${event.letterId}`;
    case "AGREEMENT_SUBMITTED":
    case "AGREEMENT_CHANGES_REQUESTED":
    case "AGREEMENT_APPROVED":
    case "TERM_DUE":
    case "TERM_OVERDUE":
      return `${kase}/agreement`;
    case "EXCHANGE_WRITTEN":
      return `${kase}/exchange`;
    case "PROGRAMME_SESSION_MISSED":
    case "PROGRAMME_SESSIONS_MISSED":
    case "WORKSHEET_SUBMITTED":
      return `${kase}/programme`;
    default:
      return kase;
  }
}

/** The words: what happened and the case reference, never a participant's name or anything written. */
export function notificationText(event: NotificationEvent, reference: string): string {
  const when = event.when ? (event.when.length === 10 ? formatDay(event.when) : formatDateTime(event.when)) : "";
  switch (event.kind) {
    case "LETTER_SUBMITTED":
      return `A letter on ${reference} was submitted for your review.`;
    case "LETTER_REPLIED":
      // The author may not know the case's reference as Circle writes it: their letter is all they see.
      return "Your facilitator replied about your letter.";
    case "APPROVAL_REQUESTED":
      return `A risk assessment on ${reference} waits for your approval.`;
    case "APPROVAL_GIVEN":
      return `The risk assessment on ${reference} was approved.`;
    case "APPROVAL_REFUSED":
      return `The risk assessment on ${reference} was declined.`;
    case "AGREEMENT_SUBMITTED":
      return `The agreement on ${reference} was submitted for your review.`;
    case "AGREEMENT_CHANGES_REQUESTED":
      return `Changes were requested to the agreement on ${reference}.`;
    case "AGREEMENT_APPROVED":
      return `The agreement on ${reference} was approved.`;
    case "CONFERENCE_BOOKED":
      return `A conference on ${reference} was booked${when ? ` for ${when}` : ""}.`;
    case "CONFERENCE_MOVED":
      return `The conference on ${reference} was moved${when ? ` to ${when}` : ""}.`;
    case "CONFERENCE_HELD":
      return `The conference on ${reference} was put on hold.`;
    case "CONTACT_DUE":
      return event.passed ? `A participant's next contact on ${reference} was due${when ? ` on ${when}` : ""}.` : `A participant's next contact on ${reference} is due today.`;
    case "VICTIMS_CODE_DEADLINE":
      return event.passed ? `A Victims' Code deadline on ${reference} has passed.` : `A Victims' Code deadline on ${reference} is today.`;
    case "TERM_DUE":
      return `An agreement term on ${reference} is due${when ? ` on ${when}` : ""}.`;
    case "TERM_OVERDUE":
      return `An agreement term on ${reference} is overdue.`;
    case "EXCHANGE_WRITTEN":
      return `A party on ${reference} wrote a message for your review.`;
    case "PROGRAMME_SESSION_MISSED":
      return `A programme session on ${reference} was missed.`;
    case "PROGRAMME_SESSIONS_MISSED":
      return `Two programme sessions in a row on ${reference} were missed.`;
    case "WORKSHEET_SUBMITTED":
      return `The person responsible on ${reference} sent a worksheet for you to read.`;
  }
}

/** One person who might be told, with the facts can() needs about them and the case or letter. */
export type Candidate = { principal: Principal; disabled: boolean; resource: CaseResource | LetterResource };

/**
 * Who is told: an active person, not the one who acted, of the kind's audience (a letter author is
 * told only that their facilitator replied; staff never get that kind), whom can() allows the
 * kind's action, and who has not switched the kind off.
 */
export function chooseRecipients(event: NotificationEvent, candidates: Candidate[], switchedOff: ReadonlySet<string>): string[] {
  const forAuthors = AUTHOR_KINDS.includes(event.kind);
  const chosen = candidates.filter(
    ({ principal, disabled, resource }) =>
      !disabled &&
      principal.id !== event.actorId &&
      isLetterAuthor(principal) === forAuthors &&
      !switchedOff.has(principal.id) &&
      can(principal, KIND_ACTIONS[event.kind], resource),
  );
  return [...new Set(chosen.map((c) => c.principal.id))];
}
