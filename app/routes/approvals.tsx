import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAwaitingApproval } from "~/models/approval.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { RECOMMENDATION_LABELS } from "~/utils/preparation";
import { STAGE_LABELS } from "~/utils/roles";

import safetyStyles from "~/styles/safety.css";

export const links = () => [{ rel: "stylesheet", href: safetyStyles }];

export const meta: MetaFunction = () => [{ title: "Approvals · Circle" }];

/** The supervisors' queue. Deny by default: anyone who is not a supervisor gets 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireServiceUser(request, context, "service:approval-queue");
  const waiting = await listAwaitingApproval(user.id);
  await auditRequest(context, { actor: user, action: "approvals.view", target: "approvals:mine", details: { count: waiting.length } });
  return json({ waiting });
}

export default function Approvals() {
  const { waiting } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Risk assessments waiting for you</h1>
      <p className="hint">Sensitive or complex cases you supervise whose current risk assessment has no decision yet. A conference cannot be scheduled until you decide.</p>
      {waiting.length === 0 ? (
        <div className="empty">
          <p>Nothing is waiting for your approval.</p>
        </div>
      ) : (
        <ul className="case-list approval-queue" aria-label="Waiting for approval">
          {waiting.map((w) => (
            <li className="case-item" key={w.caseId}>
              <Link to={`/cases/${w.caseId}#risk`}>
                <div className="ref">{w.reference}</div>
                <div className="title">{w.title}</div>
                <div className="meta">
                  <span className="badge">{STAGE_LABELS[w.stage]}</span>
                  <span className="badge sensitive">Sensitive or complex</span>
                  <span>Recommends: {RECOMMENDATION_LABELS[w.recommendation].toLowerCase()}</span>
                  <span>
                    Assessed by {w.assessedBy}, waiting since {formatDateTime(w.assessedAt)}
                  </span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
