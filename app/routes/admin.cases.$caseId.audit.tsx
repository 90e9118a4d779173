import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseAuditTrail } from "~/models/case.server";
import { findServiceCase } from "~/models/case-team.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireAdmin } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Audit ${data.reference} · Circle` : "Audit · Circle" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const resource = await requireCaseAction(admin, params.caseId, "case:audit");
  const found = await findServiceCase(admin.serviceId, resource.caseId);
  if (!found) throw notFound("Case not found");
  const events = await getCaseAuditTrail(found.id);
  await audit({ actor: admin, action: "case.audit.view", target: `case:${found.id}`, caseId: found.id, ip: context.clientIp });
  return json({ reference: found.reference, events });
}

/** Plain words for the actions a case's audit trail holds; the code stays visible for exports and support. */
const ACTION_LABELS: Record<string, string> = {
  "case.view": "Viewed the case",
  "case.created": "Recorded the referral",
  "case.record.view": "Viewed the case record",
  "case.details.update": "Changed the referral details",
  "case.stage": "Moved or closed the case",
  "case.reopen": "Reopened the case",
  "case.audit.view": "Read the audit trail",
  "case.member.assign": "Added someone to the case team",
  "case.member.remove": "Removed someone from the case team",
  "case.notes.view": "Opened the notes full screen",
  "case.live.subscribe": "Followed the live conference",
  "collab.open": "Opened a shared document",
};

/** The target in words when it is this case or one of its documents; anything else shows its code. */
function targetLabel(target: string, caseId: string | undefined): string | null {
  if (!caseId) return null;
  if (target === `case:${caseId}`) return "This case";
  if (target === `case:${caseId}:notes`) return "Case notes";
  return null;
}

export default function CaseAudit() {
  const { reference, events } = useLoaderData<typeof loader>();
  const { caseId } = useParams();
  return (
    <main className="page" id="main">
      <p className="back"><Link to="/admin/cases" className="tap"><span aria-hidden="true">←</span> Case teams</Link></p>
      <h1>Audit trail · {reference}</h1>
      <p className="hint">Every view and change of this case, newest first. Entries cannot be edited or deleted.</p>
      {events.length === 0 ? <div className="empty"><p>Nothing has been recorded for this case yet.</p></div> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`Audit events for ${reference} (scrolls sideways on small screens)`}>
          <table className="audit-table">
            <caption className="visually-hidden">Audit events for {reference}</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">From</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="when">{formatDateTime(e.createdAt)}</td>
                  <td>{e.actor ? e.actor.name : "Anonymous"} <span className="hint">({e.actorRole.toLowerCase()})</span></td>
                  <td>{ACTION_LABELS[e.action] ?? e.action}{ACTION_LABELS[e.action] ? <><br /><code className="hint">{e.action}</code></> : null}</td>
                  <td>{targetLabel(e.target, caseId) ?? <code className="break">{e.target}</code>}</td>
                  <td>{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
