import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import type { FormAnswer } from "~/components/ui/use-form-fetcher";
import { caseFilterOf } from "~/models/case.server";
import { listAssignableUsers, listCaseTeams } from "~/models/case-team.server";
import { requireServiceUser } from "~/utils/auth.server";
import { CASE_ROLE_LABELS, CASE_ROLES, STAFF_ROLE_LABELS, STAGE_LABELS, STAGES } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Case teams · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:list-cases");
  // The overview links here by stage ("Cases by stage") and by reference ("Assign the team").
  const { filter } = caseFilterOf(new URL(request.url));
  const [cases, users] = await Promise.all([listCaseTeams(admin.serviceId, filter), listAssignableUsers(admin.serviceId)]);
  return json({ cases, users, filter });
}

export { action } from "~/actions/admin-case-teams.server";

export default function AdminCases() {
  const { cases, users, filter } = useLoaderData<typeof loader>();
  const filtered = filter.q !== "" || filter.stage !== "";
  const data = useActionData<FormAnswer>();
  const busy = useNavigation().state === "submitting";
  // A refused or unreadable form is answered without naming the case, so the page remembers which
  // card's form was sent, to show the message there (before the page runs its script: at the top).
  const [sentFrom, setSentFrom] = useState<string | null>(null);
  const error = data && !data.ok ? Object.values(data.errors)[0] : undefined;
  return (
    <main className="page" id="main">
      <h1>Case teams</h1>
      <p className="hint">Who works on each case. Facilitators and supervisors see only the cases they are on.</p>
      <Form method="get" role="search" className="row card section-gap-bottom">
        <div style={{ flex: "2 1 240px" }}>
          <label htmlFor="team-q">Reference or title</label>
          <input id="team-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div style={{ flex: "1 1 200px" }}>
          <label htmlFor="team-stage">Stage</label>
          <select id="team-stage" name="stage" defaultValue={filter.stage}>
            <option value="">All stages</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {filtered ? (
        <p className="hint" aria-live="polite">
          {cases.length} case{cases.length === 1 ? "" : "s"}
          {filter.stage ? ` at ${STAGE_LABELS[filter.stage].toLowerCase()}` : ""}
          {filter.q ? ` matching “${filter.q}”` : ""}.{" "}
          <Link to="/admin/cases" className="tap">
            Show every case
          </Link>
        </p>
      ) : null}
      {data?.ok ? (
        <p className="alert success" role="status">
          {data.done}
        </p>
      ) : null}
      {error && !sentFrom ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {cases.length === 0 ? (
        <div className="empty">
          <p>{filtered ? "No cases match." : "Your service has no cases yet."}</p>
        </div>
      ) : null}
      <div className="stack">
        {cases.map((c) => (
          <section key={c.id} className="card" aria-labelledby={`case-${c.id}`}>
            <h2 id={`case-${c.id}`}>
              {c.reference} · {c.title}
            </h2>
            <p className="meta">
              <span className="badge">{STAGE_LABELS[c.stage]}</span>{" "}
              <Link to={`/admin/cases/${c.id}`} className="tap">
                Record<span className="visually-hidden"> of {c.reference}</span>
              </Link>{" "}
              <Link to={`/admin/cases/${c.id}/audit`} className="tap">
                Audit trail<span className="visually-hidden"> of {c.reference}</span>
              </Link>
            </p>
            {error && sentFrom === c.id ? (
              <p className="alert error" role="alert">
                {error}
              </p>
            ) : null}
            {c.members.length === 0 ? (
              <p className="hint">Nobody is assigned.</p>
            ) : (
              <ul className="member-list" aria-label={`Team of ${c.reference}`}>
                {c.members.map((m) => (
                  <li key={m.user.id}>
                    <span>
                      {m.user.name} <span className="hint">— {CASE_ROLE_LABELS[m.role]}</span>
                    </span>
                    <Form method="post" onSubmit={() => setSentFrom(c.id)}>
                      <input type="hidden" name="caseId" value={c.id} />
                      <input type="hidden" name="userId" value={m.user.id} />
                      <button type="submit" name="intent" value="remove" className="danger" disabled={busy}>
                        Remove
                        <span className="visually-hidden">
                          {" "}
                          {m.user.name} from {c.reference}
                        </span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
            <Form method="post" className="row" onSubmit={() => setSentFrom(c.id)}>
              <input type="hidden" name="caseId" value={c.id} />
              <div style={{ flex: "2 1 220px" }}>
                <label htmlFor={`user-${c.id}`}>Person</label>
                <select id={`user-${c.id}`} name="userId" required defaultValue="">
                  <option value="" disabled>
                    Choose a person…
                  </option>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({STAFF_ROLE_LABELS[u.role]})
                    </option>
                  ))}
                </select>
              </div>
              <div style={{ flex: "1 1 180px" }}>
                <label htmlFor={`role-${c.id}`}>Case role</label>
                <select id={`role-${c.id}`} name="role">
                  {CASE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {CASE_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="assign" disabled={busy}>
                Assign<span className="visually-hidden"> to {c.reference}</span>
              </button>
            </Form>
          </section>
        ))}
      </div>
    </main>
  );
}
