import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import {
  formatPence,
  NOTICE_METHOD_LABELS,
  NOTICE_METHODS,
  NOTICE_OUTCOME_LABELS,
  NOTICE_OUTCOMES,
  PROGRESS_LABELS,
  PROGRESS_STATUSES,
  TERM_TYPE_LABELS,
  type ProgressStatus,
} from "~/models/agreement-labels";
import { formatDate, formatDateTime, formatDay, toZonedInput } from "~/utils/format";
import { type Workspace } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

type Monitored = NonNullable<Workspace["monitoring"]>["terms"][number];

/** Monitoring the approved agreement: each term's status, payments, and telling the person harmed. */
export function MonitoringPanel({ data, editable }: { data: Workspace; editable: boolean }) {
  const monitoring = data.monitoring!;
  const harmed = data.participants.filter((p) => p.role === "PERSON_HARMED");
  return (
    <section className="card section-gap monitoring" aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">Monitoring</h2>
      <ol className="term-list">
        {monitoring.terms.map((m, i) => (
          <MonitoredTerm key={m.term.id} m={m} index={i} editable={editable} />
        ))}
      </ol>
      <h3>Telling the person harmed</h3>
      {monitoring.notices.length ? (
        <ul className="notice-list">
          {monitoring.notices.map((n) => (
            <li key={n.id}>
              {NOTICE_OUTCOME_LABELS[n.outcome as (typeof NOTICE_OUTCOMES)[number]] ?? n.outcome}:{" "}
              {data.participants.find((p) => p.id === n.participantId)?.name ?? "the person harmed"} was told{" "}
              {NOTICE_METHOD_LABELS[n.method as (typeof NOTICE_METHODS)[number]]?.toLowerCase() ?? n.method} on {formatDate(n.toldAt)} (recorded by {n.by})
              {n.note ? `: ${n.note}` : "."}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">When the agreement is completed or breaks down, record that the person harmed was told, and how.</p>
      )}
      {editable && harmed.length ? <NoticeForm harmed={harmed} /> : null}
    </section>
  );
}

function MonitoredTerm({ m, index, editable }: { m: Monitored; index: number; editable: boolean }) {
  const progress = useFormFetcher();
  const payment = useFormFetcher();
  const id = `progress-${m.term.id}`;
  return (
    <li className={`term-card due-${m.dueState ?? "none"}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {index + 1}. {TERM_TYPE_LABELS[m.term.type] ?? "Term"}
      </h3>
      <p className="term-description">{m.term.description}</p>
      <p className="row">
        <span className={`badge progress-${m.status.toLowerCase()}`}>{PROGRESS_LABELS[m.status]}</span>
        {m.dueState === "overdue" ? <span className="badge overdue">Overdue since {formatDay(m.term.dueDate!)}</span> : null}
        {m.dueState === "due" ? <span className="badge due">Due {formatDay(m.term.dueDate!)}</span> : null}
        {m.term.amountPence !== null ? (
          <span>
            Paid {formatPence(m.paidPence)} of {formatPence(m.term.amountPence)}
          </span>
        ) : null}
      </p>
      {m.history[0]?.note ? (
        <p className="hint">
          Latest note ({m.history[0].by}, {formatDateTime(m.history[0].createdAt)}): {m.history[0].note}
        </p>
      ) : null}
      {editable ? (
        <progress.fetcher.Form method="post" className="row inline-form">
          <input type="hidden" name="intent" value="progress" />
          <input type="hidden" name="termId" value={m.term.id} />
          <SelectField
            id={`${id}-status`}
            name="status"
            label="Status"
            options={PROGRESS_STATUSES}
            labels={PROGRESS_LABELS}
            defaultValue={m.status as ProgressStatus}
            error={progress.errors.status}
          />
          <Field id={`${id}-note`} name="note" label="Note (optional)" error={progress.errors.note} />
          <div className="field">
            <button type="submit" disabled={progress.busy}>
              {progress.busy ? "Saving…" : "Save status"}
            </button>
          </div>
          <FormMessage error={progress.errors.form ?? progress.errors.termId} done={progress.done} />
        </progress.fetcher.Form>
      ) : null}
      {m.term.type === "RESTITUTION" ? (
        <>
          {m.payments.length ? (
            <ul className="payment-list" aria-label={`Payments for term ${index + 1}`}>
              {m.payments.map((p) => (
                <li key={p.id}>
                  {formatPence(p.amountPence)} received {formatDate(p.receivedAt)} (recorded by {p.by})
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No payments yet.</p>
          )}
          {editable ? (
            <payment.fetcher.Form method="post" className="row inline-form" key={payment.successKey}>
              <input type="hidden" name="intent" value="payment" />
              <input type="hidden" name="termId" value={m.term.id} />
              <Field id={`${id}-amount`} name="amount" label="Payment received (£)" error={payment.errors.amount} />
              <Field
                id={`${id}-received`}
                name="receivedAt"
                type="date"
                label="Received on"
                defaultValue={toZonedInput(new Date()).slice(0, 10)}
                error={payment.errors.receivedAt}
              />
              <div className="field">
                <button type="submit" disabled={payment.busy}>
                  {payment.busy ? "Saving…" : "Record payment"}
                </button>
              </div>
              <FormMessage error={payment.errors.form ?? payment.errors.termId} done={payment.done} />
            </payment.fetcher.Form>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

function NoticeForm({ harmed }: { harmed: Workspace["participants"] }) {
  const { fetcher, errors, busy } = useFormFetcher();
  return (
    <fetcher.Form method="post" className="stack notice-form" aria-label="Record that the person harmed was told">
      <input type="hidden" name="intent" value="notice" />
      <SelectField
        id="notice-outcome"
        name="outcome"
        label="Outcome"
        options={NOTICE_OUTCOMES}
        labels={NOTICE_OUTCOME_LABELS}
        placeholder="Choose the outcome"
        error={errors.outcome}
      />
      <SelectField
        id="notice-person"
        name="participantId"
        label="Who was told"
        options={harmed.map((p) => p.id)}
        labels={Object.fromEntries(harmed.map((p) => [p.id, p.name]))}
        defaultValue={harmed[0]?.id}
        error={errors.participantId}
      />
      <SelectField
        id="notice-method"
        name="method"
        label="How they were told"
        options={NOTICE_METHODS}
        labels={NOTICE_METHOD_LABELS}
        placeholder="Choose how"
        error={errors.method}
      />
      <Field id="notice-date" name="toldAt" type="date" label="When" defaultValue={toZonedInput(new Date()).slice(0, 10)} error={errors.toldAt} />
      <TextAreaField id="notice-note" name="note" label="Note (optional)" error={errors.note} maxLength={1000} rows={2} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Record and close monitoring"}
        </button>
      </div>
      <FormMessage error={errors.form} />
    </fetcher.Form>
  );
}
