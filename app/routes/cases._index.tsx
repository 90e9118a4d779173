import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { AttentionBadges } from "~/components/case/attention";
import { caseFilterOf, listMyCases } from "~/models/case.server";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { CASE_ROLE_LABELS, STAGE_LABELS, STAGES } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "My cases · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { filter, valid } = caseFilterOf(new URL(request.url));
  const cases = await listMyCases(user, filter);
  // What was searched for is not recorded: it may be a person's name.
  await auditRequest(context, { actor: user, action: "case.list", target: "cases:mine", details: { count: cases.length, searched: filter.q !== "" } });
  const canRecord = can(user, "service:create-case", { kind: "service", serviceId: user.serviceId });
  return json({ cases, filter, invalidFilter: !valid, canRecord });
}

export default function MyCases() {
  const { cases, filter, invalidFilter, canRecord } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const searching = useNavigation().location?.pathname === "/cases";
  const filtered = filter.q !== "" || filter.stage !== "";
  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1>My cases</h1>
        {canRecord ? (
          <Link to="/cases/new" className="button">
            Record a referral
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" className="row card" onChange={(e) => submit(e.currentTarget, { replace: true })}>
        <div style={{ flex: "2 1 260px" }}>
          <label htmlFor="q">Search by reference, title or name</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div style={{ flex: "1 1 200px" }}>
          <label htmlFor="stage">Stage</label>
          <select id="stage" name="stage" defaultValue={filter.stage}>
            <option value="">All stages</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {searching ? "Searching…" : "Search"}
        </button>
      </Form>
      {invalidFilter ? <p className="alert warn">That filter was not understood, so all your cases are shown.</p> : null}
      <p className="hint" aria-live="polite">
        {cases.length} case{cases.length === 1 ? "" : "s"}
        {filtered ? " match" : ""}
        {cases.length > 1 ? ", what needs attention first" : ""}
      </p>
      {cases.length === 0 ? (
        <div className="empty">
          {filtered ? (
            <p>
              No cases match.{" "}
              <Link to="/cases" className="tap">
                Clear the search
              </Link>
            </p>
          ) : (
            <p>You are not on any case yet. Your service manager adds you to a case team{canRecord ? ", or record a new referral" : ""}.</p>
          )}
        </div>
      ) : (
        <ul className="case-list" aria-label="Cases">
          {cases.map((c) => (
            <li className="case-item" key={c.id}>
              <Link to={`/cases/${c.id}`}>
                <div className="ref">{c.reference}</div>
                <div className="title">{c.title}</div>
                <div className="meta">
                  <span className="badge">{STAGE_LABELS[c.stage]}</span>
                  {c.myRole ? <span>{CASE_ROLE_LABELS[c.myRole]}</span> : null}
                  {c.sensitive ? <span className="badge sensitive">Sensitive or complex</span> : null}
                  {c.youth ? <span className="badge muted">Youth</span> : null}
                  {c.stage === "CLOSED" ? null : (
                    <span>{c.attention.nextConferenceAt ? `Conference ${formatDateTime(c.attention.nextConferenceAt)}` : "No conference booked"}</span>
                  )}
                </div>
                {c.matchedPeople.length ? <div className="meta">Name match: {c.matchedPeople.join(", ")}</div> : null}
                <AttentionBadges a={c.attention} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
