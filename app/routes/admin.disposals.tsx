import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DisposeForm, HoldForm } from "~/components/disposal/case-disposal-forms";
import type { FormAnswer } from "~/components/ui/use-form-fetcher";
import { listDisposalPage } from "~/models/disposal-list.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";
import { CLOSURE_REASON_LABELS } from "~/utils/preparation";

export const meta: MetaFunction = () => [{ title: "Disposals · Circle" }];

/**
 * The end of retention, for the service manager only (404 for everyone else): closed cases that
 * still hold personal data, with their legal holds, and the disposals made with their certificates.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:dispose");
  const page = await listDisposalPage(admin.serviceId);
  await auditRequest(context, { actor: admin, action: "disposals.view", target: "disposals", details: { count: page.closed.length } });
  return json(page);
}

export { action } from "~/actions/admin-disposals.server";

export default function AdminDisposals() {
  const { closed, disposals } = useLoaderData<typeof loader>();
  const data = useActionData<FormAnswer>();
  const busy = useNavigation().state === "submitting";
  const errors = data && !data.ok ? data.errors : {};
  // An answer names no row (a refused form may not have a readable case), so its messages are shown once, above the lists.
  const none = {};
  return (
    <main className="page" id="main">
      <h1>Closed cases and disposals</h1>
      <p className="hint">
        When a closed case's retention period has passed under the service's retention rules, it is listed first here as due: review it, then dispose of its personal data or put it
        on legal hold. A case on legal hold cannot be disposed of until the hold is lifted.
      </p>
      {data?.ok ? (
        <p className="alert success" role="status">
          {data.done}
        </p>
      ) : null}
      {data && !data.ok ? (
        <div className="alert error" role="alert">
          {Object.values(errors).map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
      <h2>Closed cases</h2>
      {closed.length === 0 ? (
        <div className="empty">
          <p>No closed case holds personal data.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Closed cases</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Closed</th>
                <th scope="col">Retention</th>
                <th scope="col">Legal hold</th>
                <th scope="col" className="actions-col">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {closed.map((c) => (
                <tr key={c.id} data-case={c.reference}>
                  <th scope="row">
                    <strong>{c.reference}</strong> {c.title}
                  </th>
                  <td>
                    {c.closedAt ? formatDay(c.closedAt) : "Not recorded"}
                    {c.closureReason ? <span className="hint"> ({CLOSURE_REASON_LABELS[c.closureReason]})</span> : null}
                  </td>
                  <td>
                    {c.due ? (
                      <>
                        <strong>Due since {formatDay(c.due.dueOn)}</strong> under: {c.due.ruleReason}
                        {c.due.dobUnknown ? (
                          <span className="hint"> A date of birth was not recorded: the date was counted from the latest it could be. Check it first.</span>
                        ) : null}
                      </>
                    ) : (
                      "Not yet due"
                    )}
                  </td>
                  <td>
                    {c.hold ? (
                      <>
                        <strong>On hold</strong> since {formatDay(c.hold.placedAt)} ({c.hold.placedBy.name}): {c.hold.reason}
                      </>
                    ) : (
                      "None"
                    )}
                    {c.history.some((h) => h.liftedAt) ? (
                      <details>
                        <summary>Earlier holds</summary>
                        <ul className="plain-list">
                          {c.history
                            .filter((h) => h.liftedAt)
                            .map((h) => (
                              <li key={h.id}>
                                Placed {formatDay(h.placedAt)} by {h.placedBy.name}: {h.reason}. Lifted {formatDay(h.liftedAt!)} by {h.liftedBy?.name}: {h.liftReason}
                              </li>
                            ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      <HoldForm caseId={c.id} reference={c.reference} held={Boolean(c.hold)} busy={busy} errors={none} />
                      {c.hold ? null : <DisposeForm caseId={c.id} reference={c.reference} due={c.due} busy={busy} errors={none} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Disposed of</h2>
      {disposals.length === 0 ? (
        <div className="empty">
          <p>No case has been disposed of yet.</p>
        </div>
      ) : (
        <ul className="plain-list">
          {disposals.map((d) => (
            <li key={d.id}>
              <strong>{d.tombstoneReference}</strong>: disposed of on {formatDay(d.disposedAt)} by {d.approvedBy.name}
              {d.ruleId ? `, under the rule "${d.ruleId}"` : ""}. {d.reason}{" "}
              <a href={`/admin/disposals/${d.id}/certificate.pdf`} download>
                Download the certificate<span className="visually-hidden"> for {d.tombstoneReference}</span>
              </a>{" "}
              <Link to={`/admin/cases/${d.caseId}/audit`}>
                Audit trail<span className="visually-hidden"> of {d.tombstoneReference}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
