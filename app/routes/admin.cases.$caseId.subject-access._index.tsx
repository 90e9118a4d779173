import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RectificationSection } from "~/components/case/rectification-section";
import { DateTimeField, FormMessage } from "~/components/ui/form-controls";
import { Field } from "~/components/ui/field";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { requireCaseAction } from "~/models/case-access.server";
import { serviceDate } from "~/models/case-record-dates";
import { getRectifications } from "~/models/rectification.server";
import { listSubjectAccess } from "~/models/subject-access.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { findServiceCase } from "~/models/case-team.server";
import { formatDay } from "~/utils/format";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";

export { startAction as action } from "~/actions/subject-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Subject access · ${data.reference} · Circle` : "Subject access · Circle" }];

/**
 * A case's data protection requests, for the service manager: subject access requests, each with
 * its statutory due date and whether it was released, with the form to record a new one for
 * someone on the case; and correction requests with their decisions. The page names the case's
 * participants, which the manager does not otherwise see: it is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:subject-access");
  const found = await findServiceCase(user.serviceId, resource.caseId);
  if (!found) throw notFound("Case not found");
  const [{ requests, participants }, rectifications] = await Promise.all([listSubjectAccess(found.id), can(user, "case:rectify", resource) ? getRectifications(found.id) : null]);
  await auditRequest(context, { actor: user, action: "subject-access.list.view", target: `case:${found.id}`, caseId: found.id });
  return json({ caseId: found.id, reference: found.reference, today: serviceDate(), requests, participants, rectifications });
}

export default function SubjectAccessList() {
  const { caseId, reference, today, requests, participants, rectifications } = useLoaderData<typeof loader>();
  const { fetcher, errors, formError, busy } = useFormFetcher();
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={`/admin/cases/${caseId}`} className="tap">
          <span aria-hidden="true">←</span> Case record
        </Link>
      </p>
      <p className="eyebrow">{reference}</p>
      <h1>Subject access and corrections</h1>
      <p className="hint">Someone on the case may ask what the service holds about them. The answer is due one calendar month after the request was received.</p>
      <div className="stack">
        <section className="card" aria-labelledby="requests-heading">
          <h2 id="requests-heading">Requests</h2>
          {requests.length === 0 ? (
            <p className="empty">No requests have been recorded for this case.</p>
          ) : (
            <ul className="people">
              {requests.map((r) => {
                const overdue = !r.releasedAt && r.dueOn < today;
                return (
                  <li key={r.id}>
                    <Link to={`/admin/cases/${caseId}/subject-access/${r.id}`} className="tap">
                      <strong>{r.participant.name}</strong>
                    </Link>{" "}
                    <span className="hint">
                      ({PARTICIPANT_ROLE_LABELS[r.participant.role].toLowerCase()}) · asked by {r.requestedBy} · received {formatDay(r.receivedOn)}
                    </span>{" "}
                    {r.releasedAt ? (
                      <span className="badge status-ok">Released {formatDay(r.releasedAt)}</span>
                    ) : (
                      <span className={`badge ${overdue ? "status-warn" : ""}`}>
                        {overdue ? "⚠ Overdue since" : "Due by"} {formatDay(r.dueOn)}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="new-heading">
          <h2 id="new-heading">Record a request</h2>
          <fetcher.Form method="post" noValidate>
            <div className="field">
              <label htmlFor="sar-person">Who is it about?</label>
              <select id="sar-person" name="participantId" defaultValue="" aria-invalid={errors.participantId ? true : undefined}>
                <option value="">Choose someone on the case</option>
                {participants.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()}){p.removedAt ? ", removed" : ""}
                  </option>
                ))}
              </select>
              {errors.participantId ? <p className="field-error">{errors.participantId}</p> : null}
            </div>
            <Field id="sar-requested-by" name="requestedBy" label="Who made the request?" hint="The person themselves, their solicitor, a parent…" error={errors.requestedBy} />
            <DateTimeField id="sar-received" name="receivedOn" type="date" label="Date received" defaultValue={today} error={errors.receivedOn} />
            <FormMessage error={formError} />
            <button type="submit" disabled={busy}>
              Record and review the export
            </button>
          </fetcher.Form>
        </section>
        {rectifications ? <RectificationSection caseId={caseId} data={rectifications} canRectify today={today} /> : null}
      </div>
    </main>
  );
}
