import { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { can, type Principal } from "~/utils/permissions";
import type { AgreementStatus } from "./agreement-labels";
import { serviceDate } from "./case-record-dates";
import { monthsOf, periodInstants, type ReportFilter } from "./report-period";
import { reportQueryOf } from "./report-schemas";
import { storedDate, victimsCodeDeadlines, type FeedbackTally, type Outcome, type ReportData } from "./reports";
import type { ReferrerType } from "~/utils/referral";
import type { ClosureReason, ParticipantRole } from "~/utils/preparation";
import type { Stage } from "~/utils/roles";

export { reportQueryOf };

/**
 * The reports' queries (docs/architecture.md §2, "Reports"). Each figure is one aggregate SQL
 * statement over the cases in scope, grouped in SQLite, so a service of 10,000 cases sends back
 * tens of rows, not 10,000 (bench/reports.ts measures it); every value is a bound parameter.
 *
 * Scope: the manager (`reports:whole-service`) counts every case of the service; a supervisor
 * counts only the cases they are on the team of, which is also why their screen is not suppressed.
 */
export type ReportScope = { kind: "service" } | { kind: "own"; userId: string };

export function reportScopeOf(user: Principal): ReportScope {
  return can(user, "reports:whole-service", { kind: "service", serviceId: user.serviceId }) ? { kind: "service" } : { kind: "own", userId: user.id };
}

/** On screen, numbers are suppressed unless the viewer is on the team of every case counted. */
export const suppressedOnScreen = (scope: ReportScope) => scope.kind === "service";

/** Dates are stored as Prisma writes them (ISO 8601, UTC, "+00:00"), so bounds compare as text. */
const stored = storedDate;

/** The cases a report counts, whenever referred: service, scope, facilitator, adult or youth. */
function inScope(serviceId: string, scope: ReportScope, f: ReportFilter): Prisma.Sql {
  const parts = [Prisma.sql`c."serviceId" = ${serviceId}`];
  if (f.type !== "all") parts.push(f.type === "youth" ? Prisma.sql`c."youth" = 1` : Prisma.sql`c."youth" = 0`);
  // The facilitator's cases are those they lead or co-facilitate; supervising one is not facilitating it.
  if (f.facilitator) parts.push(Prisma.sql`c."id" IN (SELECT fm."caseId" FROM "CaseMember" fm WHERE fm."userId" = ${f.facilitator} AND fm."role" IN ('LEAD', 'CO_FACILITATOR'))`);
  // IN rather than EXISTS: SQLite reads the person's few memberships once (CaseMember by userId)
  // instead of asking about each of the service's cases in turn.
  if (scope.kind === "own") parts.push(Prisma.sql`c."id" IN (SELECT sm."caseId" FROM "CaseMember" sm WHERE sm."userId" = ${scope.userId})`);
  return Prisma.join(parts, " AND ");
}

const n = (v: unknown) => Number(v ?? 0);

/** The case pass's groups folded into stages, outcomes, days to conference and disposed cases. */
function caseFigures(rows: { stage: string; outcome: string; reason: string | null; disposed: unknown; days: bigint | null; n: bigint }[]) {
  const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);
  const stages = new Map<Stage, number>();
  const outcomes = new Map<string, number>();
  const days = new Map<number, number>();
  let disposed = 0;
  for (const r of rows) {
    add(stages, r.stage as Stage, n(r.n));
    add(outcomes, `${r.outcome} ${r.reason ?? ""}`, n(r.n));
    if (r.days !== null) add(days, n(r.days), n(r.n));
    if (n(r.disposed) === 1 || r.disposed === true) disposed += n(r.n);
  }
  return {
    stages: [...stages].map(([stage, count]) => ({ stage, n: count })),
    outcomes: [...outcomes].map(([key, count]) => {
      const [outcome, reason] = key.split(" ");
      return { outcome: outcome as Outcome, reason: (reason || null) as ClosureReason | null, n: count };
    }),
    daysToConference: [...days].map(([d, count]) => ({ days: d, n: count })),
    disposed,
  };
}

/**
 * Persons harmed on the cohort's cases (not removed), in one pass: how many were offered
 * information, took part directly (attended a conference that was held) or indirectly (not that,
 * but a letter to or from them was released, or a message to or from them was delivered), and where each stands with the Victims' Code. The deadlines are
 * worked out per referral instant in code (victimsCodeDeadlines), joined in as a table, and each
 * person classified as victimsCodeStatus does: offered by the deadline or late; else deliberately
 * not invited; else overdue once the deadline has passed at `now`, or not yet due. The table drives
 * the join (CROSS JOIN keeps it outermost) so each referral finds its cases through the index.
 */
async function personsHarmed(cohort: Prisma.Sql, now: Date): Promise<Pick<ReportData, "harmed" | "victimsCode">> {
  const referrals = await db.$queryRaw<{ r: string }[]>`SELECT DISTINCT CAST(c."referredAt" AS TEXT) AS r FROM "Case" c WHERE ${cohort}`;
  const due = JSON.stringify(victimsCodeDeadlines(referrals.map((x) => x.r)));
  const at = stored(now);
  const [row] = await db.$queryRaw<Record<string, bigint | null>[]>`
    WITH due AS (SELECT json_extract(value, '$[0]') AS referredAt, json_extract(value, '$[1]') AS standard, json_extract(value, '$[2]') AS enhanced FROM json_each(${due})),
    -- Materialized: flattened into the sums, each person's conference lookup would run once per sum naming it.
    person AS MATERIALIZED (
      SELECT p."infoOfferedAt" IS NOT NULL AS offered, p."infoOfferedAt" AS offeredAt, p."notInvitedReason" IS NOT NULL AS notInvited,
        CASE WHEN p."enhancedRights" THEN due.enhanced ELSE due.standard END AS dueAt,
        EXISTS (SELECT 1 FROM "ConferenceAttendee" a JOIN "Conference" af ON af."id" = a."conferenceId" WHERE a."participantId" = p."id" AND af."status" = 'HELD') AS direct,
        (EXISTS (SELECT 1 FROM "Letter" rl JOIN "LetterRelease" rr ON rr."letterId" = rl."id" WHERE rl."recipientId" = p."id")
          OR EXISTS (SELECT 1 FROM "Letter" wl JOIN "LetterRelease" wr ON wr."letterId" = wl."id" WHERE wl."writerId" = p."id")
          OR EXISTS (SELECT 1 FROM "ExchangeMessage" mt WHERE mt."toId" = p."id" AND mt."status" = 'DELIVERED')
          OR EXISTS (SELECT 1 FROM "ExchangeMessage" mf WHERE mf."fromId" = p."id" AND mf."status" = 'DELIVERED')) AS indirectly
      FROM due CROSS JOIN "Case" c ON c."referredAt" = due.referredAt CROSS JOIN "Participant" p ON p."caseId" = c."id"
      WHERE ${cohort} AND p."role" = 'PERSON_HARMED' AND p."removedAt" IS NULL
    )
    SELECT count(*) AS people, sum(offered) AS offered, sum(direct) AS direct, sum(NOT direct AND indirectly) AS indirect,
      sum(offered AND offeredAt <= dueAt) AS onTime, sum(offered AND offeredAt > dueAt) AS late, sum(NOT offered AND notInvited) AS notInvited,
      sum(NOT offered AND NOT notInvited AND ${at} > dueAt) AS overdue, sum(NOT offered AND NOT notInvited AND ${at} <= dueAt) AS notYetDue
    FROM person`;
  return {
    harmed: { people: n(row?.people), offered: n(row?.offered), direct: n(row?.direct), indirect: n(row?.indirect) },
    victimsCode: { onTime: n(row?.onTime), late: n(row?.late), overdue: n(row?.overdue), notYetDue: n(row?.notYetDue), notInvited: n(row?.notInvited) },
  };
}

/**
 * The staff whose cases a report may be narrowed to: whoever leads or co-facilitates a case of the
 * service (a supervisor or the manager may too), disabled accounts included, since their cases stay.
 */
export async function reportFacilitators(serviceId: string) {
  return db.user.findMany({
    where: { serviceId, role: { not: "LETTER_AUTHOR" }, memberships: { some: { role: { in: ["LEAD", "CO_FACILITATOR"] } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Every aggregate of the report for the filter, read at `now` (the Victims' Code deadlines still running). */
export async function getReportData(serviceId: string, scope: ReportScope, f: ReportFilter, now: Date): Promise<ReportData> {
  const base = inScope(serviceId, scope, f);
  const { start, end } = periodInstants(f.from, f.to);
  const cohort = Prisma.sql`${base} AND c."referredAt" >= ${stored(start)} AND c."referredAt" < ${stored(end)}`;
  const months = monthsOf(f.from, f.to).map((m) => {
    const bounds = periodInstants(m.from, m.to);
    return [m.month, stored(bounds.start), stored(bounds.end)];
  });

  const [referrals, harmed, cases, agreements, feedback] = await Promise.all([
    // Months are the service's (London) months: their bounds are worked out here and joined as a table.
    db.$queryRaw<{ month: string; source: string; n: bigint }[]>`
      WITH m AS (SELECT json_extract(value, '$[0]') AS month, json_extract(value, '$[1]') AS lo, json_extract(value, '$[2]') AS hi FROM json_each(${JSON.stringify(months)}))
      SELECT m.month AS month, c."referrerType" AS source, count(*) AS n FROM m JOIN "Case" c ON c."referredAt" >= m.lo AND c."referredAt" < m.hi
      WHERE ${base} GROUP BY m.month, c."referrerType"`,
    personsHarmed(cohort, now),
    // One pass over the cases: stage, outcome, whether disposed, and the calendar days from referral to
    // the first conference held (between UTC dates: a referral is dated the end of its day in London
    // and a conference sits in working hours, so both fall on their London date). A disposed case's
    // conferences and letters are gone; its disposal summary says whether there were any, and how it
    // was completed (the case row keeps that too).
    db.$queryRaw<{ stage: string; outcome: string; reason: string | null; disposed: unknown; days: bigint | null; n: bigint }[]>`
      WITH k AS MATERIALIZED (
        SELECT c."id" AS id, c."stage" AS stage, c."closureReason" AS closureReason, c."referredAt" AS referredAt, c."disposedAt" IS NOT NULL AS disposed,
          COALESCE(c."completedBy", d."completedBy") AS completedBy, d."conferenceHeld" AS disposedHeld, d."letterSent" AS disposedLetter,
          (SELECT min(f."scheduledAt") FROM "Conference" f WHERE f."caseId" = c."id" AND f."status" = 'HELD') AS firstHeld
        FROM "Case" c LEFT JOIN "CaseDisposal" d ON d."caseId" = c."id" AND d."state" = 'DONE' WHERE ${cohort}
      )
      SELECT stage, outcome, reason, disposed, days, count(*) AS n FROM (
        SELECT k.stage AS stage, k.disposed AS disposed,
          CASE
            -- A completed case counts as the facilitator recorded it was completed.
            WHEN k.stage = 'CLOSED' AND k.closureReason = 'COMPLETED' AND k.completedBy = 'CONFERENCE' THEN 'CONFERENCE'
            WHEN k.stage = 'CLOSED' AND k.closureReason = 'COMPLETED' AND k.completedBy = 'LETTERS' THEN 'LETTER'
            WHEN k.stage = 'CLOSED' AND k.closureReason = 'COMPLETED' AND k.completedBy = 'INDIRECT_MESSAGES' THEN 'INDIRECT'
            -- Any other case by what happened on it: a conference held, else a letter sent.
            WHEN k.firstHeld IS NOT NULL OR COALESCE(k.disposedHeld, 0) = 1 THEN 'CONFERENCE'
            WHEN EXISTS (SELECT 1 FROM "Letter" sl JOIN "LetterRelease" sr ON sr."letterId" = sl."id" WHERE sl."caseId" = k.id) OR COALESCE(k.disposedLetter, 0) = 1 THEN 'LETTER'
            -- Completed with no recorded way: closed before Circle asked how. Migration 20261210000900
            -- recorded it for every such case from what it held, so none should be left; if one is,
            -- the old inference stands: completed with neither a conference nor a letter is indirect.
            WHEN k.stage = 'CLOSED' AND k.closureReason = 'COMPLETED' THEN 'INDIRECT'
            WHEN k.stage = 'CLOSED' THEN 'NOT_PROCEEDING'
            ELSE 'OPEN' END AS outcome,
          CASE WHEN k.stage = 'CLOSED' THEN k.closureReason END AS reason,
          CASE WHEN k.firstHeld IS NOT NULL THEN max(0, CAST(julianday(date(k.firstHeld)) - julianday(date(k.referredAt)) AS INTEGER)) END AS days
        FROM k
      ) GROUP BY stage, outcome, reason, disposed, days`,
    db.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT a."status" AS status, count(*) AS n FROM "Agreement" a JOIN "Case" c ON c."id" = a."caseId"
      WHERE ${cohort} AND a."status" IN ('APPROVED', 'COMPLETED', 'BROKEN_DOWN') GROUP BY a."status"`,
    db.$queryRaw<Record<string, bigint | string | null>[]>`
      SELECT f."role" AS role, count(*) AS records, sum(f."declined") AS declined, count(f."satisfaction") AS scored, sum(f."satisfaction") AS scoreSum,
        sum(f."satisfaction" >= 4) AS satisfied,
        sum(f."feltSafe" = 1) AS safeYes, count(f."feltSafe") AS safeAnswered, sum(f."feltHeard" = 1) AS heardYes, count(f."feltHeard") AS heardAnswered,
        sum(f."feltPrepared" = 1) AS preparedYes, count(f."feltPrepared") AS preparedAnswered, sum(f."wouldRecommend" = 1) AS recommendYes, count(f."wouldRecommend") AS recommendAnswered
      FROM "ParticipantFeedback" f JOIN "Case" c ON c."id" = f."caseId"
      WHERE ${base} AND f."givenOn" >= ${f.from} AND f."givenOn" <= ${f.to} GROUP BY f."role"`,
  ]);

  return {
    months: months.map((m) => m[0]!),
    referrals: referrals.map((r) => ({ month: r.month, source: r.source as ReferrerType, n: n(r.n) })),
    ...caseFigures(cases),
    ...harmed,
    agreements: agreements.map((a) => ({ status: a.status as AgreementStatus, n: n(a.n) })),
    feedback: feedback.map((r) => {
      const tally = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "role" ? v : n(v)]));
      return tally as unknown as FeedbackTally & { role: ParticipantRole };
    }),
  };
}

export type LoadedReport =
  | { ok: true; filter: ReportFilter; scope: ReportScope; data: ReportData; facilitators: { id: string; name: string }[] }
  | { ok: false; errors: Partial<Record<string, string>>; raw: Record<string, string>; facilitators: { id: string; name: string }[] };

/** The page's and the exports' one way in: the filters from the address, checked, then the figures. */
export async function loadReport(user: Principal, url: URL, now: Date): Promise<LoadedReport> {
  const facilitators = await reportFacilitators(user.serviceId);
  const query = reportQueryOf(url, serviceDate(now));
  if (!query.ok) return { ok: false, errors: query.errors, raw: query.raw, facilitators };
  if (query.value.facilitator && !facilitators.some((s) => s.id === query.value.facilitator))
    return { ok: false, errors: { facilitator: "Choose a facilitator from the list" }, raw: query.raw, facilitators };
  const scope = reportScopeOf(user);
  return { ok: true, filter: query.value, scope, data: await getReportData(user.serviceId, scope, query.value, now), facilitators };
}

/** What an audit entry says of a report: the period, the scope and the filters, never a figure. */
export const reportAuditDetails = (filter: ReportFilter, scope: ReportScope) => ({
  from: filter.from,
  to: filter.to,
  quarter: filter.quarter,
  scope: scope.kind,
  caseType: filter.type,
  facilitator: filter.facilitator,
});
