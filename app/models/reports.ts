import type { AgreementStatus } from "./agreement-labels";
import { victimsCodeDue } from "./gates";
import type { ReferrerType } from "~/utils/referral";
import type { ClosureReason, ParticipantRole } from "~/utils/preparation";
import type { Stage } from "~/utils/roles";

/**
 * What the reports count (docs/architecture.md §2, "Reports"): the aggregates
 * app/models/reports.server.ts reads (one row per group, never one per case), which
 * report-tables.ts lays out as tables and report-cells.ts shows, suppressed or not. Pure.
 *
 * Which cases count: those referred in the period (a cohort), so every case figure is about the
 * same cases; feedback counts by the day it was given. Disposed cases (README, Decisions) keep
 * their anonymised row, so they count in referrals, stages and outcomes (from CaseDisposal's
 * summary), but not in the figures whose records disposal deleted (people, conferences' dates,
 * agreements, feedback); the page says how many there were. Their team was deleted too, so they
 * count only in the manager's unfiltered report.
 */

/**
 * What became of a case. A case closed as completed counts as the facilitator recorded it was
 * completed (Case.completedBy: at a conference, by letter, or by questions and answers passed on
 * by the facilitator), which the closure checks against the case (gates.ts, completionGate). Any
 * other case counts by what happened, first match wins: a conference held, a letter sent, closed
 * without proceeding (by its reason), still open. Cases completed before Circle asked how were
 * given a way by their migration, from the same order (README, Decisions).
 */
export const OUTCOMES = ["CONFERENCE", "LETTER", "INDIRECT", "NOT_PROCEEDING", "OPEN"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  CONFERENCE: "Face-to-face conference",
  LETTER: "Letter sent, no conference",
  INDIRECT: "Indirect communication (questions and answers passed on by the facilitator)",
  NOT_PROCEEDING: "Not proceeding",
  OPEN: "Still open",
};

export type FeedbackTally = {
  role: ParticipantRole;
  records: number;
  declined: number;
  /** Records with a satisfaction score, and the scores' total. */
  scored: number;
  scoreSum: number;
  /** Scores of 4 or 5. */
  satisfied: number;
} & Record<`${"safe" | "heard" | "prepared" | "recommend"}${"Yes" | "Answered"}`, number>;

export type VictimsCodeTally = { onTime: number; late: number; overdue: number; notYetDue: number; notInvited: number };

export type ReportData = {
  /** The period's months, "YYYY-MM", in order. */
  months: string[];
  referrals: { month: string; source: ReferrerType; n: number }[];
  stages: { stage: Stage; n: number }[];
  outcomes: { outcome: Outcome; reason: ClosureReason | null; n: number }[];
  /** Persons harmed on the cases (not removed): offered information, and how they took part. */
  harmed: { people: number; offered: number; direct: number; indirect: number };
  victimsCode: VictimsCodeTally;
  /** Cases with a conference held, by whole days from referral to the first one. */
  daysToConference: { days: number; n: number }[];
  agreements: { status: AgreementStatus; n: number }[];
  feedback: FeedbackTally[];
  /** Cases of the cohort whose personal data was disposed of. */
  disposed: number;
};

/** Dates as the database stores them (ISO 8601, UTC, "+00:00"), so the SQL compares them as text. */
export const storedDate = (at: Date) => at.toISOString().replace("Z", "+00:00");

// Deadlines never change for a referral instant (bank holidays come from rules), and walking the
// working days is the dearest part of a report of thousands of cases, so each is worked out once
// per process. Bounded: a service has a few thousand referral dates.
const deadlines = new Map<string, [string, string]>();
const MAX_DEADLINES = 50_000;

/**
 * The Victims' Code deadlines of each referral instant (as stored): [referral, standard, enhanced
 * rights], by the case screen's own rule (victimsCodeDue: 5 working days, or 1, skipping weekends
 * and bank holidays). app/models/reports.server.ts classifies each person harmed against them in
 * SQL exactly as victimsCodeStatus does (offered by the deadline; else not invited; else overdue
 * once it has passed), which tests/integration/report-figures.test.ts checks person by person.
 */
export function victimsCodeDeadlines(referrals: string[]): [string, string, string][] {
  if (deadlines.size > MAX_DEADLINES) deadlines.clear();
  return referrals.map((r) => {
    let due = deadlines.get(r);
    if (!due) {
      const at = new Date(r);
      deadlines.set(r, (due = [storedDate(victimsCodeDue(at, false)), storedDate(victimsCodeDue(at, true))]));
    }
    return [r, ...due];
  });
}

/** The median of a histogram of whole numbers (the lower middle value for an even count); null when empty. */
export function medianOf(histogram: { days: number; n: number }[]): number | null {
  const total = histogram.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const sorted = [...histogram].sort((a, b) => a.days - b.days);
  let seen = 0;
  for (const h of sorted) {
    seen += h.n;
    if (seen >= Math.ceil(total / 2)) return h.days;
  }
  return null;
}
