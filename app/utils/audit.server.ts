import { Prisma } from "@prisma/client";
import { auditAction, type AuditAction } from "./audit-actions";
import { db } from "./db.server";
import { newId } from "./ids.server";
import { createFailureLimiter } from "./rate-limit.server";
import type { StaffRole } from "./roles";
import { cleanLine } from "./schemas";

export type AuditActor = { id: string; role: StaffRole } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  target: string;
  caseId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Where a request came from, as the audit trail records it. Remix's load context, a Socket.IO
 * connection's data and a collab connection each carry one, filled once from the request where it
 * arrives (server/app.ts, server/origin.ts); entries take the address from it, never from a caller.
 */
export type RequestOrigin = { readonly clientIp: string | null };

/** An entry for something a request did or was refused: the address comes from the request. */
export type RequestAuditEntry = Omit<AuditEntry, "ip">;

/** Repeated views, and repeated refused requests, within this long are one entry. */
export const COLLAPSE_WINDOW_MS = 10 * 60 * 1000;

type Row = { actorId: string | null; actorRole: string; action: string; target: string; caseId: string | null; ip: string | null; details: string };

const toRow = (entry: AuditEntry): Row => ({
  actorId: entry.actor?.id ?? null,
  actorRole: entry.actor?.role ?? "ANONYMOUS",
  action: entry.action,
  target: entry.target,
  caseId: entry.caseId ?? null,
  ip: entry.ip ?? null,
  details: JSON.stringify(entry.details ?? {}),
});

/**
 * Append one audit row. Every view and change of case data goes through here (docs/architecture.md §2).
 *
 * A *view* (AUDIT_ACTIONS in audit-actions.ts) that repeats the same person's latest view of the
 * same thing in the last 10 minutes, details and all, is not written again: the letter page
 * refreshes every 5 s and the agreement page reloads after every change, and a morning of open
 * tabs had pushed the consent and approval entries out of the trail. Who looked at what, and
 * from when, is still there, and so is a view that differs from the one before (a document opened
 * read-only, then writable again); changes, exports and refusals of a change are written every time.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  if (entry.actor && auditAction(entry.action).kind === "view") {
    await insertUnlessRecent(toRow(entry), { sameDetails: true });
    return;
  }
  await db.auditEvent.create({ data: toRow(entry), select: { id: true } });
}

/**
 * Audits what a request did (a view, a change, a sign-in), with the request's own address: how
 * loaders, hand-written actions, models given a request's context, Socket.IO handlers and the
 * collab server write to the trail (docs/conventions.md §2).
 */
export function auditRequest(origin: RequestOrigin, entry: RequestAuditEntry): Promise<void> {
  return audit({ ...entry, ip: origin.clientIp });
}

/**
 * Writes the row unless the same person (or, with nobody signed in, the same address) has an
 * entry with the same action and target in the collapse window, and (when asked) the latest of
 * those has the same details. One statement, so two requests at the same moment cannot both find
 * nothing and both write. Prisma's text format for DateTime is what the adapter binds a Date as,
 * so the comparison with rows Prisma wrote holds.
 */
async function insertUnlessRecent(row: Row, { sameDetails }: { sameDetails: boolean }): Promise<boolean> {
  const now = new Date();
  const since = new Date(now.getTime() - COLLAPSE_WINDOW_MS);
  const who = row.actorId !== null ? Prisma.sql`"actorId" = ${row.actorId}` : Prisma.sql`"actorId" IS NULL AND "ip" IS ${row.ip}`;
  const same = sameDetails ? Prisma.sql`"last"."details" = ${row.details}` : Prisma.sql`1`;
  const written = await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "actorId", "actorRole", "action", "target", "caseId", "ip", "details", "createdAt")
    SELECT ${newId()}, ${row.actorId}, ${row.actorRole}, ${row.action}, ${row.target}, ${row.caseId}, ${row.ip}, ${row.details}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM (
        SELECT "details" FROM "AuditEvent"
        WHERE ${who} AND "action" = ${row.action} AND "target" = ${row.target} AND "createdAt" >= ${since}
        ORDER BY "createdAt" DESC, "id" DESC LIMIT 1
      ) AS "last"
      WHERE ${same}
    )`;
  return written > 0;
}

/** The refusals recordRefusal writes: requests refused at the door, which anyone can repeat at will. */
export type RefusalAction =
  | "request.refused" // a signed-in person's page, data or form request answered 404 (server/refusals.ts)
  | "request.origin.refused" // a post, or a Socket.IO handshake, from another origin (403)
  | "collab.open.refused" // a collab WebSocket upgrade refused (403, 404, 429)
  | "socket.refused"; // a Socket.IO connection or event refused

/** One refused request as the trail records it (the HTTP answer or ack the person got is a `Refusal`, app/utils/refusal.ts). */
export type RefusalRecord = {
  actor: AuditActor;
  action: RefusalAction;
  /** What was asked for: a path (without its query), a document name, an event and its id. */
  target: string;
  /** The case it names, when that is a case of the person's own service: it then shows in that case's trail. */
  caseId?: string | null;
  details?: Record<string, string | number>;
};

// Flood limits, in memory like the sign-in limits (one process serves a service, docs/architecture.md §6).
// Collapsing alone would let someone fill the table by asking for a new path each time.
export const REFUSALS_PER_SOURCE = 100;
export const ANONYMOUS_REFUSALS = 1000;
const limitRegistry = globalThis as typeof globalThis & {
  __circleRefusalLimits?: { perSource: ReturnType<typeof createFailureLimiter>; anonymous: ReturnType<typeof createFailureLimiter> };
};
const limits = (limitRegistry.__circleRefusalLimits ??= {
  perSource: createFailureLimiter({ max: REFUSALS_PER_SOURCE, windowMs: COLLAPSE_WINDOW_MS }),
  anonymous: createFailureLimiter({ max: ANONYMOUS_REFUSALS, windowMs: COLLAPSE_WINDOW_MS }),
});

/**
 * The one place a refused request is recorded (the HTTP answers, the collab upgrade, the origin
 * check and Socket.IO all call it). The person learns nothing from it: callers record after or
 * beside their refusal, which is the same whether or not the thing exists. Against flooding, the
 * same person (or address, with nobody signed in) asking for the same target again within 10
 * minutes adds nothing, and each person or address gets at most REFUSALS_PER_SOURCE entries in 10
 * minutes (everyone signed out together ANONYMOUS_REFUSALS). Returns whether an entry was written.
 */
export async function recordRefusal(origin: RequestOrigin, refusal: RefusalRecord): Promise<boolean> {
  const source = refusal.actor ? `user:${refusal.actor.id}` : `ip:${origin.clientIp ?? "unknown"}`;
  if (limits.perSource.isBlocked(source) || (!refusal.actor && limits.anonymous.isBlocked("all"))) return false;
  // Counted before the write, so a burst of concurrent refusals cannot all pass the check.
  limits.perSource.fail(source);
  if (!refusal.actor) limits.anonymous.fail("all");
  const details = Object.fromEntries(Object.entries(refusal.details ?? {}).map(([k, v]) => [k, typeof v === "string" ? clip(v, 200) : v]));
  const written = await insertUnlessRecent(toRow({ ...refusal, target: clip(refusal.target, 300), ip: origin.clientIp, details }), { sameDetails: false }).catch(
    (error: unknown) => {
      limits.perSource.forgive(source);
      if (!refusal.actor) limits.anonymous.forgive("all");
      throw error;
    },
  );
  if (!written) {
    limits.perSource.forgive(source);
    if (!refusal.actor) limits.anonymous.forgive("all");
  }
  return written;
}

/** Text a client chose (a path, an Origin header): one line, no control characters, bounded. */
const clip = (text: string, max: number) => cleanLine(text).slice(0, max);
