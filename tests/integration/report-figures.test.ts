import { beforeAll, describe, expect, it } from "vitest";
import { victimsCodeStatus } from "~/models/gates";
import type { ReportFilter } from "~/models/report-period";
import { reportTables, showTables, type ShownTable } from "~/models/report-tables";
import type { ReportData } from "~/models/reports";
import { getReportData, type ReportScope } from "~/models/reports.server";
import { getDb } from "~/utils/db.server";
import { buildReportService, NOW, PERIOD } from "../support/report-service";

/**
 * Every figure of the reports on the fixture service (tests/support/report-service.ts), against
 * the answers worked out by hand there: the real queries on a real SQLite file, then the pure
 * tables, suppressed as the manager's screen and every export are.
 */
const filter = (more: Partial<ReportFilter> = {}): ReportFilter => ({ ...PERIOD, quarter: "", facilitator: "", type: "all", ...more });
const row = (t: ShownTable, label: string) => {
  const found = t.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row "${label}" in ${t.id}`);
  return found.cells.map((c) => c.text);
};
const table = (tables: ShownTable[], id: string) => tables.find((t) => t.id === id)!;

describe("report figures on a service with known answers", () => {
  let fx: Awaited<ReturnType<typeof buildReportService>>;
  let service: ReportData;
  let own: ReportData;
  const manager: ReportScope = { kind: "service" };

  beforeAll(async () => {
    fx = await buildReportService(getDb());
    service = await getReportData(fx.service.id, manager, filter(), NOW);
    own = await getReportData(fx.service.id, { kind: "own", userId: fx.supervisor.id }, filter(), NOW);
  });

  it("counts referrals by London month and source, the disposed case included, nothing outside the period or the service", () => {
    const byMonth = Object.fromEntries(service.months.map((m) => [m, service.referrals.filter((r) => r.month === m).reduce((s, r) => s + r.n, 0)]));
    expect(byMonth).toEqual({ "2026-01": 7, "2026-02": 2, "2026-03": 1, "2026-04": 2, "2026-05": 0, "2026-06": 1 });
    expect(service.referrals.find((r) => r.month === "2026-01" && r.source === "POLICE")?.n).toBe(7);
    expect(
      service.referrals
        .filter((r) => r.month === "2026-04")
        .map((r) => r.source)
        .sort(),
    ).toEqual(["SELF", "VICTIM_SERVICES"]);
  });

  it("counts cases by stage and by outcome: a completed case as recorded (the disposed one from its summary), any other by a conference, a letter, or not proceeding with its reason", () => {
    expect(Object.fromEntries(service.stages.map((s) => [s.stage, s.n]))).toEqual({ CLOSED: 10, PREPARATION: 1, ASSESSMENT: 1, REFERRAL: 1 });
    const outcome = (o: string, reason?: string) => service.outcomes.filter((x) => x.outcome === o && (reason === undefined || x.reason === reason)).reduce((s, x) => s + x.n, 0);
    // Six conferences held, and the disposed case's, known from its disposal summary.
    expect(outcome("CONFERENCE")).toBe(7);
    expect(outcome("LETTER")).toBe(1);
    expect(outcome("INDIRECT")).toBe(1);
    expect(outcome("NOT_PROCEEDING", "DECLINED_BY_HARMED")).toBe(1);
    expect(outcome("OPEN")).toBe(3);
    expect(service.disposed).toBe(1);
  });

  it("counts persons harmed offered restorative justice, taking part, directly and indirectly, leaving out the removed", () => {
    expect(service.harmed).toEqual({ people: 14, offered: 11, direct: 6, indirect: 1 });
  });

  it("judges the Victims' Code in working days across the Easter bank holidays", () => {
    // On time: six police, the letter case's, and the Easter case's two told by Monday 13 April (5
    // working days) and Tuesday 7 April (1 working day, enhanced rights). Late: the youth case's
    // (due Tuesday 17 February, told on the 20th) and the Easter enhanced one told on Wednesday 8 April.
    expect(service.victimsCode).toEqual({ onTime: 9, late: 2, overdue: 1, notYetDue: 1, notInvited: 1 });
  });

  it("classifies every person harmed exactly as the case screen's victimsCodeStatus does", async () => {
    const people = await getDb().participant.findMany({
      where: {
        role: "PERSON_HARMED",
        removedAt: null,
        case: { serviceId: fx.service.id, referredAt: { gte: new Date("2026-01-01T00:00:00Z"), lt: new Date("2026-07-01T00:00:00+01:00") } },
      },
      select: { enhancedRights: true, infoOfferedAt: true, notInvitedReason: true, case: { select: { referredAt: true } } },
    });
    const tally = { onTime: 0, late: 0, overdue: 0, notYetDue: 0, notInvited: 0 };
    for (const p of people) {
      const status = victimsCodeStatus(p.case.referredAt, p, NOW);
      if (status.state === "offered") tally[status.onTime ? "onTime" : "late"]++;
      else tally[status.state === "not_invited" ? "notInvited" : status.state === "overdue" ? "overdue" : "notYetDue"]++;
    }
    expect(service.victimsCode).toEqual(tally);
  });

  it("measures days from referral to the first conference held, with the median", () => {
    expect(service.daysToConference.sort((a, b) => a.days - b.days)).toEqual([
      { days: 30, n: 3 },
      { days: 45, n: 3 },
    ]);
    const days = table(showTables(reportTables(service), false), "days-to-conference");
    expect(row(days, "Up to 30 days")).toEqual(["3"]);
    expect(row(days, "31 to 60 days")).toEqual(["3"]);
    expect(row(days, "Median days")).toEqual(["30"]);
  });

  it("counts agreements completed, broken down and outstanding, not drafts", () => {
    expect(Object.fromEntries(service.agreements.map((a) => [a.status, a.n]))).toEqual({ COMPLETED: 3, BROKEN_DOWN: 1, APPROVED: 1 });
  });

  it("tallies satisfaction by role from feedback given in the period", () => {
    const harmed = service.feedback.find((f) => f.role === "PERSON_HARMED")!;
    expect(harmed).toMatchObject({ records: 6, declined: 1, scored: 5, scoreSum: 21, satisfied: 4, safeYes: 4, safeAnswered: 5 });
    const responsible = service.feedback.find((f) => f.role === "PERSON_RESPONSIBLE")!;
    expect(responsible).toMatchObject({ records: 2, declined: 0, scored: 2, scoreSum: 6, satisfied: 1 });
  });

  it("shows the manager counts of 1 to 4 as 'fewer than 5' and withholds the rates and averages resting on them", () => {
    const tables = showTables(reportTables(service), true);
    const months = table(tables, "referrals-by-month");
    expect(row(months, "Jan 2026")[0]).toBe("7");
    expect(row(months, "Feb 2026")[0]).toBe("fewer than 5");
    expect(row(months, "May 2026")[0]).toBe("0");
    const harmed = table(tables, "persons-harmed");
    expect(row(harmed, "Took part")).toEqual(["7", "64%"]);
    expect(row(harmed, "Took part indirectly (letters or messages)")).toEqual(["fewer than 5", "withheld"]);
    const code = table(tables, "victims-code");
    expect(row(code, "Offered on time")).toEqual(["9", "75%"]);
    expect(row(code, "Offered late")).toEqual(["fewer than 5", "withheld"]);
    const satisfaction = table(tables, "satisfaction");
    // Five scores average 4.2; "4 of 5 satisfied" rests on a count of 4, so it is withheld.
    expect(row(satisfaction, "Person harmed")).toEqual(["6", "fewer than 5", "4.2", "withheld", "withheld", "–", "–", "–"]);
    expect(row(satisfaction, "Person responsible").slice(0, 4)).toEqual(["fewer than 5", "0", "withheld", "withheld"]);
    // The chart draws nothing for a suppressed number.
    expect(months.rows.find((r) => r.label === "Feb 2026")!.cells[0]!.value).toBeNull();
  });

  it("gives a supervisor only the cases they are on the team of, every number shown", () => {
    expect(own.referrals.reduce((s, r) => s + r.n, 0)).toBe(7);
    expect(Object.fromEntries(own.stages.map((s) => [s.stage, s.n]))).toEqual({ CLOSED: 7 });
    expect(own.harmed).toEqual({ people: 7, offered: 7, direct: 6, indirect: 1 });
    expect(own.victimsCode).toEqual({ onTime: 7, late: 0, overdue: 0, notYetDue: 0, notInvited: 0 });
    // The disposed case has no team left, so it is nobody's own.
    expect(own.disposed).toBe(0);
    const tables = showTables(reportTables(own), false);
    expect(row(table(tables, "referrals-by-month"), "Mar 2026")[0]).toBe("1");
    expect(row(table(tables, "satisfaction"), "Person responsible").slice(0, 4)).toEqual(["2", "0", "3.0", "50%"]);
  });

  it("narrows to one facilitator's cases and to youth cases", async () => {
    const facB = await getReportData(fx.service.id, manager, filter({ facilitator: fx.facB.id }), NOW);
    expect(Object.fromEntries(facB.referrals.filter((r) => r.n > 0).map((r) => [`${r.month} ${r.source}`, r.n]))).toEqual({
      "2026-02 YOUTH_OFFENDING_TEAM": 2,
      "2026-04 SELF": 1,
      "2026-06 OTHER": 1,
    });
    const youth = await getReportData(fx.service.id, manager, filter({ type: "youth" }), NOW);
    expect(Object.fromEntries(youth.stages.map((s) => [s.stage, s.n]))).toEqual({ CLOSED: 1, PREPARATION: 1 });
    expect(youth.victimsCode).toEqual({ onTime: 0, late: 1, overdue: 1, notYetDue: 0, notInvited: 0 });
    const adult = await getReportData(fx.service.id, manager, filter({ type: "adult" }), NOW);
    expect(adult.stages.reduce((s, x) => s + x.n, 0)).toBe(11);
  });

  it("counts a period with nothing in it as empty tables", async () => {
    const empty = await getReportData(fx.service.id, manager, filter({ from: "2025-03-01", to: "2025-03-31" }), NOW);
    const tables = showTables(reportTables(empty), true);
    expect(tables.every((t) => !t.hasData)).toBe(true);
  });
});
