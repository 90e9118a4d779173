import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { EditDetails, RecordDetails, RecordHistory } from "~/components/case/record-section";
import { SafetyMessage, type SafetyResult } from "~/components/case/safety-fields";
import { CompletedByField } from "~/components/case/stage-section";
import { SelectField, TextAreaField } from "~/components/ui/form-controls";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseRecord } from "~/models/case-record.server";
import { serviceDate } from "~/models/case-record-dates";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireServiceUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS, COMPLETED_BY_LABELS } from "~/utils/preparation";
import { CASE_ROLE_LABELS, CASE_ROLES, STAGE_LABELS } from "~/utils/roles";

import safetyStyles from "~/styles/safety.css";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: safetyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.record.reference} record · Circle` : "Case record · Circle" }];

/**
 * The service manager's view of one case's record: the referral details (editable), the team,
 * closing and reopening, and the history. Not the case's preparation (people, consent, contacts,
 * risk, notes), which stays with its team.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:list-cases");
  const resource = await requireCaseAction(admin, params.caseId, "case:read-record");
  const record = await getCaseRecord(resource.caseId);
  if (!record) throw notFound("Case not found");
  await auditRequest(context, { actor: admin, action: "case.record.view", target: `case:${record.id}`, caseId: record.id });
  return json({
    record,
    today: serviceDate(),
    canEditDetails: can(admin, "case:edit-details", resource),
    canClose: can(admin, "case:close", resource),
    canReopen: can(admin, "case:reopen", resource),
    // Subject access and correction requests name the people on the case, which this page does
    // not: they have their own page, whose every view is audited (README, Decisions, "Subject
    // access and rectification").
    canSubjectAccess: can(admin, "case:subject-access", resource),
  });
}

export default function AdminCaseRecord() {
  const { record, today, canEditDetails, canClose, canReopen, canSubjectAccess } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const closed = record.stage === "CLOSED";
  const team = [...record.team].sort((a, b) => CASE_ROLES.indexOf(a.role) - CASE_ROLES.indexOf(b.role));
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to="/admin" className="tap">
          <span aria-hidden="true">←</span> Service overview
        </Link>
      </p>
      {params.get("recorded") === "1" ? (
        <p className="alert success" role="status">
          Referral {record.reference} recorded.{team.some((m) => m.role === "LEAD") ? "" : " It has no lead facilitator yet: assign the team below."}
        </p>
      ) : null}
      <p className="eyebrow">{record.reference}</p>
      <h1>{record.details.title}</h1>
      <div className="meta page-meta">
        <span className="badge">{STAGE_LABELS[record.stage]}</span>
        {record.details.sensitive ? <span className="badge sensitive">Sensitive or complex</span> : null}
        <Link to={`/admin/cases/${record.id}/audit`} className="tap">
          Audit trail
        </Link>
        {canSubjectAccess ? (
          <Link to={`/admin/cases/${record.id}/subject-access`} className="tap">
            Subject access and corrections
          </Link>
        ) : null}
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Referral</h2>
          <RecordDetails record={record} />
          <p className="summary-text">{record.details.offenceSummary}</p>
          {canEditDetails && !closed ? <EditDetails record={record} today={today} /> : null}
        </section>

        <section className="card" aria-labelledby="team-heading">
          <h2 id="team-heading">Case team</h2>
          {team.length === 0 ? (
            <p className="hint">Nobody is assigned yet.</p>
          ) : (
            <ul className="people">
              {team.map((m) => (
                <li key={m.id}>
                  <strong>{m.name}</strong>
                  <span className="visually-hidden"> — </span>
                  <span className="hint">{CASE_ROLE_LABELS[m.role]}</span>
                </li>
              ))}
            </ul>
          )}
          {team.some((m) => m.role === "LEAD") ? null : <p className="alert warn">No lead facilitator: nobody is preparing this case yet.</p>}
          <p>
            <Link to={`/admin/cases?q=${encodeURIComponent(record.reference)}`} className="button secondary">
              Change the team
            </Link>
          </p>
        </section>

        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">{closed ? "Closed" : "Close the case"}</h2>
          {closed ? (
            <>
              {record.closure ? (
                <p>
                  <strong>Reason:</strong> {CLOSURE_REASON_LABELS[record.closure.reason] ?? record.closure.reason}
                  {record.closure.completedBy ? ` ${COMPLETED_BY_LABELS[record.closure.completedBy].toLowerCase()}` : ""}
                  {record.closure.note ? ` — ${record.closure.note}` : ""}
                </p>
              ) : null}
              {canReopen ? <ReopenForm caseId={record.id} /> : null}
            </>
          ) : canClose ? (
            <CloseForm caseId={record.id} />
          ) : null}
        </section>

        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">History of the record</h2>
          <RecordHistory record={record} />
        </section>
      </div>
    </main>
  );
}

function CloseForm({ caseId }: { caseId: string }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `record-close-${caseId}` });
  return (
    <>
      <p className="hint">Closing cancels any conference still booked. The case can be reopened from here.</p>
      <fetcher.Form method="post" action={`/cases/${caseId}/record`} noValidate>
        <input type="hidden" name="intent" value="close" />
        <SelectField
          id="close-reason"
          name="closureReason"
          label="Why is the case closing?"
          options={CLOSURE_REASONS}
          labels={CLOSURE_REASON_LABELS}
          placeholder="Choose a reason"
          error={errors.closureReason}
        />
        <CompletedByField id="close-completed-by" error={errors.completedBy} />
        <TextAreaField id="close-note" name="closureNote" label="Note" hint="Required when the reason is “Other”." maxLength={2000} error={errors.closureNote} />
        <button type="submit" className="danger" disabled={busy}>
          Close the case
        </button>
      </fetcher.Form>
      <SafetyMessage result={result} />
    </>
  );
}

function ReopenForm({ caseId }: { caseId: string }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `record-reopen-${caseId}` });
  return (
    <>
      <p className="hint">A reopened case returns to the stage it was closed from (to preparation if a conference was booked: closing cancelled it).</p>
      <fetcher.Form method="post" action={`/cases/${caseId}/record`} noValidate>
        <input type="hidden" name="intent" value="reopen" />
        <TextAreaField id="reopen-reason" name="reason" label="Why is the case being reopened?" maxLength={2000} error={errors.reason} />
        <button type="submit" disabled={busy}>
          Reopen the case
        </button>
      </fetcher.Form>
      <SafetyMessage result={result} />
    </>
  );
}
