import { z } from "zod";
import { fieldErrors, type FieldErrors } from "~/utils/schemas";
import type { AuditFilter } from "./audit-filter";

export { AUDIT_FILTER_FIELDS, AUDIT_PAGE_SIZE, filterParams, NO_FILTER, type AuditFilter } from "./audit-filter";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a date field's value (YYYY-MM-DD, as the date field sends it) cannot be used, or null. */
export function dateProblem(value: string): string | null {
  const match = DATE_ONLY.exec(value);
  if (!match) return "Use a date like 2026-12-06";
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(y, m - 1, d));
  const exists = at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
  return exists && y >= 2000 && y <= 2999 ? null : "That date does not exist";
}

/** An optional text parameter: empty (a cleared select or date field) means "any". */
const anyOr = (problem: (value: string) => string | null) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const message = value === "" ? null : problem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    })
    .optional()
    .default("");

export const PageSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, "The page must be a whole number, 1 or more")
  .transform(Number)
  .optional()
  .default(1);

/**
 * The case audit trail's query: page, person, action and a date range (service dates, both ends
 * included). Parsed from the address, so a shared or bookmarked link shows the same entries.
 */
export const AuditFilterSchema = z
  .object({
    page: PageSchema,
    // A user id, in the shape RecordIdSchema accepts.
    person: anyOr((v) => (/^c[a-z0-9]{20,31}$/.test(v) ? null : "Choose a person from the list")),
    action: anyOr((v) => (/^[a-z][a-z0-9.-]{0,79}$/.test(v) ? null : "Choose an action from the list")),
    from: anyOr(dateProblem),
    to: anyOr(dateProblem),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date" }) satisfies z.ZodType<AuditFilter>;

export type ParsedQuery<T> = { ok: true; value: T; raw: Record<string, string> } | { ok: false; errors: FieldErrors; raw: Record<string, string> };

/** Only the named parameters are read (Remix adds its own, such as `_data`); each given at most once. */
export function parseQuery<S extends z.ZodType>(params: URLSearchParams, fields: readonly string[], schema: S): ParsedQuery<z.infer<S>> {
  const raw: Record<string, string> = {};
  const repeated: FieldErrors = {};
  for (const field of fields) {
    const values = params.getAll(field);
    if (values.length > 1) repeated[field] = "Give this only once";
    if (values.length > 0) raw[field] = values[0]!;
  }
  if (Object.keys(repeated).length > 0) return { ok: false, errors: repeated, raw };
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data, raw } : { ok: false, errors: fieldErrors(parsed.error), raw };
}
