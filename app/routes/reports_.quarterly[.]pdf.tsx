import type { LoaderFunctionArgs } from "@remix-run/node";
import { quarterlyReturn } from "~/models/report-quarterly.server";
import { loadReport, reportAuditDetails } from "~/models/reports.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { pdfResponse, renderPdf } from "~/utils/pdf.server";

const plain = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The quarterly return for a commissioner: the headline figures and every table for one quarter,
 * with small numbers suppressed (it leaves the case team by design). For whoever may export reports
 * (the manager for the service, a supervisor for their cases); audited as an export.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireServiceUser(request, context, "reports:export");
  const report = await loadReport(user, new URL(request.url), new Date());
  if (!report.ok) return plain(`Nothing was exported: ${Object.values(report.errors).join("; ")}.`, 400);
  if (!report.filter.quarter) return plain("Nothing was exported: choose a quarter, like 2026-Q3, for the quarterly return.", 400);
  const facilitator = report.facilitators.find((f) => f.id === report.filter.facilitator)?.name ?? null;
  const bytes = await renderPdf(await quarterlyReturn(user.serviceId, report.filter, report.data, facilitator));
  await auditRequest(context, { actor: user, action: "reports.export.pdf", target: "reports", details: reportAuditDetails(report.filter, report.scope) });
  return pdfResponse(bytes, `quarterly-return-${report.filter.quarter}.pdf`);
}
