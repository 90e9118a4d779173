import { z } from "zod";
import { dateProblem, parseQuery } from "./audit-schemas";
import { defaultPeriod, quarterRange, REPORT_FILTER_FIELDS, type CaseType, type ReportFilter } from "./report-period";

export { REPORT_FILTER_FIELDS, type ReportFilter } from "./report-period";

/** Longer periods would draw more months than a page can show; five years covers any return. */
const MAX_DAYS = 5 * 366;

const dateField = z
  .string()
  .optional()
  .default("")
  .superRefine((value, ctx) => {
    const message = value === "" ? null : dateProblem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });

/**
 * The reports' filters from the page's address (the page, each CSV and the quarterly PDF read it
 * alike): a period as two dates or as a quarter, a facilitator's cases, adult or youth cases.
 * With neither dates nor a quarter the period is the last twelve months to `today`. Whether the
 * facilitator is one of the service's staff is checked against the database (reports.server.ts).
 */
export function reportFilterSchema(today: string) {
  return z
    .object({
      from: dateField,
      to: dateField,
      quarter: z
        .string()
        .optional()
        .default("")
        .refine((v) => v === "" || /^(20\d\d)-Q[1-4]$/.test(v), "Choose a quarter like 2026-Q3"),
      facilitator: z
        .string()
        .optional()
        .default("")
        .refine((v) => v === "" || /^c[a-z0-9]{20,31}$/.test(v), "Choose a facilitator from the list"),
      type: z.enum(["all", "adult", "youth"], { message: "Choose adult cases, youth cases or both" }).optional().default("all"),
    })
    .superRefine((f, ctx) => {
      if (f.quarter && (f.from || f.to)) ctx.addIssue({ code: "custom", path: ["quarter"], message: "Choose either a quarter or a start and end date, not both" });
      if (!f.quarter && Boolean(f.from) !== Boolean(f.to))
        ctx.addIssue({ code: "custom", path: [f.from ? "to" : "from"], message: "Give both a start and an end date, or neither" });
      if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
      if (f.from && f.to && Date.parse(f.to) - Date.parse(f.from) > MAX_DAYS * 86_400_000)
        ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a period of five years or less" });
    })
    .transform((f): ReportFilter => {
      const period = f.quarter ? quarterRange(f.quarter) : f.from ? { from: f.from, to: f.to } : defaultPeriod(today);
      return { ...period, quarter: f.quarter, facilitator: f.facilitator, type: f.type as CaseType };
    });
}

/** The reports' filters from a request's address; `today` is the service date the default period ends on. */
export const reportQueryOf = (url: URL, today: string) => parseQuery(url.searchParams, REPORT_FILTER_FIELDS, reportFilterSchema(today));
