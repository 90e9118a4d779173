import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportSection } from "~/components/reports/report-section";
import { serviceDate } from "~/models/case-record-dates";
import { SUPPRESSED } from "~/models/report-cells";
import { CASE_TYPE_LABELS, previousQuarter, recentQuarters, reportParams } from "~/models/report-period";
import { reportTables, showTables } from "~/models/report-tables";
import { loadReport, reportAuditDetails, suppressedOnScreen } from "~/models/reports.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";
import { can } from "~/utils/permissions";

import reportStyles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction = () => [{ title: "Reports · Circle" }];

/**
 * The reports (docs/architecture.md §2, "Reports"): the manager's for the whole service, a
 * supervisor's for the cases they are on the team of; anyone else gets 404. Every view is audited
 * with its period and filters.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireServiceUser(request, context, "reports:view");
  const now = new Date();
  const today = serviceDate(now);
  const report = await loadReport(user, new URL(request.url), now);
  const page = {
    quarters: recentQuarters(today, 8),
    facilitators: report.facilitators,
    canExport: can(user, "reports:export", { kind: "service", serviceId: user.serviceId }),
  };
  if (!report.ok) {
    const values = { from: "", to: "", quarter: "", facilitator: "", type: "all", ...report.raw };
    return json({ ...page, ok: false as const, errors: report.errors, values }, { status: 400 });
  }
  const suppress = suppressedOnScreen(report.scope);
  await auditRequest(context, { actor: user, action: "reports.view", target: "reports", details: reportAuditDetails(report.filter, report.scope) });
  const params = reportParams(report.filter);
  const quarterly = new URLSearchParams(params);
  for (const key of ["from", "to"]) quarterly.delete(key);
  quarterly.set("quarter", report.filter.quarter || previousQuarter(today));
  return json({
    ...page,
    ok: true as const,
    errors: {},
    values: report.filter,
    tables: showTables(reportTables(report.data), suppress),
    suppress,
    wholeService: report.scope.kind === "service",
    disposed: report.data.disposed,
    exportQuery: params.toString(),
    quarterlyQuery: quarterly.toString(),
    quarter: quarterly.get("quarter")!,
  });
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const facilitator = data.facilitators.find((f) => f.id === data.values.facilitator)?.name;
  return (
    <main className="page" id="main">
      <h1>Reports</h1>
      <p className="hint">
        {data.ok && data.wholeService ? "Every case of your service." : "The cases you are on the team of."} Cases count in the period their referral was received; feedback counts
        on the day it was given.
      </p>
      <p className="suppression-rule">
        <strong>Small numbers:</strong> so that nobody can be recognised from a figure, any count from 1 to 4 is shown as “{SUPPRESSED}”, and a rate, average or median resting on
        one is withheld; where a total and the counts beside it would give a hidden count away, the next smallest count is withheld too. This applies to every download, and on this
        page whenever it counts cases you are not on the team of.
      </p>
      <ReportFilters values={data.values} errors={data.errors} quarters={data.quarters} facilitators={data.facilitators} />
      {!data.ok ? (
        <div className="alert error" role="alert">
          These filters could not be used: correct the fields marked above.
        </div>
      ) : (
        <>
          <p role="status">
            From {formatDay(data.values.from)} to {formatDay(data.values.to)}; {CASE_TYPE_LABELS[data.values.type].toLowerCase()}
            {facilitator ? `; cases ${facilitator} leads or co-facilitates` : ""}.
            {data.disposed > 0
              ? ` ${data.disposed} of these cases were disposed of: they count in referrals, stages and outcomes, not in the figures about people, conferences, agreements or feedback.`
              : ""}
          </p>
          {data.canExport ? (
            <p className="report-exports">
              <a className="tap" href={`/reports/quarterly.pdf?${data.quarterlyQuery}`} download>
                Download the quarterly return for {data.quarter.replace("-", " ")} (PDF)
              </a>
            </p>
          ) : null}
          {data.tables.map((t) => (
            <ReportSection key={t.id} table={t} csvHref={data.canExport ? `/reports/csv/${t.id}?${data.exportQuery}` : null} />
          ))}
        </>
      )}
    </main>
  );
}
