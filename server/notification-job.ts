import { sendDigests, type DigestRun } from "~/models/notification-digest.server";
import { notifyDeadlines, type DeadlineRun } from "~/models/notification-deadlines.server";
import { log, stackOf } from "./log";
import { startPeriodicJob, type PeriodicJob } from "./periodic-job";

/**
 * The notification job (docs/architecture.md, "Notifications"), on the retention job's pattern:
 * once when the server starts listening and then every `intervalMs`, it tells people of the
 * deadlines reached (next contact due, a Victims' Code deadline today or passed, an agreement term
 * due or overdue), then sends the day's email digests when SMTP is configured. Restart-safe by
 * construction: it keeps nothing in memory; each deadline's unique key (with its day) lets a
 * repeated, overlapping or restarted run tell nobody twice, and a digest's `lastSentAt` is in the
 * database. `now` is injected so tests can move the clock.
 */
export type NotificationRun = { deadlines: DeadlineRun | null; digests: DigestRun | null };

export type NotificationJob = PeriodicJob<NotificationRun>;

export function startNotificationJob(options: { intervalMs: number; now?: () => Date }): NotificationJob {
  const now = options.now ?? (() => new Date());
  // One run at a time; a failure is logged and contained (README Decisions, "Background failures
  // are contained"), and the next interval tries again. The parts fail apart: a relay that is down
  // does not stop the deadlines, nor they the digests.
  const contained = <T>(work: Promise<T>, what: string) =>
    work.catch((err: unknown) => {
      log.error({ err: stackOf(err) }, `${what} failed; it runs again at the next interval`);
      return null;
    });
  return startPeriodicJob(async () => {
    const at = now();
    const deadlines = await contained(notifyDeadlines(at), "notification deadline check");
    if (deadlines?.told) log.info({ ...deadlines }, "notification check: people told of deadlines");
    const digests = await contained(sendDigests(at), "notification digest");
    if (digests && (digests.sent || digests.failed)) log.info({ ...digests }, "notification digests sent");
    return { deadlines, digests };
  }, options.intervalMs);
}
