import { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { can, type Principal } from "~/utils/permissions";
import type { AgreementStatus } from "./agreement-labels";
import { serviceDate } from "./case-record-dates";
import { monthsOf, periodInstants, type ReportFilter } from "./report-period";
import { reportQueryOf } from "./report-schemas";
import { tallyVictimsCode, type FeedbackTally, type Outcome, type ReportData } from "./reports";
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
const stored = (at: Date) => at.toISOString().replace("Z", "+00:00");

/** The cases a report counts, whenever referred: service, scope, facilitator, adult or youth. */
function inScope(serviceId: string, scope: ReportScope, f: ReportFilter): Prisma.Sql {
  const parts = [Prisma.sql`c."serviceId" = ${serviceId}`];
  if (f.type !== "all") parts.push(f.type === "youth" ? Prisma.sql`c."youth" = 1` : Prisma.sql`c."youth" = 0`);
  // The facilitator's cases are those they lead or co-facilitate; supervising one is not facilitating it.
  if (f.facilitator)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "CaseMember" fm WHERE fm."caseId" = c."id" AND fm."userId" = ${f.facilitator} AND fm."role" IN ('LEAD', 'CO_FACILITATOR'))`);
  if (scope.kind === "own") parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "CaseMember" sm WHERE sm."caseId" = c."id" AND sm."userId" = ${scope.userId})`);
  return Prisma.join(parts, " AND ");
}

const n = (v: unknown) => Number(v ?? 0);
const HELD = Prisma.sql`EXISTS (SELECT 1 FROM "Conference" hf WHERE hf."caseId" = c."id" AND hf."status" = 'HELD')`;
const LETTER_SENT = Prisma.sql`EXISTS (SELECT 1 FROM "Letter" sl JOIN "LetterRelease" sr ON sr."letterId" = sl."id" WHERE sl."caseId" = c."id")`;

/** The staff whose cases a report may be narrowed to. */
export async function reportFacilitators(serviceId: string) {
  return db.user.findMany({ where: { serviceId, role: { in: ["FACILITATOR", "SUPERVISOR", "ADMIN"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
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
  const harmed = Prisma.sql`FROM "Participant" p JOIN "Case" c ON c."id" = p."caseId" WHERE ${cohort} AND p."role" = 'PERSON_HARMED' AND p."removedAt" IS NULL`;

  const [referrals, stages, outcomes, people, victims, days, agreements, feedback, disposed] = await Promise.all([
    // Months are the service's (London) months: their bounds are worked out here and joined as a table.
    db.$queryRaw<{ month: string; source: string; n: bigint }[]>`
      WITH m AS (SELECT json_extract(value, '$[0]') AS month, json_extract(value, '$[1]') AS lo, json_extract(value, '$[2]') AS hi FROM json_each(${JSON.stringify(months)}))
      SELECT m.month AS month, c."referrerType" AS source, count(*) AS n FROM m JOIN "Case" c ON c."referredAt" >= m.lo AND c."referredAt" < m.hi
      WHERE ${base} GROUP BY m.month, c."referrerType"`,
    db.$queryRaw<{ stage: string; n: bigint }[]>`SELECT c."stage" AS stage, count(*) AS n FROM "Case" c WHERE ${cohort} GROUP BY c."stage"`,
    // A disposed case's conferences and letters are gone; its disposal summary says whether there were any.
    db.$queryRaw<{ outcome: string; reason: string | null; n: bigint }[]>`
      SELECT outcome, reason, count(*) AS n FROM (
        SELECT CASE
          WHEN ${HELD} OR COALESCE(d."conferenceHeld", 0) = 1 THEN 'CONFERENCE'
          WHEN ${LETTER_SENT} OR COALESCE(d."letterSent", 0) = 1 THEN 'LETTER'
          WHEN c."stage" = 'CLOSED' AND c."closureReason" = 'COMPLETED' THEN 'INDIRECT'
          WHEN c."stage" = 'CLOSED' THEN 'NOT_PROCEEDING'
          ELSE 'OPEN' END AS outcome,
        CASE WHEN c."stage" = 'CLOSED' THEN c."closureReason" END AS reason
        FROM "Case" c LEFT JOIN "CaseDisposal" d ON d."caseId" = c."id" AND d."state" = 'DONE' WHERE ${cohort}
      ) GROUP BY outcome, reason`,
    // Directly: attended a conference that was held. Indirectly: not that, but a letter to them was sent.
    db.$queryRaw<{ people: bigint; offered: bigint | null; direct: bigint | null; indirect: bigint | null }[]>`
      SELECT count(*) AS people, sum(offered) AS offered, sum(direct) AS direct, sum(NOT direct AND letter) AS indirect FROM (
        SELECT p."infoOfferedAt" IS NOT NULL AS offered,
          EXISTS (SELECT 1 FROM "ConferenceAttendee" a JOIN "Conference" af ON af."id" = a."conferenceId" WHERE a."participantId" = p."id" AND af."status" = 'HELD') AS direct,
          EXISTS (SELECT 1 FROM "Letter" rl JOIN "LetterRelease" rr ON rr."letterId" = rl."id" WHERE rl."recipientId" = p."id") AS letter
        ${harmed})`,
    db.$queryRaw<{ referredAt: string | Date; enhancedRights: unknown; infoOfferedAt: string | Date | null; notInvited: unknown; n: bigint }[]>`
      SELECT c."referredAt" AS referredAt, p."enhancedRights" AS enhancedRights, p."infoOfferedAt" AS infoOfferedAt, p."notInvitedReason" IS NOT NULL AS notInvited, count(*) AS n
      ${harmed} GROUP BY 1, 2, 3, 4`,
    // Calendar days between the UTC dates: a referral is dated the end of its day in London and a
    // conference sits in working hours, so both fall on their London date.
    db.$queryRaw<{ days: bigint; n: bigint }[]>`
      SELECT max(0, CAST(julianday(date(first)) - julianday(date(referredAt)) AS INTEGER)) AS days, count(*) AS n FROM (
        SELECT c."referredAt" AS referredAt, (SELECT min(f."scheduledAt") FROM "Conference" f WHERE f."caseId" = c."id" AND f."status" = 'HELD') AS first
        FROM "Case" c WHERE ${cohort}
      ) WHERE first IS NOT NULL GROUP BY 1`,
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
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Case" c WHERE ${cohort} AND c."disposedAt" IS NOT NULL`,
  ]);

  const person = people[0];
  return {
    months: months.map((m) => m[0]!),
    referrals: referrals.map((r) => ({ month: r.month, source: r.source as ReferrerType, n: n(r.n) })),
    stages: stages.map((r) => ({ stage: r.stage as Stage, n: n(r.n) })),
    outcomes: outcomes.map((r) => ({ outcome: r.outcome as Outcome, reason: (r.reason ?? null) as ClosureReason | null, n: n(r.n) })),
    harmed: { people: n(person?.people), offered: n(person?.offered), direct: n(person?.direct), indirect: n(person?.indirect) },
    victimsCode: tallyVictimsCode(
      victims.map((v) => ({
        referredAt: new Date(v.referredAt),
        enhancedRights: n(v.enhancedRights) === 1 || v.enhancedRights === true,
        infoOfferedAt: v.infoOfferedAt === null ? null : new Date(v.infoOfferedAt),
        notInvited: n(v.notInvited) === 1 || v.notInvited === true,
        n: n(v.n),
      })),
      now,
    ),
    daysToConference: days.map((d) => ({ days: n(d.days), n: n(d.n) })),
    agreements: agreements.map((a) => ({ status: a.status as AgreementStatus, n: n(a.n) })),
    feedback: feedback.map((r) => {
      const tally = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "role" ? v : n(v)]));
      return tally as unknown as FeedbackTally & { role: ParticipantRole };
    }),
    disposed: n(disposed[0]?.n),
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
