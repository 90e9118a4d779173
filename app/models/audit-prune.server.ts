import { Prisma, type PrismaClient } from "@prisma/client";
import { auditCutoff } from "./audit-retention";
import { auditPeriodsInForce } from "./audit-retention.server";

/**
 * The retention job's prune of the audit trail (README Decisions, "The audit trail is kept for its
 * own period"): each service's entries created before its period deletes them. An entry belongs to
 * its case's service, else its actor's, else the service its target names (`service:<id>`, the
 * prune's own entries); one with none of these (a failed sign-in with an unknown name, a refused
 * request from nobody signed in) belongs to no service and is kept for the shortest period in force.
 *
 * The delete trigger on AuditEvent (migration 20261210000400) computes the entry's service the
 * same way and lets a delete through only while a RUNNING AuditPrune row of that service with a
 * later cutoff exists in the same transaction: keep `SERVICE_OF` and the trigger in step.
 */

/** The entry's service, as the trigger computes it. */
const SERVICE_OF = Prisma.sql`COALESCE(
  (SELECT c."serviceId" FROM "Case" c WHERE c."id" = e."caseId"),
  (SELECT u."serviceId" FROM "User" u WHERE u."id" = e."actorId"),
  (SELECT s."id" FROM "Service" s WHERE e."target" LIKE 'service:%' AND s."id" = substr(e."target", 9)))`;

type Target = { serviceId: string | null; cutoff: Date };
export type AuditPruneResult = { serviceId: string | null; cutoff: string; count: number }[];

/** Dates bind as the text Prisma writes them (ISO 8601 in UTC), so `<` compares them as the trigger does. */
const older = (t: Target) => Prisma.sql`e."createdAt" < ${t.cutoff} AND ${SERVICE_OF} IS ${t.serviceId}`;

/** What each service's period (and the shortest, for entries of no service) deletes at `now`. */
async function targetsAt(client: PrismaClient, now: Date): Promise<Target[]> {
  const periods = await auditPeriodsInForce(client);
  const targets: Target[] = [...periods].map(([serviceId, years]) => ({ serviceId, cutoff: auditCutoff(now, years) }));
  if (periods.size > 0) targets.push({ serviceId: null, cutoff: auditCutoff(now, Math.min(...periods.values())) });
  return targets;
}

/**
 * Deletes every entry older than its service's period at `now`, in one transaction: per service,
 * an AuditPrune row RUNNING (the trigger's permission), the delete, the row DONE with its count, and
 * an entry written by Circle saying the cutoff and the count. A run that dies rolls back whole; a
 * second run at the same clock finds nothing older and opens no transaction, so it records nothing.
 */
export async function pruneAuditTrail(client: PrismaClient, now: Date): Promise<AuditPruneResult> {
  const due: Target[] = [];
  for (const t of await targetsAt(client, now)) {
    const [row] = await client.$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "AuditEvent" e WHERE ${older(t)}`;
    if (Number(row?.n ?? 0) > 0) due.push(t);
  }
  if (due.length === 0) return [];
  return client.$transaction(async (tx) => {
    const result: AuditPruneResult = [];
    for (const t of due) {
      const prune = await tx.auditPrune.create({ data: { serviceId: t.serviceId, cutoff: t.cutoff, startedAt: now }, select: { id: true } });
      const count = await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" IN (SELECT e."id" FROM "AuditEvent" e WHERE ${older(t)})`;
      await tx.auditPrune.update({ where: { id: prune.id }, data: { state: "DONE", count, finishedAt: now }, select: { id: true } });
      // Written by Circle itself, at the job's clock (so the next run's cutoff compares with it as with
      // every other entry); only the cutoff and the count, never what the deleted entries said.
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorRole: "SYSTEM",
          action: "audit.prune",
          target: t.serviceId ? `service:${t.serviceId}` : "audit-trail",
          details: JSON.stringify({ cutoff: t.cutoff.toISOString(), count }),
          createdAt: now,
        },
        select: { id: true },
      });
      result.push({ serviceId: t.serviceId, cutoff: t.cutoff.toISOString(), count });
    }
    return result;
  });
}
