import { db } from "~/utils/db.server";
import { CaseFilterSchema } from "~/utils/schemas";
import { can, type Principal } from "~/utils/permissions";
import type { CaseRole, Stage } from "~/utils/roles";
import { byAttention, loadAttention, type AttentionRow } from "./attention.server";
import { caseResourceOf } from "./case-access.server";

export type MyCaseRow = AttentionRow & {
  /** The user's role on the case (null only if a rule ever lets someone see a case they are not on). */
  myRole: CaseRole | null;
  /** When searching: the people on the case whose name or preferred name matched. */
  matchedPeople: string[];
};

export type CaseFilter = { q: string; stage: Stage | "" };

/**
 * A case list's search, read from the page's address (here, not in the route: a route's imports
 * are downloaded with its page, and the schema would bring zod). `valid` is false when the
 * address asked for something that is not a search; the list is then unfiltered.
 */
export function caseFilterOf(url: URL): { filter: CaseFilter; valid: boolean } {
  const parsed = CaseFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success ? { filter: parsed.data, valid: true } : { filter: { q: "", stage: "" }, valid: false };
}

/**
 * The cases this person may see, optionally filtered by stage and searched by reference, title or
 * the names and preferred names of the people on them, what needs attention first (attention.server.ts).
 *
 * The query does not ask for membership: it reads the service's matching cases with this person's
 * membership, and can(user, "case:view") decides each one, the same rule as opening the case. So a
 * search can never return a case its reader may not open, whatever the rule becomes.
 */
export async function listMyCases(user: Principal, filter: { q: string; stage: Stage | "" }, now = new Date()): Promise<MyCaseRow[]> {
  const q = filter.q;
  const nameMatch = q ? { removedAt: null, OR: [{ name: { contains: q } }, { preferredName: { contains: q } }] } : null;
  const candidates = await db.case.findMany({
    where: {
      serviceId: user.serviceId,
      disposedAt: null,
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(q && nameMatch ? { OR: [{ reference: { contains: q } }, { title: { contains: q } }, { participants: { some: nameMatch } }] } : {}),
    },
    select: { id: true, serviceId: true, members: { where: { userId: user.id }, select: { role: true } } },
  });
  const visible = candidates.filter((c) => can(user, "case:view", caseResourceOf(c)));
  if (visible.length === 0) return [];
  const roleOf = new Map(visible.map((c) => [c.id, (c.members[0]?.role as CaseRole | undefined) ?? null]));
  const ids = visible.map((c) => c.id);
  const [rows, matches] = await Promise.all([
    loadAttention({ id: { in: ids } }, now),
    nameMatch
      ? db.participant.findMany({ where: { caseId: { in: ids }, ...nameMatch }, orderBy: { createdAt: "asc" }, select: { caseId: true, name: true, preferredName: true } })
      : [],
  ]);
  const matched = new Map<string, string[]>();
  for (const p of matches) matched.set(p.caseId, [...(matched.get(p.caseId) ?? []), p.preferredName ? `${p.name} (${p.preferredName})` : p.name]);
  return byAttention(rows.map((r) => ({ ...r, myRole: roleOf.get(r.id) ?? null, matchedPeople: matched.get(r.id) ?? [] })));
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
    where: { serviceId, disposedAt: null },
    orderBy: { reference: "asc" },
    select: { id: true, reference: true, title: true, stage: true },
  });
}

export async function getCaseHeading(caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, select: { id: true, reference: true, title: true } });
}
