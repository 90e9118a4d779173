import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDueTermsForSupervisor, listReviewQueue } from "~/models/agreement.server";
import { PROGRESS_LABELS, TERM_TYPE_LABELS } from "~/models/agreement-labels";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDateTime, formatDay } from "~/utils/format";
import styles from "~/styles/agreement.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Agreement reviews · Circle" }];

/** The supervisor's agreement dashboard: versions waiting for review, and terms due or overdue. Others get 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireServiceUser(request, context, "service:review-queue");
  const [queue, due] = await Promise.all([listReviewQueue(user.id), listDueTermsForSupervisor(user.id)]);
  await auditRequest(context, { actor: user, action: "agreement.reviews.view", target: "reviews:mine", details: { waiting: queue.length, due: due.length } });
  return json({ queue, due });
}

export default function Reviews() {
  const { queue, due } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Agreements waiting for review</h1>
      <p className="hint">Signed outcome agreements on cases you supervise. Approve a version to make it the agreement of record, or ask for changes.</p>
      {queue.length === 0 ? (
        <div className="empty">
          <p>No agreement is waiting for your review.</p>
        </div>
      ) : (
        <ul className="case-list" aria-label="Waiting for review">
          {queue.map((q) => (
            <li className="case-item" key={q.versionId}>
              <Link to={`/cases/${q.caseId}/agreement#review-heading`}>
                <div className="ref">{q.reference}</div>
                <div className="title">{q.title}</div>
                <div className="meta">
                  <span className="badge">Version {q.number}</span>
                  <span>
                    Sent by {q.submittedBy}, waiting since {formatDateTime(q.submittedAt)}
                  </span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2 className="section-gap">Terms due or overdue</h2>
      {due.length === 0 ? (
        <div className="empty">
          <p>No approved term is due in the next two weeks or overdue.</p>
        </div>
      ) : (
        <ul className="case-list" aria-label="Terms due or overdue">
          {due.map((d) => (
            <li className="case-item" key={`${d.caseId}-${d.term.id}`}>
              <Link to={`/cases/${d.caseId}/agreement#monitoring-heading`}>
                <div className="ref">{d.reference}</div>
                <div className="title">
                  {TERM_TYPE_LABELS[d.term.type] ?? "Term"}: {d.term.description}
                </div>
                <div className="meta">
                  <span className={`badge ${d.state}`}>{d.state === "overdue" ? `Overdue since ${formatDay(d.term.dueDate!)}` : `Due ${formatDay(d.term.dueDate!)}`}</span>
                  <span>{PROGRESS_LABELS[d.status]}</span>
                  {d.term.responsibleName ? <span>Responsible: {d.term.responsibleName}</span> : null}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
