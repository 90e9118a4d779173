import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditFilterQueryOf, describeFilter, getCaseAuditChoices, getCaseAuditRows } from "~/models/audit-trail.server";
import { requireCaseAuditTrail } from "~/models/case-access.server";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { toCsv } from "~/utils/csv";
import { formatDateTime, toZonedInput } from "~/utils/format";

const HEADER = ["When (UTC)", "When (service time)", "Who", "Role", "Action", "Action code", "What changed", "Target", "From address"];

/**
 * The case audit trail as CSV, with the page's filters (every matching entry, not one page), for
 * whoever may read the trail (the service manager). The export is itself audited. The raw details
 * are not exported: "What changed" says what they mean without the free text they can hold, which
 * is case content (README, Decisions 2026-11-25: admins do not read case content).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireUser(request, context);
  const found = await requireCaseAuditTrail(admin, params.caseId);
  const query = auditFilterQueryOf(new URL(request.url));
  if (!query.ok) {
    const problems = Object.entries(query.errors)
      .map(([field, message]) => `${field}: ${message}`)
      .join("; ");
    return new Response(`Nothing was exported: these filters could not be used (${problems}).`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const [rows, choices] = await Promise.all([getCaseAuditRows(found.id, query.value), getCaseAuditChoices(found.id)]);
  const csv = toCsv([HEADER, ...rows.map((r) => [r.at, formatDateTime(r.at), r.who, r.role, r.label, r.action, r.what, r.target, r.ip ?? ""])]);
  await auditRequest(context, {
    actor: admin,
    action: "case.audit.export",
    target: `case:${found.id}`,
    caseId: found.id,
    details: { rows: rows.length, filters: describeFilter(query.value, choices.people) },
  });
  const day = toZonedInput(new Date()).slice(0, 10);
  const name = `audit-${found.reference.replace(/[^A-Za-z0-9-]/g, "_")}-${day}.csv`;
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` },
  });
}
