import { db } from "~/utils/db.server";
import { listDisposalDue } from "./retention.server";

/**
 * The disposals page (app/routes/admin.disposals.tsx): the service's closed cases that still hold
 * personal data, with their closure day and legal hold, and the disposals made. The manager keeps
 * every case's record (README, Decisions, "The case record is the manager's"), so the reference
 * and title are theirs to see; nothing of the case's preparation is read here.
 */
export async function listDisposalPage(serviceId: string) {
  const [closed, disposals, due] = await Promise.all([
    db.case.findMany({
      where: { serviceId, stage: "CLOSED", disposedAt: null },
      orderBy: { reference: "asc" },
      select: {
        id: true,
        reference: true,
        title: true,
        closureReason: true,
        stageEvents: { where: { stage: "CLOSED" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
        legalHolds: {
          orderBy: { placedAt: "desc" },
          select: { id: true, reason: true, placedAt: true, liftedAt: true, liftReason: true, placedBy: { select: { name: true } }, liftedBy: { select: { name: true } } },
        },
      },
    }),
    listDisposals(serviceId),
    listDisposalDue(db, serviceId),
  ]);
  // The retention job's findings (app/models/retention.server.ts): a case whose disposal date under
  // the service's rules has come is listed first, with the rule, so the manager reviews those.
  const dueByCase = new Map(due.map((d) => [d.caseId, { dueOn: d.dueOn, ruleReason: d.ruleReason, dobUnknown: d.dobUnknown }]));
  const rows = closed.map(({ stageEvents, legalHolds, ...c }) => ({
    ...c,
    closedAt: stageEvents[0]?.createdAt.toISOString() ?? null,
    hold: legalHolds.find((h) => !h.liftedAt) ?? null,
    history: legalHolds,
    due: dueByCase.get(c.id) ?? null,
  }));
  const order = (r: (typeof rows)[number]) => (r.due ? `0${r.due.dueOn}` : "1");
  return { closed: rows.sort((a, b) => order(a).localeCompare(order(b)) || a.reference.localeCompare(b.reference)), disposals };
}

function listDisposals(serviceId: string) {
  return db.caseDisposal.findMany({
    where: { case: { serviceId }, state: "DONE" },
    orderBy: { disposedAt: "desc" },
    select: { id: true, caseId: true, tombstoneReference: true, disposedAt: true, ruleId: true, reason: true, approvedBy: { select: { name: true } } },
  });
}

/** One disposal of this service, with what its certificate says; null for another service's or none. */
export async function getDisposalRecord(serviceId: string, disposalId: string) {
  if (!/^c[a-z0-9]{20,31}$/.test(disposalId)) return null;
  return db.caseDisposal.findFirst({
    where: { id: disposalId, state: "DONE", case: { serviceId } },
    select: {
      id: true,
      caseId: true,
      tombstoneReference: true,
      disposedAt: true,
      ruleId: true,
      reason: true,
      closedAt: true,
      approvedBy: { select: { name: true, email: true } },
      counts: { select: { kind: true, count: true } },
      case: { select: { service: { select: { name: true } }, closureReason: true, referredAt: true } },
    },
  });
}

/**
 * The collab documents disposed of in a service: every signed-in staff tablet deletes its own
 * IndexedDB copy of them (app/realtime/forget-disposed.ts). Names only (ids), never content.
 */
export async function disposedDocumentNames(serviceId: string): Promise<string[]> {
  const rows = await db.caseDisposalDocument.findMany({ where: { disposal: { case: { serviceId } } }, select: { docName: true } });
  return rows.map((r) => r.docName);
}
