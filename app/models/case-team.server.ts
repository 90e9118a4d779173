import { db } from "~/utils/db.server";
import type { CaseRole, Stage, StaffRole } from "~/utils/roles";

/**
 * Cases of a service with their teams, for the admin's case-team screen; optionally one stage, or
 * a reference or title containing `q` (never people's names: the manager does not read case preparation).
 */
export async function listCaseTeams(serviceId: string, filter: { q: string; stage: Stage | "" } = { q: "", stage: "" }) {
  const cases = await db.case.findMany({
    where: {
      serviceId,
      // A disposed case has no team and nothing to assign: it is listed on the disposals page.
      disposedAt: null,
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(filter.q ? { OR: [{ reference: { contains: filter.q } }, { title: { contains: filter.q } }] } : {}),
    },
    orderBy: { reference: "asc" },
    select: {
      id: true,
      reference: true,
      title: true,
      stage: true,
      members: { orderBy: { role: "asc" }, select: { role: true, user: { select: { id: true, name: true } } } },
    },
  });
  return cases.map((c) => ({ ...c, stage: c.stage as Stage, members: c.members.map((m) => ({ ...m, role: m.role as CaseRole })) }));
}

export async function listAssignableUsers(serviceId: string) {
  const users = await db.user.findMany({
    where: { serviceId, disabled: false, role: { in: ["SUPERVISOR", "FACILITATOR"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
  return users.map((u) => ({ ...u, role: u.role as StaffRole }));
}

/** A case of this service, or null (admins never reach another service's cases). */
export async function findServiceCase(serviceId: string, caseId: string) {
  return db.case.findFirst({ where: { id: caseId, serviceId }, select: { id: true, reference: true } });
}
