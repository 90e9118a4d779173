import { DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import {
  EXCHANGE_DELIVERY_LABELS,
  EXCHANGE_DELIVERY_METHODS,
  EXCHANGE_GATHERING_LABELS,
  EXCHANGE_KIND_LABELS,
  EXCHANGE_STATUS_LABELS,
  EXCHANGE_WORDING_LABELS,
} from "~/models/exchange-labels";
import { formatDateTime, formatDay } from "~/utils/format";
import { YES_NO, YES_NO_LABELS } from "./exchange-forms";
import type { Message, Thread } from "./exchange-types";

/** `workspaces`: the parties with their own message workspace open (a message can be delivered into it). */
type Props = { caseId: string; canRecord: boolean; today: string; workspaces: string[] };

/** The case's exchange as one timeline: each question (or message) with its answers beneath it. */
export function ExchangeTimeline({ timeline, ...props }: Props & { timeline: Thread[] }) {
  if (timeline.length === 0) return <p className="empty">Nothing has been passed between the parties yet. Record a question or a message one of them wants the other to have.</p>;
  return (
    <ol className="exchange-timeline" aria-label="Messages between the parties">
      {timeline.map((t) => (
        <li key={t.item.id} className="exchange-thread">
          <MessageCard m={t.item} {...props} />
          {t.replies.length ? (
            <ol className="exchange-replies" aria-label="Answers">
              {t.replies.map((r) => (
                <li key={r.id}>
                  <MessageCard m={r} {...props} />
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function MessageCard({ m, caseId, canRecord, today, workspaces }: Props & { m: Message }) {
  const edited = m.edits.length > 0;
  return (
    <article className={`exchange-message status-${m.status.toLowerCase()}`} aria-label={`${EXCHANGE_KIND_LABELS[m.kind]} from ${m.fromName}`}>
      <header className="contact-head">
        <strong>
          {EXCHANGE_KIND_LABELS[m.kind]}: {m.fromName} → {m.toName}
        </strong>
        <span className={`badge ${m.status === "RECORDED" ? "muted" : "status-ok"}`}>{EXCHANGE_STATUS_LABELS[m.status]}</span>
      </header>
      <p className="hint">
        {EXCHANGE_GATHERING_LABELS[m.gatheredBy]}, {formatDay(m.gatheredOn)} ·{" "}
        {m.senderConsent ? `Agreed to pass on, ${EXCHANGE_WORDING_LABELS[m.consentWording].toLowerCase()}` : "Not agreed to pass on"} · recorded by {m.recordedBy.name}
      </p>
      <div className={edited ? "exchange-texts" : undefined}>
        <blockquote className="exchange-text" aria-label={edited ? "As recorded" : "Text"}>
          {edited ? <p className="eyebrow">As recorded</p> : null}
          <p>{m.text}</p>
        </blockquote>
        {edited ? (
          <blockquote className="exchange-text" aria-label="To pass on">
            <p className="eyebrow">To pass on</p>
            <p>{m.passOn}</p>
          </blockquote>
        ) : null}
      </div>
      {m.edits.length ? (
        <ul className="exchange-edits" aria-label="Safety edits">
          {m.edits.map((e) => (
            <li key={e.id}>
              <span className="hint">
                Edited by {e.editedBy.name}, {formatDateTime(e.createdAt)} · {e.senderAgreed ? "the sender agreed" : "the sender has not agreed"} · why: {e.reason}
              </span>
              <q className="exchange-edit-text">{e.text}</q>
            </li>
          ))}
        </ul>
      ) : null}
      {m.approvedAt ? (
        <p className="hint">
          Approved by {m.approvedBy?.name}, {formatDateTime(m.approvedAt)}
        </p>
      ) : null}
      {m.deliveryMethod && m.deliveredOn ? (
        <p className="hint">
          {EXCHANGE_DELIVERY_LABELS[m.deliveryMethod]}, {formatDay(m.deliveredOn)}, by {m.deliveredBy?.name}
        </p>
      ) : null}
      {canRecord ? <Review m={m} caseId={caseId} today={today} inWorkspace={workspaces.includes(m.toId)} /> : null}
    </article>
  );
}

/** What a facilitator can do next with the message, with the rule's reason when it cannot be done. */
function Review({ m, caseId, today, inWorkspace }: { m: Message; caseId: string; today: string; inWorkspace: boolean }) {
  return (
    <div className="exchange-review">
      {m.editable ? (
        <details className="panel add-panel">
          <summary>Edit for safety</summary>
          <EditForm m={m} caseId={caseId} />
        </details>
      ) : null}
      {m.status === "RECORDED" ? <ApproveForm m={m} caseId={caseId} /> : null}
      {m.status === "APPROVED" ? <DeliverForm m={m} caseId={caseId} today={today} inWorkspace={inWorkspace} /> : null}
    </div>
  );
}

function EditForm({ m, caseId }: { m: Message; caseId: string }) {
  const { fetcher, errors, formError, done, busy } = useFormFetcher({ key: `exchange-edit-${m.id}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/exchange`} noValidate className="exchange-form">
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="messageId" value={m.id} />
      <p className="hint">The words as recorded stay in the record; the other party gets the edited text only once the sender has agreed to it.</p>
      <TextAreaField id={`edit-text-${m.id}`} name="text" label="Text to pass on" rows={4} maxLength={4000} defaultValue={m.passOn} error={errors.text} />
      <TextAreaField id={`edit-reason-${m.id}`} name="reason" label="Why it needs changing" rows={2} maxLength={4000} error={errors.reason} />
      <SelectField
        id={`edit-agreed-${m.id}`}
        name="senderAgreed"
        label="The sender agreed to the change"
        options={YES_NO}
        labels={YES_NO_LABELS}
        placeholder="Choose"
        error={errors.senderAgreed}
      />
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy}>
        Record the edit
      </button>
    </fetcher.Form>
  );
}

function ApproveForm({ m, caseId }: { m: Message; caseId: string }) {
  const { fetcher, formError, done, busy } = useFormFetcher({ key: `exchange-approve-${m.id}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/exchange`} className="exchange-form">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="messageId" value={m.id} />
      {m.approval.ok ? null : <p className="hint">{m.approval.reason}</p>}
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy || !m.approval.ok}>
        Approve to pass on
      </button>
    </fetcher.Form>
  );
}

function DeliverForm({ m, caseId, today, inWorkspace }: { m: Message; caseId: string; today: string; inWorkspace: boolean }) {
  // Into their own workspace only when they have one open (the server checks it too).
  const methods = EXCHANGE_DELIVERY_METHODS.filter((method) => inWorkspace || method !== "IN_WORKSPACE");
  const { fetcher, errors, formError, done, busy } = useFormFetcher({ key: `exchange-deliver-${m.id}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/exchange`} noValidate className="exchange-form">
      <input type="hidden" name="intent" value="deliver" />
      <input type="hidden" name="messageId" value={m.id} />
      {m.delivery.ok ? null : <p className="hint">{m.delivery.reason}</p>}
      <div className="exchange-grid">
        <SelectField
          id={`deliver-method-${m.id}`}
          name="method"
          label="How it reached them"
          options={methods}
          labels={EXCHANGE_DELIVERY_LABELS}
          placeholder="Choose"
          error={errors.method}
        />
        <DateTimeField id={`deliver-on-${m.id}`} name="deliveredOn" type="date" label="On" defaultValue={today} error={errors.deliveredOn} />
      </div>
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy || !m.delivery.ok}>
        Mark as delivered
      </button>
    </fetcher.Form>
  );
}
