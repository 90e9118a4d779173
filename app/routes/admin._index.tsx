import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getServiceOverview, NEW_REFERRAL_DAYS } from "~/models/overview.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { STAGE_LABELS } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Service overview · Circle" }];

/** The service manager's landing page. Everyone else gets 404 (admin pages are not advertised). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:overview");
  const overview = await getServiceOverview(admin.serviceId);
  await auditRequest(context, {
    actor: admin,
    action: "service.overview",
    target: `service:${admin.serviceId}`,
    details: {
      referrals: overview.referrals.length,
      victimsCodeOverdue: overview.victimsCodeOverdue.length,
      contactsOverdue: overview.contactsOverdue.length,
      conferences: overview.conferences.length,
    },
  });
  return json(overview);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function CaseLink({ id, reference, title }: { id: string; reference: string; title: string }) {
  return (
    <Link to={`/admin/cases/${id}`} className="case-link">
      <span className="ref">{reference}</span> <span className="title">{title}</span>
    </Link>
  );
}

export default function ServiceOverview() {
  const o = useLoaderData<typeof loader>();
  const total = o.byStage.reduce((n, s) => n + s.count, 0);
  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1>Service overview</h1>
        <Link to="/cases/new" className="button">
          Record a referral
        </Link>
      </div>
      <div className="overview-grid">
        <section className="card area-referrals" aria-labelledby="referrals-heading">
          <h2 id="referrals-heading">New and unassigned referrals</h2>
          {o.referrals.length === 0 ? (
            <p className="empty-line">Every open case has a lead facilitator, and no referral came in during the last {NEW_REFERRAL_DAYS} days.</p>
          ) : (
            <ul className="overview-list">
              {o.referrals.map((r) => (
                <li key={r.id}>
                  <CaseLink {...r} />
                  <div className="meta">
                    <span>Received {formatDate(r.referredAt)}</span>
                    <span className="badge">{STAGE_LABELS[r.stage]}</span>
                    {r.lead ? (
                      <span>Lead: {r.lead}</span>
                    ) : (
                      <span className="badge attention due">
                        <span aria-hidden="true">!</span> <strong>No lead facilitator</strong>
                      </span>
                    )}
                    {r.youth ? <span className="badge muted">Youth</span> : null}
                    {r.sensitive ? <span className="badge sensitive">Sensitive or complex</span> : null}
                  </div>
                  {r.lead ? null : (
                    <Link to={`/admin/cases?q=${encodeURIComponent(r.reference)}`} className="tap">
                      Assign the team<span className="visually-hidden"> of {r.reference}</span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card area-stages" aria-labelledby="stages-heading">
          <h2 id="stages-heading">Cases by stage</h2>
          {total === 0 ? (
            <p className="empty-line">Your service has no cases yet. Record the first referral to start.</p>
          ) : (
            <ul className="stage-counts">
              {o.byStage.map((s) => (
                <li key={s.stage}>
                  <Link to={`/admin/cases?stage=${s.stage}`} className="tap">
                    <span>{STAGE_LABELS[s.stage]}</span>
                    <span className="count">{s.count}</span>
                    <span className="visually-hidden"> {s.count === 1 ? "case" : "cases"}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card area-vc" aria-labelledby="vc-heading">
          <h2 id="vc-heading">Overdue Victims' Code deadlines</h2>
          <p className="hint">Information about restorative justice is due within 5 working days of the referral (1 with enhanced rights).</p>
          {o.victimsCodeOverdue.length === 0 ? (
            <p className="empty-line">No Victims' Code deadline has passed. Every person harmed has been offered information in time, or their deadline is still to come.</p>
          ) : (
            <ul className="overview-list">
              {o.victimsCodeOverdue.map((r) => (
                <li key={r.id}>
                  <CaseLink {...r} />
                  <div className="meta">
                    <span className="badge attention overdue">
                      <span aria-hidden="true">⚠</span> <strong>Overdue:</strong> was due {formatDate(r.attention.victimsCodeDueBy!)}
                    </span>
                    <span>
                      {r.attention.noPersonHarmed
                        ? "No person harmed recorded yet"
                        : `${plural(r.attention.victimsCodeOverdue, "person harmed", "people harmed")} not yet offered information`}
                    </span>
                    <span>{r.lead ? `Lead: ${r.lead}` : "No lead facilitator"}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card area-contacts" aria-labelledby="contacts-heading">
          <h2 id="contacts-heading">Overdue contacts</h2>
          <p className="hint">People not contacted as often as they asked to be.</p>
          {o.contactsOverdue.length === 0 ? (
            <p className="empty-line">Nobody is waiting longer than they asked for a contact.</p>
          ) : (
            <ul className="overview-list">
              {o.contactsOverdue.map((r) => (
                <li key={r.id}>
                  <CaseLink {...r} />
                  <div className="meta">
                    <span className="badge attention overdue">
                      <span aria-hidden="true">⚠</span> <strong>Overdue:</strong> {plural(r.attention.contactsOverdue, "person", "people")}, since{" "}
                      {formatDate(r.attention.nextContactDue!)}
                    </span>
                    <span>{r.lead ? `Lead: ${r.lead}` : "No lead facilitator"}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card area-conferences" aria-labelledby="conferences-heading">
          <h2 id="conferences-heading">Conferences this week</h2>
          {o.conferences.length === 0 ? (
            <p className="empty-line">No conference is booked for the next seven days.</p>
          ) : (
            <ul className="overview-list">
              {o.conferences.map((c) => (
                <li key={c.id}>
                  <CaseLink id={c.caseId} reference={c.reference} title={c.title} />
                  <div className="meta">
                    <strong>{formatDateTime(c.at)}</strong>
                    {c.venue ? <span>{c.venue}</span> : null}
                    <span>{c.lead ? `Chaired by ${c.lead}` : "No lead named"}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
