import { pruneAuditTrail, type AuditPruneResult } from "~/models/audit-prune.server";
import { sweepDisposalDue, type DueSweep } from "~/models/retention.server";
import { getDb } from "~/utils/db.server";
import { log, stackOf } from "./log";
import { startPeriodicJob, type PeriodicJob } from "./periodic-job";

/**
 * The retention job (docs/operations.md, "Retention rules"): once when the server starts listening
 * and then every `intervalMs`, it records which closed cases reached their disposal date
 * (`sweepDisposalDue`), then deletes the audit entries older than their service's period
 * (`pruneAuditTrail`). Restart-safe by construction: it keeps nothing in memory, the work list's
 * unique key (one row per closure) makes a repeated or concurrent run add nothing twice, and a
 * prune is one transaction that finds nothing left to delete when run again. `now` is injected so
 * tests can move the clock.
 */
/** What one run did; null for a part that failed (logged). */
export type RetentionRun = { due: DueSweep | null; audit: AuditPruneResult | null };

export type RetentionJob = PeriodicJob<RetentionRun>;

export function startRetentionJob(options: { intervalMs: number; now?: () => Date }): RetentionJob {
  const now = options.now ?? (() => new Date());
  // One run at a time (startPeriodicJob). A failure is logged and contained (README Decisions,
  // "Background failures are contained"): the next interval tries again, and nothing was half-done
  // (each case's row is written in one transaction, the prune is one transaction). The two parts
  // fail apart: a failed sweep does not stop the prune.
  const sweep = (at: Date) =>
    sweepDisposalDue(getDb(), at).then(
      (result) => {
        if (result.found || result.reopened || result.notDue) log.info({ ...result }, "retention check: the disposal review list changed");
        return result;
      },
      (err: unknown) => {
        log.error({ err: stackOf(err) }, "retention check failed; it runs again at the next interval");
        return null;
      },
    );
  const prune = (at: Date) =>
    pruneAuditTrail(getDb(), at).then(
      (result) => {
        if (result.length) log.info({ pruned: result.map((r) => r.count), cutoffs: result.map((r) => r.cutoff) }, "retention check: old audit entries deleted");
        return result;
      },
      (err: unknown) => {
        log.error({ err: stackOf(err) }, "audit trail prune failed; nothing was deleted, it runs again at the next interval");
        return null;
      },
    );
  return startPeriodicJob(async () => {
    const at = now();
    return { due: await sweep(at), audit: await prune(at) };
  }, options.intervalMs);
}
