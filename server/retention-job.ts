import { sweepDisposalDue, type DueSweep } from "~/models/retention.server";
import { getDb } from "~/utils/db.server";
import { log, stackOf } from "./log";

/**
 * The retention job (docs/operations.md, "Retention rules"): once when the server starts listening
 * and then every `intervalMs`, it records which closed cases reached their disposal date
 * (`sweepDisposalDue`). Restart-safe by construction: it keeps nothing in memory, and the work
 * list's unique key (one row per closure) makes a repeated or concurrent run add nothing twice.
 * `now` is injected so tests can move the clock.
 */
export type RetentionJob = {
  /** Runs a sweep now, after any sweep in progress (which may have read an earlier clock). */
  runNow(): Promise<DueSweep | null>;
  stop(): Promise<void>;
};

export function startRetentionJob(options: { intervalMs: number; now?: () => Date }): RetentionJob {
  const now = options.now ?? (() => new Date());
  let running: Promise<DueSweep | null> | null = null;
  let stopped = false;

  // One sweep at a time: one that outlasts the interval is not overlapped by the next. A failure
  // is logged and contained (README Decisions, "Background failures are contained"): the next
  // interval tries again, and nothing was half-done (each case's row is written in one transaction).
  const run = (): Promise<DueSweep | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= sweepDisposalDue(getDb(), now())
      .then(
        (result) => {
          if (result.found || result.reopened || result.notDue) log.info({ ...result }, "retention check: the disposal review list changed");
          return result;
        },
        (err: unknown) => {
          log.error({ err: stackOf(err) }, "retention check failed; it runs again at the next interval");
          return null;
        },
      )
      .finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  void run();

  return {
    async runNow() {
      await running;
      return run();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
