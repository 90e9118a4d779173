import { z } from "zod";
import { fromZonedInput, toZonedInput } from "./format";
import { CASE_ROLES, STAFF_ROLES, STAGES } from "./roles";

// Zod probes for `new Function` (to compile faster validators) when the first object schema is
// built. The browser's Content-Security-Policy has no 'unsafe-eval', so there the probe is
// blocked and reported as a violation on every page load, and zod works without it anyway. The
// modules that build schemas all import this one for its shared fields, so this runs before them.
// The server keeps the compiled validators.
if (typeof document !== "undefined") z.config({ jitless: true });

/** Field schemas reused across forms, routes and sockets (docs/conventions.md §4). */
export const CaseIdSchema = z.string({ error: "Choose a case" }).regex(/^c[a-z0-9]{20,31}$/, "Not a case id");
export const UserIdSchema = z.string({ error: "Choose a person" }).regex(/^c[a-z0-9]{20,31}$/, "Not a user id");
export const EmailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .email("Enter a valid email address");
export const NewPasswordSchema = z.string({ error: "Enter a password" }).min(12, "Use at least 12 characters").max(200, "Use at most 200 characters");
/**
 * Characters nobody types on purpose: C0 and C1 controls (NUL, BEL...) and the bidirectional
 * overrides and isolates that make "Jess" display as another name. Every text field goes through
 * cleanText (line breaks and tabs kept) or cleanLine (single-line fields: breaks become spaces).
 */
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
export const cleanText = (s: string) => s.replace(UNSAFE, "");
export const cleanLine = (s: string) => cleanText(s).replace(/[\t\n\r\u2028\u2029]+/g, " ");

export const PersonNameSchema = z.string({ error: "Enter a name" }).overwrite(cleanLine).trim().min(1, "Enter a name").max(120, "Use at most 120 characters");
export const StaffRoleSchema = z.enum(STAFF_ROLES, { error: "Choose a role" });
export const CaseRoleSchema = z.enum(CASE_ROLES, { error: "Choose a case role" });
export const StageSchema = z.enum(STAGES, { error: "Choose a stage" });

/**
 * Sign-in by email (staff) or username (letter authors, who have no email address) in one field,
 * still posted as `email`. Usernames: a letter, then letters, digits, "_" or "." (no "@" or "-").
 */
export const LoginSchema = z.object({
  email: z
    .string({ error: "Enter an email address or username" })
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address or username")
    .max(254, "That email address is too long")
    .refine((v) => (v.includes("@") ? EmailSchema.safeParse(v).success : /^[a-z][a-z0-9_.]{2,39}$/.test(v)), "Enter a valid email address or username"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "That password is too long"),
  redirectTo: z.string().max(500).optional(),
});

export const CaseFilterSchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  stage: z
    .union([StageSchema, z.literal("")])
    .optional()
    .default(""),
});

/** Field errors keyed by field name, for forms that answer 400. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** An id of a row created by Prisma (cuid), e.g. a participant or a conference. */
/**
 * A calendar day something happened, "YYYY-MM-DD": a real date from 2000, not after today in the
 * service's time zone. `missing` asks for it ("Enter the date the referral was received");
 * `future` says why a later day is wrong.
 */
export const pastDay = (missing: string, future: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as day, month and year")
    .superRefine((v, ctx) => {
      const [y, m, d] = v.split("-").map(Number) as [number, number, number];
      const day = new Date(Date.UTC(y, m - 1, d));
      if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || y < 2000) {
        ctx.addIssue({ code: "custom", message: "Enter a real date from 2000 onwards" });
      } else if (v > toZonedInput(new Date()).slice(0, 10)) {
        ctx.addIssue({ code: "custom", message: future });
      }
    });

export const RecordIdSchema = z.string({ error: "Choose an item" }).regex(/^c[a-z0-9]{20,31}$/, "Not a valid id");

/**
 * A date and time from a datetime-local input ("2026-12-01T10:30"), read as wall-clock time in
 * the service's time zone (format.ts). A full ISO string with a zone is taken as it is.
 */
export const LocalDateTimeSchema = z
  .string({ error: "Enter a date and time" })
  .trim()
  .min(1, "Enter a date and time")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, "Enter a date and time like 2026-12-01 10:30")
  .transform((v, ctx) => {
    const d = /(Z|[+-]\d{2}:\d{2})$/.test(v) ? new Date(v) : fromZonedInput(v);
    if (Number.isNaN(d.getTime()) || d.getFullYear() < 2000 || d.getFullYear() > 2100) {
      ctx.addIssue({ code: "custom", message: "Enter a real date between 2000 and 2100" });
      return z.NEVER;
    }
    return d;
  });

/** Optional free text: cleaned (cleanText), trimmed, at most `max` characters, "" when absent. */
export const optionalText = (max: number, label = "This field") =>
  z
    .string()
    .overwrite(cleanText)
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => v ?? "");

/** An optional single-line field (a preferred name, pronouns, a room): cleaned (cleanLine), trimmed, "" when absent. */
export const optionalLine = (max: number, label = "This field") =>
  z
    .string()
    .overwrite(cleanLine)
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => v ?? "");
