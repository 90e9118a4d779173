import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvRowsOf, reportTables, showTables, TABLE_IDS, type TableId } from "~/models/report-tables";
import { loadReport, reportAuditDetails } from "~/models/reports.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireServiceUser } from "~/utils/auth.server";
import { toCsv } from "~/utils/csv";

/**
 * One table of the reports as CSV, with the page's filters, for whoever may export reports. Always
 * suppressed, whoever downloads it: a file leaves the case team (app/models/report-cells.ts).
 * Audited as an export, with the table, the period and the filters.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireServiceUser(request, context, "reports:export");
  const id = TABLE_IDS.find((t) => t === params.table) as TableId | undefined;
  if (!id) throw notFound();
  const report = await loadReport(user, new URL(request.url), new Date());
  if (!report.ok) {
    const problems = Object.entries(report.errors)
      .map(([field, message]) => `${field}: ${message}`)
      .join("; ");
    return new Response(`Nothing was exported: these filters could not be used (${problems}).`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const table = showTables(reportTables(report.data), true).find((t) => t.id === id)!;
  await auditRequest(context, { actor: user, action: "reports.export.csv", target: "reports", details: { table: id, ...reportAuditDetails(report.filter, report.scope) } });
  return new Response(toCsv(csvRowsOf(table)), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${id}-${report.filter.from}-to-${report.filter.to}.csv"` },
  });
}
