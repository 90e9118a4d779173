import { db } from "~/utils/db.server";
import { monitoredTerms } from "./agreement.server";
import { deadlineEvents } from "./notification-deadlines";
import { notify } from "./notifications.server";

/** What one run of the deadline check did: events found, and how many people were told for the first time. */
export type DeadlineRun = { events: number; told: number };

/**
 * Every open case's deadlines as of `now`, each notified through notify(): an event already told
 * (same key) adds nothing, so a run repeated, overlapping a restart, or at a later hour of the
 * same day is harmless. One service's open cases are few; the job reads them all each run.
 */
export async function notifyDeadlines(now: Date): Promise<DeadlineRun> {
  const rows = await db.case.findMany({
    where: { stage: { not: "CLOSED" }, disposedAt: null },
    select: {
      id: true,
      stage: true,
      referredAt: true,
      participants: {
        select: {
          id: true,
          role: true,
          enhancedRights: true,
          infoOfferedAt: true,
          notInvitedReason: true,
          contactFrequency: true,
          removedAt: true,
          createdAt: true,
          contacts: { where: { status: "COMPLETED" }, orderBy: { occurredAt: "desc" }, take: 1, select: { occurredAt: true } },
        },
      },
    },
  });
  const cases = rows.map((c) => ({ ...c, participants: c.participants.map(({ contacts, ...p }) => ({ ...p, lastContactAt: contacts[0]?.occurredAt ?? null })) }));
  const agreements = await monitoredTerms(cases.map((c) => c.id));
  const events = deadlineEvents(cases, agreements, now);
  let told = 0;
  for (const event of events) told += (await notify(event)).length;
  return { events: events.length, told };
}
