import { toZonedInput } from "./format";

/**
 * Ages for youth cases, shared by the browser and the server. A date of birth is a calendar date
 * ("YYYY-MM-DD"), not an instant, and a birthday begins at midnight in London: someone born on
 * 10 June is 18 from 00:00 on their birthday in London, even when that is still 9 June in UTC.
 */
const labels = <const T extends readonly string[]>(_values: T, names: Record<T[number], string>) => names;

/** What to record when the date of birth is not known. UNKNOWN says someone asked and nobody knows. */
export const AGE_BANDS = ["UNDER_10", "10_13", "14_15", "16_17", "18_24", "25_PLUS", "UNKNOWN"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS = labels(AGE_BANDS, {
  UNDER_10: "Under 10",
  "10_13": "10 to 13",
  "14_15": "14 or 15",
  "16_17": "16 or 17",
  "18_24": "18 to 24",
  "25_PLUS": "25 or over",
  UNKNOWN: "Not known",
});
const CHILD_BANDS: ReadonlySet<string> = new Set(["UNDER_10", "10_13", "14_15", "16_17"]);

/** Adulthood for consent: under 18, a parent or guardian must consent beside the young person. */
export const ADULT_AGE = 18;
/** The age of criminal responsibility in England and Wales: a person responsible is at least this old. */
export const AGE_OF_CRIMINAL_RESPONSIBILITY = 10;
/** Older than this is taken as a mistyped year. */
export const OLDEST_PLAUSIBLE_AGE = 110;

export type AgeFacts = { dateOfBirth: string | null; ageBand: string | null };

/** The calendar date in London of an instant, "YYYY-MM-DD". */
export const londonDay = (at: Date) => toZonedInput(at).slice(0, 10);

/** "YYYY-MM-DD" naming a real day (not 2011-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/**
 * Whole years from a date of birth to a day (both "YYYY-MM-DD"). Someone born on 29 February
 * turns a year older on 1 March in other years, as English law counts it.
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The band an age falls in (to check a band typed beside a date of birth). */
export function bandForAge(age: number): AgeBand {
  if (age < 10) return "UNDER_10";
  if (age <= 13) return "10_13";
  if (age <= 15) return "14_15";
  if (age <= 17) return "16_17";
  if (age <= 24) return "18_24";
  return "25_PLUS";
}

/**
 * Was this person under 18 on the London day of `at`? From the date of birth when there is one;
 * otherwise a band under 18 counts as a child whatever the day (nobody knows when they turn 18),
 * and a band of 18 or over as an adult. Null when the age is not known.
 */
export function under18At(p: AgeFacts, at: Date): boolean | null {
  if (p.dateOfBirth) return ageOn(p.dateOfBirth, londonDay(at)) < ADULT_AGE;
  if (!p.ageBand || p.ageBand === "UNKNOWN") return null;
  return CHILD_BANDS.has(p.ageBand);
}

/** Neither a date of birth nor a band other than "not known". */
export const ageUnknown = (p: AgeFacts) => !p.dateOfBirth && (!p.ageBand || p.ageBand === "UNKNOWN");

/** Age in whole years today, or null without a date of birth. */
export const ageNow = (p: AgeFacts, now: Date) => (p.dateOfBirth ? ageOn(p.dateOfBirth, londonDay(now)) : null);
