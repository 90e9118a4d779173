import { fromZonedInput } from "~/utils/format";

/**
 * A report's period and filters, as the page shows them and app/models/report-schemas.ts reads
 * them. Apart from the schemas so the page can use it without downloading zod (docs/conventions.md §4).
 * Dates are service dates (Europe/London), both ends included.
 */
export type CaseType = "all" | "adult" | "youth";
export type ReportFilter = { from: string; to: string; quarter: string; facilitator: string; type: CaseType };
export const REPORT_FILTER_FIELDS = ["from", "to", "quarter", "facilitator", "type"] as const;
export const CASE_TYPE_LABELS: Record<CaseType, string> = { all: "Adult and youth", adult: "Adult cases", youth: "Youth cases" };

/** A quarter, "2026-Q3", as its first and last days. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const first = (q - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: `${year}-${String(first + 2).padStart(2, "0")}-${last}` };
}

/** The quarter a service date falls in, "2026-Q4". */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarter before the one a service date falls in: the return a commissioner usually asks for. */
export function previousQuarter(day: string): string {
  const [year, q] = [Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** With no period chosen: the last twelve months, from the first of the month eleven months ago to today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

/** The day after a service date. */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The instants a period covers: from the start of its first day to the start of the day after its last. */
export const periodInstants = (from: string, to: string) => ({ start: fromZonedInput(`${from}T00:00`), end: fromZonedInput(`${nextDay(to)}T00:00`) });

/** The months a period touches, "YYYY-MM", each with the part of the period inside it. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const endMonth = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    months.push({ month, from: month === from.slice(0, 7) ? from : `${month}-01`, to: month === endMonth ? to : last });
    if (month >= endMonth) return months;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The filter as query parameters (empty ones left out), for the export links. */
export function reportParams(f: ReportFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (f.quarter) params.set("quarter", f.quarter);
  else {
    params.set("from", f.from);
    params.set("to", f.to);
  }
  if (f.facilitator) params.set("facilitator", f.facilitator);
  if (f.type !== "all") params.set("type", f.type);
  return params;
}

/** The quarter a service date falls in and the ones before it, newest first, for the quarter list. */
export function recentQuarters(today: string, count: number): string[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < count) quarters.push(previousQuarter(quarterRange(quarters.at(-1)!).from));
  return quarters;
}
