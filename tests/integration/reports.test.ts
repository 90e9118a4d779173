import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { TestClient } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { buildReportService, PERIOD, REPORT_PASSWORD } from "../support/report-service";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The reports through the real server: who may see them, that a supervisor's figures come only
 * from their own cases, that every export is suppressed and audited. The figures themselves are
 * checked one by one in report-figures.test.ts.
 */
const period = `from=${PERIOD.from}&to=${PERIOD.to}`;

/** The cells of one row of one table on the page: the row's label, then each cell's text. */
function pageRow(html: string, table: string, label: string): string[] {
  const start = html.indexOf(`data-table="${table}"`);
  if (start < 0) throw new Error(`no table ${table} on the page`);
  const section = html.slice(start, html.indexOf("</section>", start));
  const row = new RegExp(`<th scope="row">${label}</th>(.*?)</tr>`).exec(section);
  if (!row) throw new Error(`no row "${label}" in ${table}`);
  return [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
}

const auditOf = (actorId: string, action: string) => getDb().auditEvent.findMany({ where: { actorId, action }, orderBy: { createdAt: "asc" } });

describe("reports over HTTP", () => {
  let server: TestServer;
  let fx: Awaited<ReturnType<typeof buildReportService>>;
  let manager: TestClient;
  let supervisor: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    fx = await buildReportService(getDb());
    manager = await new TestClient(server.origin).signIn(fx.manager.email, REPORT_PASSWORD);
    supervisor = await new TestClient(server.origin).signIn(fx.supervisor.email, REPORT_PASSWORD);
  });
  afterAll(async () => {
    await server?.server.close();
  });

  it("gives a supervisor figures from their own cases only, every number shown, and audits the view", async () => {
    const res = await supervisor.get(`/reports?${period}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("The cases you are on the team of.");
    // Seven cases of theirs; the service has thirteen in the period.
    expect(pageRow(html, "cases-by-stage", "Closed")).toEqual(["7"]);
    expect(pageRow(html, "cases-by-stage", "Preparation")).toEqual(["0"]);
    expect(pageRow(html, "referrals-by-month", "Mar 2026")[0]).toBe("1");
    expect(pageRow(html, "referrals-by-month", "Feb 2026")[0]).toBe("0");
    expect(pageRow(html, "cases-by-outcome", "Not proceeding: declined by the person harmed")).toEqual(["0"]);
    const [entry] = await auditOf(fx.supervisor.id, "reports.view");
    expect(JSON.parse(entry!.details)).toMatchObject({ from: PERIOD.from, to: PERIOD.to, scope: "own" });
  });

  it("finds nothing of other teams' cases when a supervisor filters by another facilitator", async () => {
    const html = await (await supervisor.get(`/reports?${period}&facilitator=${fx.facB.id}`)).text();
    expect(html.match(/Nothing to count for this period and these filters/g)?.length).toBe(9);
    expect(html).not.toContain('class="report-table"');
  });

  it("gives the manager the whole service with counts of 1 to 4 suppressed on screen", async () => {
    const html = await (await manager.get(`/reports?${period}`)).text();
    expect(html).toContain("Every case of your service.");
    // The facilitator filter offers those who lead or co-facilitate a case, not the supervisor who only supervises.
    expect(html).toContain(`<option value="${fx.facA.id}">Report faca</option>`);
    expect(html).toContain(`<option value="${fx.facB.id}">Report facb</option>`);
    expect(html).not.toContain(`<option value="${fx.supervisor.id}"`);
    expect(pageRow(html, "cases-by-stage", "Closed")).toEqual(["10"]);
    expect(pageRow(html, "referrals-by-month", "Jan 2026")[0]).toBe("7");
    expect(pageRow(html, "referrals-by-month", "Mar 2026")[0]).toBe("fewer than 5");
    // Judged today, not on 1 July as in report-figures.test.ts: the June referral is overdue by now too (9 of 13).
    expect(pageRow(html, "victims-code", "Offered on time")).toEqual(["9", "69%"]);
    expect(pageRow(html, "victims-code", "Offered late")).toEqual(["fewer than 5", "withheld"]);
    expect(html).toContain("1 of these cases were disposed of");
    // A chart draws the same numbers, with no bar for a suppressed one.
    expect(html).toMatch(/<svg class="bar-chart"[^>]*role="img"/);
  });

  it("suppresses every CSV, even the supervisor's own, and audits each download", async () => {
    const res = await supervisor.get(`/reports/csv/referrals-by-month?${period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toContain(`referrals-by-month-${PERIOD.from}-to-${PERIOD.to}.csv`);
    const csv = await res.text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Month,All referrals,Police,Youth offending team,Probation,Prison,Court,Victim services,Self-referral,Other");
    expect(lines).toContain("Mar 2026,fewer than 5,0,0,0,0,fewer than 5,0,0,0");
    // January's 6 police referrals would give March's hidden total away (the period's 10 referrals
    // less January's 6), so they are withheld too; and February, with none, still shows its zeros.
    expect(lines).toContain("Jan 2026,withheld,withheld,0,0,0,0,0,0,0");
    expect(lines).toContain("Feb 2026,0,0,0,0,0,0,0,0,0");
    expect(csv).not.toMatch(/,[1-4](,|\r)/);
    const [entry] = await auditOf(fx.supervisor.id, "reports.export.csv");
    expect(JSON.parse(entry!.details)).toMatchObject({ table: "referrals-by-month", scope: "own", from: PERIOD.from });
    expect((await supervisor.get(`/reports/csv/no-such-table?${period}`)).status).toBe(404);
  });

  it("writes the quarterly return as a suppressed PDF and audits it", async () => {
    const res = await manager.get(`/reports/quarterly.pdf?quarter=2026-Q1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Restorative justice: quarterly return");
    expect(text).toContain("Referrals received: 10");
    expect(text).toContain("Agreements broken down: fewer than 5");
    // 7 of the 9 persons harmed due by now were told in time; the late and overdue are too few to show.
    expect(text).toContain("Victims' Code: information offered in time: 78%");
    expect(text).toContain("Offered late: People fewer than 5; Share of those due withheld");
    const [entry] = await auditOf(fx.manager.id, "reports.export.pdf");
    expect(JSON.parse(entry!.details)).toMatchObject({ quarter: "2026-Q1", from: "2026-01-01", to: "2026-03-31", scope: "service" });
    expect((await manager.get(`/reports/quarterly.pdf?${period}`)).status).toBe(400);
  });

  it("says what is wrong with a filter and shows no figures", async () => {
    const bad = await manager.get("/reports?from=2026-02-30&to=2026-03-01");
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("That date does not exist");
    expect(html).not.toContain('class="report-table"');
    const backwards = await (await manager.get("/reports?from=2026-03-01&to=2026-02-01")).text();
    expect(backwards).toContain("The end date is before the start date");
    const both = await (await manager.get(`/reports?quarter=2026-Q1&${period}`)).text();
    expect(both).toContain("Choose either a quarter or a start and end date, not both");
    // A facilitator of another service is not one of this service's, whatever their id.
    const elsewhere = await getDb().service.create({ data: { name: "Another service" }, select: { id: true } });
    const stranger = await getDb().user.create({ data: { email: "stranger@reports.test", name: "Stranger", role: "FACILITATOR", serviceId: elsewhere.id }, select: { id: true } });
    const unknown = await manager.get(`/reports?facilitator=${stranger.id}`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Choose a facilitator from the list");
    expect((await manager.get("/reports/csv/cases-by-stage?type=teen")).status).toBe(400);
  });

  it("refuses facilitators and letter authors every report and export, with 404", async () => {
    const facilitator = await new TestClient(server.origin).signIn(fx.facA.email, REPORT_PASSWORD);
    const author = await new TestClient(server.origin).signIn(fx.author.username!, REPORT_PASSWORD);
    for (const client of [facilitator, author]) {
      for (const path of [`/reports?${period}`, `/reports/csv/cases-by-stage?${period}`, "/reports/quarterly.pdf?quarter=2026-Q1"]) {
        expect((await client.get(path)).status, path).toBe(404);
      }
    }
    const shell = await (await facilitator.get("/cases")).text();
    expect(shell).not.toContain('href="/reports"');
    expect(await (await manager.get("/admin")).text()).toContain('href="/reports"');
    expect(await auditOf(fx.facA.id, "reports.view")).toEqual([]);
  });
});
