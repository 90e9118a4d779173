import type { FrozenTerm, ProgressStatus } from "./agreement-labels";
import { serviceToday, termDueState } from "./agreement-monitoring";
import { participantContactDue, victimsCodeStatus } from "./gates";
import type { NotificationEvent } from "./notification-rules";

/**
 * The deadline job's events (server/notification-job.ts), from the rules the case screen uses:
 * gates.ts for Victims' Code timers and contact frequencies, agreement-monitoring.ts for terms.
 * Pure, so the same facts at the same time give the same events, and each event's subject names
 * its deadline's day: however often the job runs, or restarts, the unique key tells each person once.
 * A deadline first seen after its day (a server that was off) is told as passed, once.
 */

export type DeadlineCase = {
  id: string;
  stage: string;
  referredAt: Date;
  participants: {
    id: string;
    role: string;
    enhancedRights: boolean;
    infoOfferedAt: Date | null;
    notInvitedReason: string | null;
    contactFrequency: string;
    removedAt: Date | null;
    createdAt: Date;
    lastContactAt: Date | null;
  }[];
};
export type DeadlineAgreement = { caseId: string; agreementId: string; terms: FrozenTerm[]; statuses: Map<string, ProgressStatus> };

export function deadlineEvents(cases: DeadlineCase[], agreements: DeadlineAgreement[], now: Date): NotificationEvent[] {
  const today = serviceToday(now);
  const events: NotificationEvent[] = [];
  for (const c of cases) {
    if (c.stage === "CLOSED") continue;
    const active = c.participants.filter((p) => p.removedAt === null);
    const harmed = active.filter((p) => p.role === "PERSON_HARMED");
    // As on the case list: at referral with nobody harmed recorded, the standard clock runs from the referral.
    const timers = harmed.length ? harmed : c.stage === "REFERRAL" ? [{ id: "referral", enhancedRights: false, infoOfferedAt: null, notInvitedReason: null }] : [];
    for (const p of timers) {
      const status = victimsCodeStatus(c.referredAt, p, now);
      if (status.state !== "due" && status.state !== "overdue") continue;
      const day = serviceToday(new Date(status.dueBy));
      if (day > today) continue;
      const passed = status.state === "overdue";
      events.push({ kind: "VICTIMS_CODE_DEADLINE", caseId: c.id, subject: `${p.id}:${day}:${passed ? "passed" : "today"}`, passed, when: day, actorId: null });
    }
    for (const p of active) {
      const { due } = participantContactDue({ contactFrequency: p.contactFrequency, removed: false, lastContactAt: p.lastContactAt, addedAt: p.createdAt }, now);
      if (!due) continue;
      const day = serviceToday(due);
      if (day > today) continue;
      events.push({ kind: "CONTACT_DUE", caseId: c.id, subject: `${p.id}:${day}`, passed: day < today, when: day, actorId: null });
    }
  }
  for (const a of agreements) {
    for (const t of a.terms) {
      const state = termDueState(t.dueDate, a.statuses.get(t.id) ?? "NOT_STARTED", today);
      if (!state || !t.dueDate) continue;
      events.push({ kind: state === "due" ? "TERM_DUE" : "TERM_OVERDUE", caseId: a.caseId, subject: `${a.agreementId}:${t.id}:${t.dueDate}`, when: t.dueDate, actorId: null });
    }
  }
  return events;
}
