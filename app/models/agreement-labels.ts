/**
 * The vocabulary of outcome agreements (terms, statuses, labels) without their forms: the
 * browser imports this module, so it must not import zod (agreement-schemas.ts holds the parsers).
 */
import { formatDay } from "~/utils/format";

export const TERM_TYPES = ["APOLOGY_IN_PERSON", "APOLOGY_LETTER", "REPARATION", "RESTITUTION", "COMMUNITY_WORK", "PROGRAMME", "OTHER"] as const;
export type TermType = (typeof TERM_TYPES)[number];
export const TERM_TYPE_LABELS: Record<TermType, string> = {
  APOLOGY_IN_PERSON: "Apology in person",
  APOLOGY_LETTER: "Apology letter",
  REPARATION: "Reparation to the person harmed",
  RESTITUTION: "Restitution (money)",
  COMMUNITY_WORK: "Community work",
  PROGRAMME: "Attend a programme",
  OTHER: "Other",
};

export const AGREEMENT_STATUSES = ["DRAFTING", "SUBMITTED", "APPROVED", "COMPLETED", "BROKEN_DOWN"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  DRAFTING: "Drafting",
  SUBMITTED: "Waiting for supervisor review",
  APPROVED: "Approved — being monitored",
  COMPLETED: "Completed",
  BROKEN_DOWN: "Broke down",
};
/** Once approved, the agreement of record never changes again. */
export const FINAL_STATUSES: readonly string[] = ["APPROVED", "COMPLETED", "BROKEN_DOWN"];

export const VERSION_STATES = ["SIGNING", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "SUPERSEDED"] as const;
export type VersionState = (typeof VERSION_STATES)[number];
export const VERSION_STATE_LABELS: Record<VersionState, string> = {
  SIGNING: "Being signed",
  SUBMITTED: "Submitted for review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  SUPERSEDED: "Superseded",
};

export const PROGRESS_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "MISSED"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  MISSED: "Missed",
};

export const NOTICE_OUTCOMES = ["COMPLETED", "BROKEN_DOWN"] as const;
export const NOTICE_OUTCOME_LABELS: Record<(typeof NOTICE_OUTCOMES)[number], string> = { COMPLETED: "The agreement was completed", BROKEN_DOWN: "The agreement broke down" };
export const NOTICE_METHODS = ["IN_PERSON", "PHONE", "LETTER", "EMAIL", "OTHER"] as const;
export const NOTICE_METHOD_LABELS: Record<(typeof NOTICE_METHODS)[number], string> = {
  IN_PERSON: "In person",
  PHONE: "By phone",
  LETTER: "By letter",
  EMAIL: "By email",
  OTHER: "Another way",
};

/** A term as frozen into a version (termsJson): ids kept so comments and monitoring can name it. */
export type FrozenTerm = {
  id: string;
  position: number;
  type: TermType;
  description: string;
  responsibleId: string | null;
  responsibleName: string | null;
  beneficiaryId: string | null;
  beneficiaryName: string | null;
  /** YYYY-MM-DD (service time zone) or null. */
  dueDate: string | null;
  verification: string;
  amountPence: number | null;
  instalments: number | null;
  hours: number | null;
};

export const formatPence = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** One line describing a term's specifics (amount, hours, due date). */
export function termSpecifics(t: Pick<FrozenTerm, "type" | "amountPence" | "instalments" | "hours" | "dueDate">): string {
  const parts: string[] = [];
  if (t.amountPence !== null) parts.push(`${formatPence(t.amountPence)}${t.instalments ? ` in ${t.instalments} instalment${t.instalments === 1 ? "" : "s"}` : ""}`);
  if (t.hours !== null) parts.push(`${t.hours} hour${t.hours === 1 ? "" : "s"}`);
  if (t.dueDate) parts.push(`due ${formatDay(t.dueDate)}`);
  return parts.join(" · ");
}
