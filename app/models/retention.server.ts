import { Prisma, type PrismaClient } from "@prisma/client";
import { londonDay } from "~/utils/age";
import { db } from "~/utils/db.server";
import { currentClosure, disposalDate, isDue, type RetentionRuleFacts } from "./retention";
import { getRetentionRules, rulesInForce } from "./retention-rules.server";

/**
 * The disposal review's work list: which closed cases have reached their disposal date under their
 * service's rules in force. The retention job (server/retention-job.ts) runs `sweepDisposalDue`;
 * the review pages read `listDisposalDue`. Finding a case due disposes of nothing: the service
 * manager reviews each one (a legal hold or a reason to keep it may stand in the way).
 */

type Client = PrismaClient | Prisma.TransactionClient;

/** Closed cases read per query: the sweep's memory stays small however many closed cases a service keeps. */
const CHUNK = 200;

const CASE_SELECT = {
  id: true,
  serviceId: true,
  youth: true,
  closureReason: true,
  stageEvents: { select: { id: true, stage: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  participants: { select: { role: true, dateOfBirth: true, ageBand: true, createdAt: true, updatedAt: true } },
  disposalDue: { where: { reopenedAt: null }, select: { id: true, closureEventId: true, dueOn: true, ruleId: true, ruleReason: true, dobUnknown: true } },
} satisfies Prisma.CaseSelect;
type ClosedCase = Prisma.CaseGetPayload<{ select: typeof CASE_SELECT }>;

/** What one sweep did: cases looked at, newly found due, dropped because reopened, dropped because the rules no longer make them due. */
export type DueSweep = { checked: number; found: number; reopened: number; notDue: number };

/**
 * Evaluates every closed case against its service's rules in force at `now` and records each one
 * that reached its disposal date, once per closure: the row's unique key is the CLOSED stage event,
 * so a second sweep, a restart or two sweeps at once never add a second row (the loser's insert is
 * refused by the key and counts as nothing found). A case reopened since it was found leaves the
 * list (its row is kept, marked reopened); a rule changed so that a case is no longer due removes
 * its row, and one changed so that another rule or date applies updates it.
 */
export async function sweepDisposalDue(client: PrismaClient, now: Date): Promise<DueSweep> {
  const result: DueSweep = { checked: 0, found: 0, reopened: 0, notDue: 0 };
  const rules = new Map<string, RetentionRuleFacts[]>();
  for (const r of await rulesInForce(client)) rules.set(r.serviceId, [...(rules.get(r.serviceId) ?? []), r]);
  const reopened = await client.disposalDue.updateMany({ where: { reopenedAt: null, case: { stage: { not: "CLOSED" } } }, data: { reopenedAt: now } });
  result.reopened += reopened.count;
  let cursor: string | undefined;
  for (;;) {
    const cases = await client.case.findMany({
      // A disposed case stays CLOSED as an anonymised record: there is nothing left to dispose of.
      where: { stage: "CLOSED", disposedAt: null },
      orderBy: { id: "asc" },
      take: CHUNK,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: CASE_SELECT,
    });
    for (const c of cases) await checkCase(client, c, rules.get(c.serviceId) ?? [], now, result);
    result.checked += cases.length;
    if (cases.length < CHUNK) return result;
    cursor = cases.at(-1)!.id;
  }
}

async function checkCase(client: PrismaClient, c: ClosedCase, rules: RetentionRuleFacts[], now: Date, result: DueSweep) {
  const closure = currentClosure(c.stageEvents);
  // Reopened and closed again since it was found: that row was about the earlier closure.
  const stale = c.disposalDue.filter((r) => r.closureEventId !== closure?.id).map((r) => r.id);
  if (stale.length) result.reopened += (await client.disposalDue.updateMany({ where: { id: { in: stale } }, data: { reopenedAt: now } })).count;
  if (!closure) return;
  const people = c.participants.map((p) => ({ ...p, recordedOn: londonDay(p.createdAt), updatedOn: londonDay(p.updatedAt) }));
  const date = disposalDate(rules, { closedAt: closure.createdAt, outcome: c.closureReason, youth: c.youth, people });
  const row = c.disposalDue.find((r) => r.closureEventId === closure.id);
  if (!date || !isDue(date.dueOn, now)) {
    if (row) result.notDue += (await client.disposalDue.deleteMany({ where: { id: row.id } })).count;
    return;
  }
  const found = { dueOn: date.dueOn, ruleId: date.rule.id, ruleReason: date.rule.reason, dobUnknown: date.dobUnknown };
  if (row) {
    const changed = row.dueOn !== found.dueOn || row.ruleId !== found.ruleId || row.ruleReason !== found.ruleReason || row.dobUnknown !== found.dobUnknown;
    if (changed) await client.disposalDue.update({ where: { id: row.id }, data: found, select: { id: true } });
    return;
  }
  try {
    await client.$transaction(async (tx) => {
      await tx.disposalDue.create({ data: { caseId: c.id, closureEventId: closure.id, closedAt: closure.createdAt, foundAt: now, ...found }, select: { id: true } });
      // In the case's own trail, written by Circle itself: nobody asked for it.
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorRole: "SYSTEM",
          action: "retention.due.found",
          target: `case:${c.id}`,
          caseId: c.id,
          details: JSON.stringify({ dueOn: found.dueOn, dobUnknown: found.dobUnknown }),
        },
        select: { id: true },
      });
    });
    result.found += 1;
  } catch (error) {
    // Another sweep recorded this closure first: the key did its job.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

export type DisposalDueRow = {
  caseId: string;
  reference: string;
  closureEventId: string;
  closedAt: string;
  /** London calendar day, "YYYY-MM-DD". */
  dueOn: string;
  ruleId: string;
  ruleReason: string;
  dobUnknown: boolean;
  foundAt: string;
};

/**
 * The service's cases due for disposal review, earliest due first: what a review page needs. A
 * case reopened since it was found is left out at once, before the next sweep marks its row (its
 * newest stage event is no longer the closure that was found).
 */
export async function listDisposalDue(client: Client, serviceId: string): Promise<DisposalDueRow[]> {
  const rows = await client.disposalDue.findMany({
    where: { reopenedAt: null, case: { serviceId, stage: "CLOSED", disposedAt: null } },
    orderBy: [{ dueOn: "asc" }, { closedAt: "asc" }],
    select: {
      caseId: true,
      closureEventId: true,
      closedAt: true,
      dueOn: true,
      ruleId: true,
      ruleReason: true,
      dobUnknown: true,
      foundAt: true,
      case: { select: { reference: true, stageEvents: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true } } } },
    },
  });
  return rows
    .filter((r) => r.case.stageEvents[0]?.id === r.closureEventId)
    .map(({ case: c, closedAt, foundAt, ...r }) => ({ ...r, reference: c.reference, closedAt: closedAt.toISOString(), foundAt: foundAt.toISOString() }));
}

/** The retention page (/admin/retention): the rules in force, their history, and the cases due for review. */
export async function getRetentionPage(serviceId: string) {
  const [rules, due] = await Promise.all([getRetentionRules(serviceId), listDisposalDue(db, serviceId)]);
  return { ...rules, due };
}
