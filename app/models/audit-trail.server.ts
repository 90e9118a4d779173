import type { Prisma } from "@prisma/client";
import { auditAction, describeAuditDetails, SIGN_IN_REASONS } from "~/utils/audit-actions";
import { db } from "~/utils/db.server";
import { formatDay, fromZonedInput } from "~/utils/format";
import { STAFF_ROLE_LABELS, type StaffRole } from "~/utils/roles";
import { z } from "zod";
import { AUDIT_FILTER_FIELDS, AUDIT_PAGE_SIZE, AuditFilterSchema, PageSchema, parseQuery, type AuditFilter } from "./audit-schemas";

/**
 * Reading a case's audit trail: one page of it, the people and actions it holds (the filter's
 * choices), and every entry a filter matches (the CSV export). Each entry comes with its action in
 * words and what its details say in plain words (app/utils/audit-actions.ts), computed here so the
 * page and the export say the same thing.
 */

// SYSTEM: an entry Circle wrote itself, from a scheduled job (the retention check), not from a request.
const ROLE_WORDS: Record<string, string> = { ...STAFF_ROLE_LABELS, LETTER_AUTHOR: "Letter author", ANONYMOUS: "Not signed in", SYSTEM: "Scheduled check" };
export const roleWords = (role: string) => ROLE_WORDS[role as StaffRole] ?? role.toLowerCase();

const ENTRY_SELECT = {
  id: true,
  action: true,
  target: true,
  actorRole: true,
  ip: true,
  details: true,
  createdAt: true,
  actor: { select: { name: true } },
} satisfies Prisma.AuditEventSelect;

type StoredEntry = Prisma.AuditEventGetPayload<{ select: typeof ENTRY_SELECT }>;

export type AuditRow = {
  id: string;
  at: string;
  who: string;
  role: string;
  action: string;
  label: string;
  /** The action is in the table of labels (otherwise `label` is the code). */
  known: boolean;
  what: string;
  target: string;
  /** The target in words when it is this case or its notes; null shows the code. */
  targetLabel: string | null;
  ip: string | null;
};

function toRow(e: StoredEntry, caseId: string): AuditRow {
  const action = auditAction(e.action);
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    // A letter author's account goes when their case is disposed of (app/models/disposal.server.ts); their entries stay.
    who: e.actor?.name ?? (e.actorRole === "SYSTEM" ? "Circle" : e.actorRole === "LETTER_AUTHOR" ? "A letter author (account disposed of)" : "Nobody signed in"),
    role: roleWords(e.actorRole),
    action: e.action,
    label: action.label,
    known: action.known,
    what: describeAuditDetails(e.action, e.details),
    target: e.target,
    targetLabel: e.target === `case:${caseId}` ? "This case" : e.target === `case:${caseId}:notes` ? "Case notes" : null,
    ip: e.ip,
  };
}

/** The next service day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The filter as a query: from the start of `from` to the end of `to`, in the service's time zone. */
export function auditWhere(caseId: string, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = fromZonedInput(`${filter.from}T00:00`);
  if (filter.to) createdAt.lt = fromZonedInput(`${nextDay(filter.to)}T00:00`);
  return {
    caseId,
    ...(filter.person ? { actorId: filter.person } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
}

const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export async function getCaseAuditPage(caseId: string, filter: AuditFilter) {
  const where = auditWhere(caseId, filter);
  const [total, entries] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: NEWEST_FIRST, skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select: ENTRY_SELECT }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), page: filter.page, rows: entries.map((e) => toRow(e, caseId)) };
}

/** Who and what appear in the case's trail: the choices of the person and action filters. */
export async function getCaseAuditChoices(caseId: string) {
  const [actors, actions] = await Promise.all([
    db.auditEvent.groupBy({ by: ["actorId"], where: { caseId, actorId: { not: null } } }),
    db.auditEvent.groupBy({ by: ["action"], where: { caseId } }),
  ]);
  const people = await db.user.findMany({ where: { id: { in: actors.map((a) => a.actorId!) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return {
    people,
    actions: actions.map((a) => ({ code: a.action, label: auditAction(a.action).label })).sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
  };
}

/**
 * Every entry the filter matches, newest first (the page number is ignored), read in batches. Only
 * entries written before the export began: a newer one would shift the batches under it.
 */
export async function getCaseAuditRows(caseId: string, filter: AuditFilter): Promise<AuditRow[]> {
  const where: Prisma.AuditEventWhereInput = { AND: [auditWhere(caseId, filter), { createdAt: { lte: new Date() } }] };
  const rows: AuditRow[] = [];
  for (let skip = 0; ; skip += 1000) {
    const batch = await db.auditEvent.findMany({ where, orderBy: NEWEST_FIRST, skip, take: 1000, select: ENTRY_SELECT });
    rows.push(...batch.map((e) => toRow(e, caseId)));
    if (batch.length < 1000) return rows;
  }
}

/** The filter in words, for the export's own audit entry and the page's summary. */
export function describeFilter(filter: AuditFilter, people: { id: string; name: string }[]): string {
  const parts: string[] = [];
  if (filter.person) parts.push(`person ${people.find((p) => p.id === filter.person)?.name ?? filter.person}`);
  if (filter.action) parts.push(`action ${auditAction(filter.action).label}`);
  if (filter.from) parts.push(`from ${formatDay(filter.from)}`);
  if (filter.to) parts.push(`to ${formatDay(filter.to)}`);
  return parts.join(", ");
}

export type FailedSignIn = {
  id: string;
  at: string;
  /** What was typed as the email or username, when known. */
  login: string | null;
  /** The account it names in this service, or null when none does (or it was not checked). */
  account: { name: string; role: string } | null;
  /** False when the attempt was refused before any account was looked up (the device or address was blocked). */
  checked: boolean;
  reason: string;
  ip: string | null;
};

/**
 * Failed sign-ins for the service manager, newest first: those naming an account of this service,
 * and those naming no account at all (one process serves one service, docs/architecture.md §6). The email or
 * username tried is what the sign-in form recorded, or the account's own.
 */
export async function getFailedSignIns(serviceId: string, page: number) {
  const users = await db.user.findMany({ where: { serviceId }, select: { id: true, name: true, email: true, username: true, role: true } });
  const byTarget = new Map(users.map((u) => [`user:${u.id}`, u]));
  const byLogin = new Map(users.flatMap((u) => [[u.email.toLowerCase(), u] as const, ...(u.username ? [[u.username.toLowerCase(), u] as const] : [])]));
  const where: Prisma.AuditEventWhereInput = { action: "auth.sign-in.failed", OR: [{ target: "account:unknown" }, { target: { in: [...byTarget.keys()] } }] };
  const [total, entries] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, target: true, ip: true, details: true, createdAt: true },
    }),
  ]);
  const rows = entries.map((e): FailedSignIn => {
    const details = parseDetails(e.details);
    // The sign-in form records what was typed as `email` (an email address or a letter author's username).
    const tried = details.email ?? details.login;
    const typed = typeof tried === "string" && tried !== "" ? tried : null;
    const user = byTarget.get(e.target) ?? (typed ? byLogin.get(typed.toLowerCase()) : undefined);
    const ownLogin = user ? (user.role === "LETTER_AUTHOR" ? user.username : user.email) : null;
    return {
      id: e.id,
      at: e.createdAt.toISOString(),
      login: typed ?? ownLogin ?? null,
      account: user ? { name: user.name, role: roleWords(user.role) } : null,
      // A throttled attempt is refused before any account is looked up; what was typed still tells.
      checked: Boolean(user) || typed !== null || details.reason !== "throttled",
      reason: typeof details.reason === "string" ? (SIGN_IN_REASONS[details.reason] ?? details.reason) : "",
      ip: e.ip,
    };
  });
  return { total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), page, rows };
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// The pages' queries are read here, not in their routes: a route's imports are downloaded with its
// page, and the schemas would bring zod.

/** The case trail's filter from a page's address (the page and the CSV read it alike). */
export const auditFilterQueryOf = (url: URL) => parseQuery(url.searchParams, AUDIT_FILTER_FIELDS, AuditFilterSchema);

const SignInsQuery = z.object({ page: PageSchema });
/** The failed sign-ins page's page number from its address. */
export const signInsQueryOf = (url: URL) => parseQuery(url.searchParams, ["page"], SignInsQuery);
