import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseAuditTrail } from "~/models/case.server";
import { findServiceCase } from "~/models/case-team.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireAdmin } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Audit ${data.reference} · Circle` : "Audit · Circle" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const resource = await requireCaseAction(admin, params.caseId, "case:audit");
  const found = await findServiceCase(admin.serviceId, resource.caseId);
  if (!found) throw notFound("Case not found");
  const events = await getCaseAuditTrail(found.id);
  await audit({ actor: admin, action: "case.audit.view", target: `case:${found.id}`, caseId: found.id, ip: context.clientIp });
  return json({ reference: found.reference, events });
}

export default function CaseAudit() {
  const { reference, events } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <p><Link to="/admin/cases">← Case teams</Link></p>
      <h1>Audit trail · {reference}</h1>
      <p className="hint">Every view and change of this case, newest first. Entries cannot be edited or deleted.</p>
      {events.length === 0 ? <div className="empty"><p>Nothing has been recorded for this case yet.</p></div> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Audit events for {reference}</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">From</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{e.actor ? e.actor.name : "Anonymous"} <span className="hint">({e.actorRole.toLowerCase()})</span></td>
                  <td><code>{e.action}</code></td>
                  <td><code>{e.target}</code></td>
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
