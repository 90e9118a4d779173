import nodemailer from "nodemailer";
import { db } from "~/utils/db.server";
import { getEnv, smtpConfigured, type Env } from "~/utils/env.server";
import { serviceToday } from "./agreement-monitoring";
import { countUnread } from "./notifications.server";

/**
 * The optional daily email digest (docs/operations.md, "Notifications"): to each staff member who
 * asked for it, at most once per service day, "You have N new notifications in Circle" and a link,
 * where N counts their unread notifications that arrived since the last digest. Nothing else: an
 * email leaves Circle's control, so it never names a case, a reference or a person. The row's
 * `lastSentAt` is claimed before sending (a compare-and-set, so two runs never both send) and put
 * back if the relay refuses, so a restart neither repeats a day's digest nor loses one for good.
 */

export type DigestRun = { sent: number; failed: number };

export function digestMessage(count: number, base: string) {
  const noun = count === 1 ? "notification" : "notifications";
  return {
    subject: `Circle: ${count} new ${noun}`,
    text: `You have ${count} new ${noun} in Circle.\n\nSign in to read them: ${base.replace(/\/$/, "")}/notifications\n\nYou asked for this daily email in Circle; you can switch it off on your notification settings page.\n`,
  };
}

export async function sendDigests(now: Date, env: Env = getEnv()): Promise<DigestRun> {
  if (!smtpConfigured(env)) return { sent: 0, failed: 0 };
  const today = serviceToday(now);
  const wanted = await db.notificationDigest.findMany({
    where: { enabled: true, user: { disabled: false, role: { not: "LETTER_AUTHOR" } } },
    select: { userId: true, lastSentAt: true, user: { select: { email: true, role: true } } },
  });
  const due = wanted.filter((d) => !d.lastSentAt || serviceToday(d.lastSentAt) < today);
  if (due.length === 0) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport({ host: env.SMTP_HOST, port: env.SMTP_PORT, secure: false, ignoreTLS: true });
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const run: DigestRun = { sent: 0, failed: 0 };
  try {
    for (const d of due) {
      const user = { id: d.userId, role: d.user.role };
      const fresh = await db.notification.count({ where: { recipientId: d.userId, readAt: null, ...(d.lastSentAt ? { createdAt: { gt: d.lastSentAt } } : {}) } });
      // Only what they may still see counts (countUnread's rule); a digest of nothing is not sent.
      const count = Math.min(fresh, await countUnread(user));
      if (count === 0) continue;
      const claimed = await db.notificationDigest.updateMany({ where: { userId: d.userId, lastSentAt: d.lastSentAt }, data: { lastSentAt: now } });
      if (claimed.count === 0) continue;
      try {
        await transport.sendMail({ from: env.SMTP_FROM, to: d.user.email, ...digestMessage(count, base) });
        run.sent += 1;
        // Circle's own entry (as the retention job writes its own): to whom and how many, nothing else.
        await db.auditEvent.create({
          data: { actorId: null, actorRole: "SYSTEM", action: "notification.digest.sent", target: `user:${d.userId}`, details: JSON.stringify({ count }) },
          select: { id: true },
        });
      } catch {
        await db.notificationDigest.updateMany({ where: { userId: d.userId, lastSentAt: now }, data: { lastSentAt: d.lastSentAt } });
        run.failed += 1;
      }
    }
  } finally {
    transport.close();
  }
  return run;
}
