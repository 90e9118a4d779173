import { db } from "~/utils/db.server";
import { STAGES, type Stage } from "~/utils/roles";
import { loadAttention, type AttentionRow } from "./attention.server";

const DAY = 24 * 3600 * 1000;
/** A referral received within this many days is "new" on the overview. */
export const NEW_REFERRAL_DAYS = 14;
/** Conferences "this week": from now to seven days ahead. */
export const WEEK_DAYS = 7;

const byDate = (key: (r: AttentionRow) => string | null) => (x: AttentionRow, y: AttentionRow) => (key(x) ?? "").localeCompare(key(y) ?? "");

/**
 * The service manager's overview of every case of their service: what is waiting for a lead,
 * where the cases are, which deadlines have passed, and the week's conferences. Deadlines come
 * from attention.server.ts (the case screen's own rules); nothing here names a participant, as the
 * manager does not read case preparation (README, Decisions).
 */
export async function getServiceOverview(serviceId: string, now = new Date()) {
  const weekEnd = new Date(now.getTime() + WEEK_DAYS * DAY);
  const [open, counts, conferences] = await Promise.all([
    loadAttention({ serviceId, stage: { not: "CLOSED" } }, now),
    db.case.groupBy({ by: ["stage"], where: { serviceId }, _count: { _all: true } }),
    db.conference.findMany({
      where: { status: "SCHEDULED", scheduledAt: { gte: now, lte: weekEnd }, case: { serviceId, stage: { not: "CLOSED" } } },
      orderBy: { scheduledAt: "asc" },
      select: { id: true, scheduledAt: true, venue: true, room: true, leadId: true, case: { select: { id: true, reference: true, title: true } } },
    }),
  ]);
  const leads = await db.user.findMany({ where: { id: { in: conferences.flatMap((c) => (c.leadId ? [c.leadId] : [])) } }, select: { id: true, name: true } });
  const leadName = new Map(leads.map((l) => [l.id, l.name]));
  const newSince = new Date(now.getTime() - NEW_REFERRAL_DAYS * DAY).toISOString();
  const count = new Map(counts.map((c) => [c.stage, c._count._all]));

  const unassigned = open.filter((r) => r.lead === null).sort(byDate((r) => r.referredAt));
  const fresh = open
    .filter((r) => r.lead !== null && r.stage === "REFERRAL" && r.referredAt >= newSince)
    .sort(byDate((r) => r.referredAt))
    .reverse();
  return {
    /** Waiting for a lead facilitator (longest waiting first), then new referrals (newest first). */
    referrals: [...unassigned, ...fresh],
    byStage: STAGES.map((stage: Stage) => ({ stage, count: count.get(stage) ?? 0 })),
    victimsCodeOverdue: open.filter((r) => r.attention.victimsCodeOverdue > 0).sort(byDate((r) => r.attention.victimsCodeDueBy)),
    contactsOverdue: open.filter((r) => r.attention.contactsOverdue > 0).sort(byDate((r) => r.attention.nextContactDue)),
    conferences: conferences.map((c) => ({
      id: c.id,
      at: c.scheduledAt.toISOString(),
      venue: [c.venue, c.room].filter(Boolean).join(", "),
      lead: c.leadId ? (leadName.get(c.leadId) ?? "A former colleague") : null,
      caseId: c.case.id,
      reference: c.case.reference,
      title: c.case.title,
    })),
  };
}

export type ServiceOverview = Awaited<ReturnType<typeof getServiceOverview>>;
