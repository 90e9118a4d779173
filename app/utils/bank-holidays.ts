/**
 * Bank holidays in England and Wales (where the service works), computed from the rules gov.uk
 * publishes, so working-day deadlines (the Victims' Code) skip them without a yearly data update:
 * New Year's Day, Good Friday, Easter Monday, the early May, spring and summer bank holidays, and
 * Christmas and Boxing Day, each moved to the next weekday when it falls at a weekend. Holidays
 * moved or added by proclamation are listed in MOVED and EXTRA (known ones up to 2026-11).
 * Dates are calendar dates in the form YYYY-MM-DD.
 */

/** Proclaimed moves: the rule's date → the date actually observed. */
const MOVED: Readonly<Record<string, string>> = {
  "2020-05-04": "2020-05-08", // early May → VE Day
  "2022-05-30": "2022-06-02", // spring → Platinum Jubilee
};
/** Proclaimed extra bank holidays. */
const EXTRA: readonly string[] = [
  "2022-06-03", // Platinum Jubilee
  "2022-09-19", // State funeral of Queen Elizabeth II
  "2023-05-08", // Coronation of King Charles III
];

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
/** Day of the week (0 = Sunday) of a calendar date. */
const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
const plusDays = (year: number, month: number, day: number, days: number) => {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as const;
};

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const offset = (8 - weekday(year, month, 1)) % 7;
  return iso(year, month, 1 + offset);
}

function lastMonday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (weekday(year, month, last) + 6) % 7;
  return iso(year, month, last - offset);
}

/** The bank holidays of one year in England and Wales, sorted. */
export function bankHolidays(year: number): string[] {
  const days: string[] = [];
  // New Year's Day, or the Monday after.
  const ny = weekday(year, 1, 1);
  days.push(iso(...plusDays(year, 1, 1, ny === 6 ? 2 : ny === 0 ? 1 : 0)));
  const [ey, em, ed] = easterSunday(year).split("-").map(Number) as [number, number, number];
  days.push(iso(...plusDays(ey, em, ed, -2)), iso(...plusDays(ey, em, ed, 1)));
  days.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  // Christmas and Boxing Day: a day that falls at a weekend moves to the next free weekday.
  const christmas = weekday(year, 12, 25);
  if (christmas === 5)
    days.push(iso(year, 12, 25), iso(year, 12, 28)); // Fri; Boxing Day Sat → Mon
  else if (christmas === 6)
    days.push(iso(year, 12, 27), iso(year, 12, 28)); // Sat, Sun → Mon, Tue
  else if (christmas === 0)
    days.push(iso(year, 12, 26), iso(year, 12, 27)); // Sun → Tue; Boxing Day Mon
  else days.push(iso(year, 12, 25), iso(year, 12, 26));
  const observed = days.map((d) => MOVED[d] ?? d);
  observed.push(...EXTRA.filter((d) => d.startsWith(`${year}-`)));
  return [...new Set(observed)].sort();
}

const cache = new Map<number, Set<string>>();

/** Is this calendar date (YYYY-MM-DD) a bank holiday in England and Wales? */
export function isBankHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = cache.get(year);
  if (!set) cache.set(year, (set = new Set(bankHolidays(year))));
  return set.has(date);
}
