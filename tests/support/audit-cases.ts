import { randomUUID } from "node:crypto";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";

/** Audit-trail tests work on cases of their own, so the entries they count are their own. */

export type DemoStaff = Record<"lead" | "co" | "supervisor" | "manager", { id: string; name: string; serviceId: string }>;

export async function demoStaff(): Promise<DemoStaff> {
  const find = (who: string) => getDb().user.findUniqueOrThrow({ where: { email: `${who}@demo.circle` }, select: { id: true, name: true, serviceId: true } });
  const [lead, co, supervisor, manager] = await Promise.all(["lead", "co", "supervisor", "manager"].map(find));
  return { lead: lead!, co: co!, supervisor: supervisor!, manager: manager! };
}

/** A case of the demo service with the demo lead, co-facilitator and supervisor on its team. */
export function newAuditCase(staff: DemoStaff) {
  return factories(getDb()).case({
    serviceId: staff.lead.serviceId,
    reference: `AT-${randomUUID().slice(0, 8)}`,
    title: "Audit trail test case",
    offenceSummary: "A test.",
    stage: "PREPARATION",
    members: [
      { userId: staff.lead.id, role: "LEAD" },
      { userId: staff.co.id, role: "CO_FACILITATOR" },
      { userId: staff.supervisor.id, role: "SUPERVISOR" },
    ],
  });
}

export type SeededEntry = { actorId: string | null; actorRole?: string; action: string; target?: string; at: Date; details?: object; ip?: string };

const row = (caseId: string, entry: SeededEntry) => ({
  caseId,
  actorId: entry.actorId,
  actorRole: entry.actorRole ?? "FACILITATOR",
  action: entry.action,
  target: entry.target ?? `case:${caseId}`,
  ip: entry.ip ?? "10.0.0.7",
  details: JSON.stringify(entry.details ?? {}),
  createdAt: entry.at,
});

/** Entries written straight into a case's trail (appending is allowed), at chosen times. */
export const seedAudit = (caseId: string, entries: SeededEntry[]) => getDb().auditEvent.createMany({ data: entries.map((e) => row(caseId, e)) });
