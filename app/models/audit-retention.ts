/**
 * How long a service keeps its audit trail (README Decisions, "The audit trail is kept for its own
 * period"): pure values the page, the schema and the server share (no zod, docs/conventions.md §4).
 */

/**
 * Circle's default: 7 years. A claim can usually be brought up to 6 years after the events (the
 * Limitation Act 1980), and closed cases are kept 6 years by default, so with a year's margin a
 * case's trail outlasts the case and any claim about how it was handled. Migration
 * 20261210000400_audit_trail_retention repeats these words for the services that existed before.
 */
export const AUDIT_DEFAULT_YEARS = 7;
export const AUDIT_DEFAULT_REASON =
  "Circle's default: 7 years, longer than the 6 years a closed case is kept by default, so a case's trail outlasts the case. Check it against your service's retention policy.";

/** The longest period that may be set: a typo of 700 years would keep the trail forever without anyone noticing. */
export const AUDIT_MAX_YEARS = 100;

export const yearsWord = (n: number) => (n === 1 ? "1 year" : `${n} years`);

/**
 * The moment before which a period of `years` at `now` deletes entries: the same time of day and
 * date `years` earlier, in UTC (29 February rolls to 1 March in other years, as JavaScript's Date does).
 */
export function auditCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}
