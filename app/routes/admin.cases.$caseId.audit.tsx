import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { DateTimeField, SelectField } from "~/components/ui/form-controls";
import { Pager } from "~/components/ui/pager";
import { filterParams, NO_FILTER } from "~/models/audit-filter";
import { auditFilterQueryOf, getCaseAuditChoices, getCaseAuditPage } from "~/models/audit-trail.server";
import { requireCaseAuditTrail } from "~/models/case-access.server";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Audit ${data.reference} · Circle` : "Audit · Circle" }];

/**
 * A case's audit trail for the service manager: 50 entries a page, newest first, filtered by
 * person, action and dates from the address. Filters that cannot be used are explained (400) and
 * none of them is applied, so what is shown is never a guess at what was meant.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireUser(request, context);
  const found = await requireCaseAuditTrail(admin, params.caseId);
  const query = auditFilterQueryOf(new URL(request.url));
  const filter = query.ok ? query.value : NO_FILTER;
  const [trail, choices] = await Promise.all([getCaseAuditPage(found.id, filter), getCaseAuditChoices(found.id)]);
  await auditRequest(context, { actor: admin, action: "case.audit.view", target: `case:${found.id}`, caseId: found.id });
  return json({ reference: found.reference, trail, choices, filter, raw: query.raw, errors: query.ok ? null : query.errors }, { status: query.ok ? 200 : 400 });
}

export default function CaseAudit() {
  const { reference, trail, choices, filter, raw, errors } = useLoaderData<typeof loader>();
  const { caseId } = useParams();
  const base = `/admin/cases/${caseId}/audit`;
  const filtered = Boolean(filter.person || filter.action || filter.from || filter.to);
  const query = filterParams(filter).toString();
  const pageHref = (page: number) => {
    const params = filterParams(filter, page).toString();
    return params ? `${base}?${params}` : base;
  };
  const people = Object.fromEntries(choices.people.map((p) => [p.id, p.name]));
  const actions = Object.fromEntries(choices.actions.map((a) => [a.code, a.label]));
  const beyondEnd = trail.total > 0 && trail.page > trail.pages;
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to="/admin/cases" className="tap">
          <span aria-hidden="true">←</span> Case teams
        </Link>
      </p>
      <h1>Audit trail · {reference}</h1>
      <p className="hint">
        Every view and change of this case, and every refused attempt to reach it, newest first. Entries cannot be edited or deleted. Repeated views by one person within 10 minutes
        are one entry.
      </p>

      <section className="card audit-filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter the trail</h2>
        {errors ? (
          <div className="alert error" role="alert">
            These filters could not be used, so none of them is applied:{" "}
            {Object.entries(errors)
              .map(([field, message]) => `${FIELD_NAMES[field] ?? field}: ${message}`)
              .join("; ")}
            .
          </div>
        ) : null}
        {/* A plain GET form: the filter lives in the address, and a new filter starts at page 1. */}
        <Form method="get" className="filter-grid" key={JSON.stringify(raw)}>
          <SelectField
            id="person"
            name="person"
            label="Person"
            options={choices.people.map((p) => p.id)}
            labels={people}
            placeholder="Anyone"
            defaultValue={raw.person ?? ""}
            error={errors?.person}
          />
          <SelectField
            id="action"
            name="action"
            label="Action"
            options={choices.actions.map((a) => a.code)}
            labels={actions}
            placeholder="Any action"
            defaultValue={raw.action ?? ""}
            error={errors?.action}
          />
          <DateTimeField id="from" name="from" type="date" label="From (date)" defaultValue={raw.from ?? ""} error={errors?.from} />
          <DateTimeField id="to" name="to" type="date" label="To (date, included)" defaultValue={raw.to ?? ""} error={errors?.to} />
          <div className="form-actions">
            <button type="submit">Apply filters</button>
            {filtered || errors ? (
              <Link to={base} className="button secondary">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <div className="audit-summary">
        <p role="status">
          {trail.total === 1 ? "1 entry" : `${trail.total} entries`}
          {filtered ? (trail.total === 1 ? " matches these filters" : " match these filters") : " in this trail"}
          {trail.pages > 1 && !beyondEnd ? `, page ${trail.page} of ${trail.pages}` : ""}.
        </p>
        {trail.total > 0 ? (
          <a href={`${base}.csv${query ? `?${query}` : ""}`} className="button secondary" download>
            Download {filtered ? "these entries" : "the trail"} as CSV
          </a>
        ) : null}
      </div>

      {trail.total === 0 ? (
        <div className="empty">
          <p>{filtered ? "No entries match these filters." : "Nothing has been recorded for this case yet."}</p>
        </div>
      ) : beyondEnd ? (
        <div className="empty">
          <p>
            There is no page {trail.page}: these entries fill {trail.pages} page{trail.pages === 1 ? "" : "s"}.
          </p>
          <p>
            <Link to={pageHref(trail.pages)} className="tap">
              Go to the last page
            </Link>
          </p>
        </div>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`Audit events for ${reference} (scrolls sideways on small screens)`}>
          <table className="audit-table">
            <caption className="visually-hidden">
              Audit events for {reference}, page {trail.page} of {trail.pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What changed</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {trail.rows.map((e) => (
                <tr key={e.id}>
                  <td className="when">{formatDateTime(e.at)}</td>
                  <td>
                    {e.who} <span className="hint">({e.role.toLowerCase()})</span>
                  </td>
                  <td>
                    {e.label}
                    {e.known ? (
                      <>
                        <br />
                        <code className="hint">{e.action}</code>
                      </>
                    ) : null}
                  </td>
                  <td className="what">{e.what || <span className="hint">—</span>}</td>
                  <td>{e.targetLabel ?? <code className="break">{e.target}</code>}</td>
                  <td>{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {beyondEnd ? null : <Pager page={trail.page} pages={trail.pages} label="Pages of the audit trail" hrefFor={pageHref} />}
    </main>
  );
}

const FIELD_NAMES: Record<string, string> = { page: "Page", person: "Person", action: "Action", from: "From", to: "To" };
