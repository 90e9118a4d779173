import type { Prisma, PrismaClient } from "@prisma/client";
import type { ActionAudit } from "~/utils/action.server";
import { db } from "~/utils/db.server";
import { AUDIT_DEFAULT_REASON, AUDIT_DEFAULT_YEARS, yearsWord } from "./audit-retention";

/**
 * How long each service keeps its audit trail (README Decisions, "The audit trail is kept for its
 * own period"): set by the service manager on /admin/retention, pruned by the retention job
 * (`pruneAuditTrail`, app/models/audit-prune.server.ts). Rows are append-only (triggers): a change
 * is a new row, the newest is in force, and the rows are the history.
 */

type Client = PrismaClient | Prisma.TransactionClient;

/** Gives a service Circle's default period (setup, the demo seed); createdById null marks it as Circle's. */
export async function addDefaultAuditPeriod(client: Client, serviceId: string) {
  await client.auditRetention.create({ data: { serviceId, years: AUDIT_DEFAULT_YEARS, reason: AUDIT_DEFAULT_REASON }, select: { id: true } });
}

/** Each service's period in force (its newest row); a service without one keeps its whole trail. */
export async function auditPeriodsInForce(client: Client): Promise<Map<string, number>> {
  const rows = await client.auditRetention.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { serviceId: true, years: true } });
  const periods = new Map<string, number>();
  for (const r of rows) if (!periods.has(r.serviceId)) periods.set(r.serviceId, r.years);
  return periods;
}

/** Sets the manager's service's period, in the caller's transaction: a new row, and its audit entry. */
export async function setAuditPeriod(tx: Prisma.TransactionClient, manager: { id: string; serviceId: string }, input: { years: number; reason: string }) {
  const current = await tx.auditRetention.findFirst({ where: { serviceId: manager.serviceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { years: true } });
  await tx.auditRetention.create({ data: { serviceId: manager.serviceId, years: input.years, reason: input.reason, createdById: manager.id }, select: { id: true } });
  const audit: ActionAudit = {
    action: "retention.audit.change",
    target: `service:${manager.serviceId}`,
    // The reason is the manager's words, kept on the row; the entry says what changed.
    details: { years: input.years, ...(current ? { from: current.years } : {}) },
  };
  const done = `Saved: audit entries are kept for ${yearsWord(input.years)}. The retention job deletes older ones at its next run.`;
  return { done, audit };
}

/** The page's section: the period in force, every change (newest first, with the period it replaced), and the last prune. */
export async function getAuditTrailRetention(serviceId: string) {
  const [rows, lastPrune] = await Promise.all([
    db.auditRetention.findMany({
      where: { serviceId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, years: true, reason: true, createdAt: true, createdBy: { select: { name: true } } },
    }),
    db.auditPrune.findFirst({ where: { serviceId, state: "DONE" }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { finishedAt: true, cutoff: true, count: true } }),
  ]);
  const history = rows
    .map((r, i) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      who: r.createdBy?.name ?? "Circle (default)",
      from: i > 0 ? rows[i - 1]!.years : null,
      to: r.years,
      reason: r.reason,
    }))
    .reverse();
  const inForce = history[0] ?? null;
  return {
    period: inForce && { years: inForce.to, reason: inForce.reason, setBy: inForce.who, setAt: inForce.at },
    history,
    lastPrune: lastPrune && { at: (lastPrune.finishedAt ?? lastPrune.cutoff).toISOString(), cutoff: lastPrune.cutoff.toISOString(), count: lastPrune.count },
  };
}
