import { Prisma } from "@prisma/client";
import { auditAction } from "./audit-actions";
import { db } from "./db.server";
import { newId } from "./ids.server";
import type { StaffRole } from "./roles";

export type AuditActor = { id: string; role: StaffRole } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  target: string;
  caseId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Repeated views within this long are one entry. */
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
 * Append one audit row. Every view and change of case data goes through here (DESIGN.md §2).
 *
 * A *view* (AUDIT_ACTIONS in audit-actions.ts) that the same person already made of the same
 * thing, with the same details, in the last 10 minutes is not written again: the letter page
 * refreshes every 5 s and the agreement page reloads after every change, and a morning of open
 * tabs had pushed the consent and approval entries out of the trail. Who looked at what, and
 * from when, is still there; changes, exports and refusals of a change are written every time.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  if (entry.actor && auditAction(entry.action).kind === "view") {
    await insertUnlessRecent(toRow(entry), { sameDetails: true });
    return;
  }
  await db.auditEvent.create({ data: toRow(entry), select: { id: true } });
}

/**
 * Writes the row unless the same person (or, with nobody signed in, the same address) has an
 * entry with the same action and target (and details, when asked) in the collapse window. One
 * statement, so two requests at the same moment cannot both find nothing and both write.
 * Prisma's text format for DateTime is what the adapter binds a Date as, so the comparison
 * with rows Prisma wrote holds.
 */
async function insertUnlessRecent(row: Row, { sameDetails }: { sameDetails: boolean }): Promise<boolean> {
  const now = new Date();
  const since = new Date(now.getTime() - COLLAPSE_WINDOW_MS);
  const who = row.actorId !== null ? Prisma.sql`"actorId" = ${row.actorId}` : Prisma.sql`"actorId" IS NULL AND "ip" IS ${row.ip}`;
  const details = sameDetails ? Prisma.sql`AND "details" = ${row.details}` : Prisma.empty;
  const written = await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "actorId", "actorRole", "action", "target", "caseId", "ip", "details", "createdAt")
    SELECT ${newId()}, ${row.actorId}, ${row.actorRole}, ${row.action}, ${row.target}, ${row.caseId}, ${row.ip}, ${row.details}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM "AuditEvent"
      WHERE ${who} AND "action" = ${row.action} AND "target" = ${row.target} ${details} AND "createdAt" >= ${since}
    )`;
  return written > 0;
}
