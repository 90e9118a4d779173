import { ageOn, isCalendarDate, londonDay } from "~/utils/age";
import { CLOSURE_REASON_LABELS, type ClosureReason } from "~/utils/preparation";

/**
 * When a closed case is due for disposal review, from the service's retention rules (pure: the
 * browser shows the rules' wording, the retention job and the tests compute dates with it).
 * Every date here is a London calendar day, "YYYY-MM-DD", as dates of birth are (app/utils/age.ts):
 * a case is due from midnight in London on its disposal day.
 *
 * Where the record leaves a date open, the answer is the later one (a case kept a little longer
 * is a smaller wrong than one disposed of too early):
 * - a day the month does not have becomes the 1st of the next month, as a 29 February birthday
 *   counts from 1 March (29 February 2024 + 1 year = 1 March 2025; 31 January + 1 month = 1 March);
 * - a person harmed or responsible without a date of birth counts as born on the latest day the
 *   record allows: their age band's youngest age on the day the band was last written
 *   (`updatedOn`), and never after the day they were recorded (`recordedOn`); with no band, on the
 *   day they were recorded. The result is flagged `dobUnknown` so the reviewer checks it.
 */

export const RETENTION_CASE_TYPES = ["ADULT", "YOUTH"] as const;
export type RetentionCaseType = (typeof RETENTION_CASE_TYPES)[number];
export const RETENTION_CASE_TYPE_LABELS: Record<RetentionCaseType, string> = { ADULT: "Adult cases", YOUTH: "Youth cases" };

export const RETENTION_BASES = ["AFTER_CLOSURE", "UNTIL_AGE", "LATER_OF"] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];
export const RETENTION_BASIS_LABELS: Record<RetentionBasis, string> = {
  AFTER_CLOSURE: "A time after closure",
  UNTIL_AGE: "Until the youngest person harmed or responsible reaches an age",
  LATER_OF: "Whichever is later of the two",
};

/** "Any outcome" in forms, where a rule's outcome is null. */
export const ANY_OUTCOME = "ANY";
export const outcomeLabel = (outcome: ClosureReason | null) => (outcome ? CLOSURE_REASON_LABELS[outcome] : "Any outcome");

export type RuleTerms = { basis: RetentionBasis; years: number; months: number; untilAge: number | null };
export type RetentionRuleFacts = RuleTerms & { id: string; caseType: RetentionCaseType; outcome: ClosureReason | null; reason: string };

/** The lower bound of each age band (app/utils/age.ts AGE_BANDS); "not known" has none. */
const BAND_YOUNGEST: Record<string, number> = { UNDER_10: 0, "10_13": 10, "14_15": 14, "16_17": 16, "18_24": 18, "25_PLUS": 25 };

/** Only these people's ages decide an age rule: the app asks for their age (a supporter's or professional's is rarely recorded). */
const AGED_ROLES: ReadonlySet<string> = new Set(["PERSON_HARMED", "PERSON_RESPONSIBLE"]);

export type PersonFacts = {
  role: string;
  dateOfBirth: string | null;
  ageBand: string | null;
  /** London days the person was recorded and last changed. */
  recordedOn: string;
  updatedOn: string;
};

export type ClosureFacts = {
  closedAt: Date;
  outcome: ClosureReason | null;
  youth: boolean;
  people: PersonFacts[];
};

export type DisposalDate = {
  dueOn: string;
  rule: RetentionRuleFacts;
  /** An age rule counted someone's birth from the latest day the record allows (see above). */
  dobUnknown: boolean;
};

/** "6 years after closure", "until the youngest is 25, or 6 years after closure if later". */
export function describeTerms(t: RuleTerms): string {
  const span = [t.years ? `${t.years} year${t.years === 1 ? "" : "s"}` : "", t.months ? `${t.months} month${t.months === 1 ? "" : "s"}` : ""].filter(Boolean).join(" and ");
  const age = `until the youngest person harmed or responsible is ${t.untilAge ?? "?"}`;
  if (t.basis === "AFTER_CLOSURE") return `${span} after closure`;
  if (t.basis === "UNTIL_AGE") return age;
  return `${age}, or ${span} after closure if that is later`;
}

/** The rule for a case: its type and outcome's own rule, else its type's rule for any outcome. */
export function matchRule<R extends Pick<RetentionRuleFacts, "caseType" | "outcome">>(rules: readonly R[], youth: boolean, outcome: ClosureReason | null): R | null {
  const type: RetentionCaseType = youth ? "YOUTH" : "ADULT";
  const ofType = rules.filter((r) => r.caseType === type);
  return (outcome ? ofType.find((r) => r.outcome === outcome) : undefined) ?? ofType.find((r) => r.outcome === null) ?? null;
}

/** A calendar day plus whole years and months; a day the month lacks rolls to the 1st of the next. */
export function addToDay(day: string, years: number, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = (m - 1 + months) % 12;
  const year = y + years + Math.floor((m - 1 + months) / 12);
  const candidate = `${pad(year, 4)}-${pad(total + 1)}-${pad(d)}`;
  // December has 31 days, so a missing day is never in December and the next month is in the same year.
  return isCalendarDate(candidate) ? candidate : `${pad(year, 4)}-${pad(total + 2)}-01`;
}

/** The day someone born on `dateOfBirth` turns `age` (29 February birthdays from 1 March, as ageOn counts). */
export function dayTurning(dateOfBirth: string, age: number): string {
  const day = addToDay(dateOfBirth, age, 0);
  // Cross-check with the age rule the consent gates use, so both count a birthday alike.
  if (ageOn(dateOfBirth, day) < age) throw new Error(`birthday arithmetic disagrees for ${dateOfBirth}`);
  return day;
}

/** The latest birth date the record allows for one person, and whether it was estimated. */
export function latestBirth(p: PersonFacts): { born: string; estimated: boolean } {
  if (p.dateOfBirth && isCalendarDate(p.dateOfBirth)) return { born: p.dateOfBirth, estimated: false };
  const youngest = p.ageBand ? BAND_YOUNGEST[p.ageBand] : undefined;
  if (youngest === undefined) return { born: p.recordedOn, estimated: true };
  const byBand = addToDay(p.updatedOn, -youngest, 0);
  return { born: byBand < p.recordedOn ? byBand : p.recordedOn, estimated: true };
}

/**
 * The closure a case's disposal date counts from: its newest stage event when that is CLOSED.
 * Reopening adds a newer event, so a reopened case has none (and drops out of the due list);
 * closing it again starts a new closure, with a new date. Events in the order they were written.
 */
export function currentClosure<E extends { stage: string; createdAt: Date }>(events: readonly E[]): E | null {
  let newest: E | null = null;
  for (const e of events) if (!newest || e.createdAt.getTime() >= newest.createdAt.getTime()) newest = e;
  return newest?.stage === "CLOSED" ? newest : null;
}

/** When a closed case is due for disposal review under the rules in force, or null when no rule covers it. */
export function disposalDate(rules: readonly RetentionRuleFacts[], closure: ClosureFacts): DisposalDate | null {
  const rule = matchRule(rules, closure.youth, closure.outcome);
  if (!rule) return null;
  const closedOn = londonDay(closure.closedAt);
  const byTime = rule.basis === "UNTIL_AGE" ? null : addToDay(closedOn, rule.years, rule.months);
  if (rule.basis === "AFTER_CLOSURE" || rule.untilAge === null) return { dueOn: byTime ?? closedOn, rule, dobUnknown: false };
  const births = closure.people.filter((p) => AGED_ROLES.has(p.role)).map(latestBirth);
  // Nobody harmed or responsible recorded: nobody's age is known, so count from the closure day.
  const youngest = births.length ? births.reduce((a, b) => (b.born > a.born ? b : a)) : { born: closedOn, estimated: true };
  const byAge = dayTurning(youngest.born, rule.untilAge);
  if (byTime !== null && byTime >= byAge) return { dueOn: byTime, rule, dobUnknown: false };
  // An estimated birth is the latest possible, so the true day is no later: flagged only when it decided.
  return { dueOn: byAge, rule, dobUnknown: youngest.estimated };
}

/** Due once the London day of `now` has reached the disposal day. */
export const isDue = (dueOn: string, now: Date) => londonDay(now) >= dueOn;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
