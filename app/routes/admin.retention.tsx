import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditTrailSection } from "~/components/retention/audit-trail-section";
import { AddRule, RuleCard } from "~/components/retention/rule-forms";
import { getAuditTrailRetention } from "~/models/audit-retention.server";
import { getRetentionPage } from "~/models/retention.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDateTime, formatDay } from "~/utils/format";

/**
 * How long the service keeps closed cases, and which have reached the end of it (the service
 * manager only; others get 404 like every admin page). The retention job fills the list of cases
 * due (server/retention-job.ts); disposing of them is a separate, reviewed step. The same page sets
 * how long the audit trail is kept, which the job prunes to.
 */
export const meta: MetaFunction = () => [{ title: "Retention · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-retention");
  const [page, audit] = await Promise.all([getRetentionPage(admin.serviceId), getAuditTrailRetention(admin.serviceId)]);
  await auditRequest(context, { actor: admin, action: "retention.view", target: `service:${admin.serviceId}`, details: { due: page.due.length } });
  return json({ ...page, audit });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/retention.server";

export default function Retention() {
  const { rules, history, due, audit } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Retention</h1>
      <p className="hint">
        How long your service keeps a case after it is closed. A new service starts with Circle's defaults: <strong>adult cases 6 years after closure</strong>;{" "}
        <strong>youth cases until the youngest person harmed or responsible is 25, or 6 years after closure if that is later</strong>. Check them against your service's retention
        policy and change them here. A rule for one outcome (for example "declined by the person harmed") comes before the rule for any outcome. When someone's date of birth was
        not recorded, their age is counted from the latest birth date the record allows (their age band, or the day they were recorded), and the case is marked so you check it.
        Reopening a case takes it off the list; closing it again starts its time again.
      </p>

      <section className="card section-gap" aria-labelledby="due-heading">
        <h2 id="due-heading">Cases due for review: {due.length}</h2>
        <p className="hint">
          Closed cases that reached the end of their retention. Nothing is deleted here: each case is reviewed on the <Link to="/admin/disposals">disposals page</Link>, where it is
          disposed of or put on legal hold.
        </p>
        {due.length === 0 ? (
          <p className="empty">No closed case has reached the end of its retention.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Cases due for review (scrolls sideways on small screens)">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Due</th>
                  <th scope="col">Rule's reason</th>
                </tr>
              </thead>
              <tbody>
                {due.map((d) => (
                  <tr key={d.closureEventId}>
                    <td>
                      <Link to={`/admin/cases/${d.caseId}`}>{d.reference}</Link>
                    </td>
                    <td>{formatDay(d.closedAt)}</td>
                    <td>
                      {formatDay(d.dueOn)}
                      {d.dobUnknown ? <span className="badge attention due">Date of birth not recorded: check the age</span> : null}
                    </td>
                    <td className="break">{d.ruleReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section-gap" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules in force</h2>
        <div className="stack">
          {rules.map((r) => (
            // Keyed by what the rule is for, not its version: a change makes a new row, and the card
            // (its open form and its "Saved" message) must stay.
            <RuleCard key={`${r.caseType}:${r.outcome ?? "ANY"}`} rule={r} />
          ))}
        </div>
      </section>

      <AddRule />

      <section className="card section-gap" aria-labelledby="history-heading">
        <h2 id="history-heading">Changes to the rules</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Changes to the rules (scrolls sideways on small screens)">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Rule</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="when">{formatDateTime(h.at)}</td>
                  <td>{h.who}</td>
                  <td>{h.what}</td>
                  <td>
                    {h.about}: {h.terms}
                  </td>
                  <td className="break">{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <AuditTrailSection audit={audit} />
    </main>
  );
}
