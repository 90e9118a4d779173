import { db } from "~/utils/db.server";
import type { CaseRole, Stage } from "~/utils/roles";
import { dueTermsByCase } from "./agreement.server";

export type MyCaseRow = {
  id: string;
  reference: string;
  title: string;
  stage: Stage;
  sensitive: boolean;
  myRole: CaseRole;
  nextConferenceAt: string | null;
  /** Approved agreement terms due in the next two weeks, and overdue. */
  termsDue: number;
  termsOverdue: number;
};

/** Cases the user is a member of, newest activity first, optionally filtered. */
export async function listMyCases(userId: string, filter: { q: string; stage: Stage | "" }): Promise<MyCaseRow[]> {
  const now = new Date();
  const rows = await db.caseMember.findMany({
    where: {
      userId,
      case: {
        ...(filter.stage ? { stage: filter.stage } : {}),
        ...(filter.q ? { OR: [{ reference: { contains: filter.q } }, { title: { contains: filter.q } }] } : {}),
      },
    },
    orderBy: { case: { updatedAt: "desc" } },
    select: {
      role: true,
      case: {
        select: {
          id: true,
          reference: true,
          title: true,
          stage: true,
          sensitive: true,
          conferences: {
            where: { status: "SCHEDULED", scheduledAt: { gte: now } },
            orderBy: { scheduledAt: "asc" },
            take: 1,
            select: { scheduledAt: true },
          },
        },
      },
    },
  });
  const due = await dueTermsByCase(rows.map((r) => r.case.id));
  return rows.map(({ role, case: c }) => ({
    id: c.id,
    reference: c.reference,
    title: c.title,
    stage: c.stage as Stage,
    sensitive: c.sensitive,
    myRole: role as CaseRole,
    nextConferenceAt: c.conferences[0]?.scheduledAt.toISOString() ?? null,
    termsDue: due.get(c.id)?.due ?? 0,
    termsOverdue: due.get(c.id)?.overdue ?? 0,
  }));
}

export async function getCaseOverview(caseId: string) {
  const found = await db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      reference: true,
      title: true,
      offenceSummary: true,
      stage: true,
      sensitive: true,
      createdAt: true,
      members: {
        orderBy: { role: "asc" },
        select: { role: true, user: { select: { id: true, name: true, email: true } } },
      },
      stageEvents: { orderBy: { createdAt: "asc" }, select: { stage: true, createdAt: true } },
      conferences: {
        where: { status: "SCHEDULED" },
        orderBy: { scheduledAt: "asc" },
        take: 1,
        select: { scheduledAt: true, venue: true, room: true },
      },
    },
  });
  if (!found) return null;
  return {
    ...found,
    stage: found.stage as Stage,
    members: found.members.map((m) => ({ ...m, role: m.role as CaseRole })),
    stageEvents: found.stageEvents.map((e) => ({ stage: e.stage as Stage, at: e.createdAt.toISOString() })),
    nextConference: found.conferences[0]
      ? {
          at: found.conferences[0].scheduledAt.toISOString(),
          venue: [found.conferences[0].venue, found.conferences[0].room].filter(Boolean).join(", "),
        }
      : null,
    createdAt: found.createdAt.toISOString(),
  };
}

/** Every case of a service, for the admin's assignment screen (no case content). */
export async function listServiceCases(serviceId: string) {
  return db.case.findMany({
    where: { serviceId },
    orderBy: { reference: "asc" },
    select: { id: true, reference: true, title: true, stage: true },
  });
}

export async function getCaseHeading(caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, select: { id: true, reference: true, title: true } });
}
