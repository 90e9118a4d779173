import { db } from "./db.server";
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

/** Append one audit row. Every view and change of case data goes through here (docs/architecture.md §2). */
export async function audit(entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? "ANONYMOUS",
      action: entry.action,
      target: entry.target,
      caseId: entry.caseId ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
    select: { id: true },
  });
}
