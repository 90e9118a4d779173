import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/ui/pager";
import { getFailedSignIns, signInsQueryOf } from "~/models/audit-trail.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Failed sign-ins · Circle" }];

/**
 * Failed sign-in attempts, for the service manager only (others get 404, like every admin page).
 * Whether the email tried belongs to an account is shown here and nowhere else: the sign-in page
 * itself gives the same answer either way.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:read-sign-ins");
  const query = signInsQueryOf(new URL(request.url));
  const attempts = await getFailedSignIns(admin.serviceId, query.ok ? query.value.page : 1);
  await auditRequest(context, { actor: admin, action: "auth.sign-ins.view", target: "sign-ins" });
  return json({ attempts, error: query.ok ? null : (query.errors.page ?? "That page could not be shown") }, { status: query.ok ? 200 : 400 });
}

export default function FailedSignIns() {
  const { attempts, error } = useLoaderData<typeof loader>();
  const beyondEnd = attempts.total > 0 && attempts.page > attempts.pages;
  const href = (page: number) => (page > 1 ? `/admin/sign-ins?page=${page}` : "/admin/sign-ins");
  return (
    <main className="page" id="main">
      <h1>Failed sign-ins</h1>
      <p className="hint">
        Attempts to sign in to your service that failed, newest first, 50 a page. Whether the email or username tried belongs to an account is shown only here: the sign-in page
        says the same either way.
      </p>
      {error ? (
        <div className="alert error" role="alert">
          Page: {error}. Showing the first page.
        </div>
      ) : null}
      {attempts.total === 0 ? (
        <div className="empty">
          <p>No failed sign-ins have been recorded.</p>
        </div>
      ) : beyondEnd ? (
        <div className="empty">
          <p>
            There is no page {attempts.page}: the failed sign-ins fill {attempts.pages} page{attempts.pages === 1 ? "" : "s"}.
          </p>
          <p>
            <Link to={href(attempts.pages)} className="tap">
              Go to the last page
            </Link>
          </p>
        </div>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Failed sign-ins (scrolls sideways on small screens)">
          <table className="audit-table">
            <caption className="visually-hidden">
              Failed sign-ins, page {attempts.page} of {attempts.pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Email or username tried</th>
                <th scope="col">Account</th>
                <th scope="col">Why it failed</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {attempts.rows.map((a) => (
                <tr key={a.id}>
                  <td className="when">{formatDateTime(a.at)}</td>
                  <td className="break">{a.login ?? <span className="hint">Not recorded</span>}</td>
                  <td>
                    {a.account ? (
                      <>
                        Exists: {a.account.name} <span className="hint">({a.account.role.toLowerCase()})</span>
                      </>
                    ) : a.checked ? (
                      "No such account"
                    ) : (
                      <span className="hint">Not checked (blocked before any account was looked up)</span>
                    )}
                  </td>
                  <td>{a.reason}</td>
                  <td>{a.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {beyondEnd ? null : <Pager page={attempts.page} pages={attempts.pages} label="Pages of failed sign-ins" hrefFor={href} />}
    </main>
  );
}
