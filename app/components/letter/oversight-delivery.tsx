import { Link } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/ui/field";
import { CheckboxField, DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { DELIVERY_CHOICE_LABELS, DELIVERY_CHOICES, RELEASE_METHOD_LABELS, RELEASE_METHODS, type DeliveryChoice } from "~/models/letter-labels";
import { formatDateTime } from "~/utils/format";
import { CONSENT_METHOD_LABELS, CONSENT_METHODS } from "~/utils/preparation";
import type { ReleaseCheck } from "./letter-delivery";
import type { OversightLetter } from "./letter-oversight";
import { type LetterAnswer } from "./oversight-review";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

type Props = { letter: OversightLetter; canModerate: boolean; canRelease: boolean; release: ReleaseCheck };

/** The letter's recipient decides (whoever they are): their recorded choice (newest counts), delivery, destruction, closing; a delivered letter can be answered. */
export function DeliveryPanel({ letter, canModerate, canRelease, release }: Props) {
  const approved = letter.status === "APPROVED" || letter.status === "RELEASED";
  return (
    <section className="card section-gap" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">What {letter.recipient || "the recipient"} wants</h2>
      {letter.choices.length === 0 ? (
        <p>No choice recorded yet. The letter cannot be delivered until {letter.recipient} has said whether, when and how they want it.</p>
      ) : (
        <ul className="plain" aria-label="Choices recorded, newest first">
          {letter.choices.map((c, i) => (
            <li key={c.id}>
              <strong>{DELIVERY_CHOICE_LABELS[c.choice as DeliveryChoice] ?? c.choice}</strong>
              {c.deliverAfter ? ` from ${formatDateTime(c.deliverAfter)}` : ""}
              {c.redactSignature ? " · without the signature" : ""}
              {c.redactFirstName ? " · without their first name" : ""}
              <span className="hint">
                {" "}
                · recorded {formatDateTime(c.createdAt)}
                {i === 0 ? " (current)" : " (replaced)"}
              </span>
              {c.tellAuthor ? <p className="hint">The author may be told: “{c.tellAuthor}”</p> : null}
            </li>
          ))}
        </ul>
      )}
      {approved ? (
        <div className={`alert ${release.ok ? "success" : "warn"}`} role="status" data-testid="release-state">
          {letter.status === "RELEASED"
            ? `Delivered ${letter.releases[0] ? formatDateTime(letter.releases[0].releasedAt) : ""}.`
            : release.ok
              ? `Ready to deliver as ${letter.recipient || "the recipient"} chose.`
              : release.reason}
        </div>
      ) : null}
      {canRelease && letter.status === "APPROVED" ? <ReleaseForm ok={release.ok} /> : null}
      {canRelease && approved ? (
        <p className="row">
          <Link className="button secondary" to={`/cases/${letter.caseId}/letters/${letter.id}/print`}>
            Print view
          </Link>
          <a className="button secondary" href={`/cases/${letter.caseId}/letters/${letter.id}/pdf`}>
            Download PDF
          </a>
        </p>
      ) : null}
      {canModerate && letter.status === "RELEASED" ? (
        <p className="row">
          <Link className="button secondary" to={`/cases/${letter.caseId}/letters?replyTo=${letter.id}#open-heading`} data-testid="open-reply">
            Open a reply
          </Link>
          <span className="hint">
            For {letter.recipient || "the recipient"} to answer {letter.writer || "the writer"}.
          </span>
        </p>
      ) : null}
      {canModerate && letter.status !== "DESTROYED" ? <ChoiceForm /> : null}
      {canRelease ? <DestroyForm /> : null}
      {canModerate ? <CloseForm /> : null}
    </section>
  );
}

function ChoiceForm() {
  const { fetcher, errors, done, successKey, busy } = useFormFetcher<LetterAnswer>();
  const [choice, setChoice] = useState<DeliveryChoice>("RECEIVE_NOW");
  return (
    <details className="section-gap">
      <summary className="tap">Record their choice</summary>
      <fetcher.Form
        method="post"
        className="grid-2"
        key={successKey}
        onChange={(e) => {
          const t = e.target as HTMLSelectElement;
          if (t.name === "choice") setChoice(t.value as DeliveryChoice);
        }}
      >
        <input type="hidden" name="intent" value="choice" />
        <SelectField id="choice" name="choice" label="They chose to" options={DELIVERY_CHOICES} labels={DELIVERY_CHOICE_LABELS} defaultValue={choice} error={errors.choice} />
        <SelectField id="method" name="method" label="They told us" options={CONSENT_METHODS} labels={CONSENT_METHOD_LABELS} defaultValue="IN_PERSON" error={errors.method} />
        {choice === "DELIVER_LATER" ? <DateTimeField id="deliverAfter" name="deliverAfter" label="Not before" error={errors.deliverAfter} /> : null}
        <div style={{ gridColumn: "1 / -1" }}>
          <CheckboxField id="redactSignature" name="redactSignature" label="Leave out the author's signature" />
          <CheckboxField id="redactFirstName" name="redactFirstName" label="Leave out their first name" />
        </div>
        <div style={{ gridColumn: "1 / -1" }}>
          <TextAreaField
            id="tellAuthor"
            name="tellAuthor"
            label="What the author may be told (optional)"
            hint="Only what the recipient agreed to. The author sees exactly this."
            error={errors.tellAuthor}
            maxLength={1000}
          />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            Record the choice
          </button>
        </div>
        <FormMessage error={errors.form} done={done} />
      </fetcher.Form>
    </details>
  );
}

function ReleaseForm({ ok }: { ok: boolean }) {
  const { fetcher, errors, done, busy } = useFormFetcher<LetterAnswer>();
  return (
    <fetcher.Form method="post" className="row section-gap">
      <input type="hidden" name="intent" value="release" />
      <div style={{ flex: "1 1 260px" }}>
        <SelectField
          id="releaseMethod"
          name="method"
          label="How it is delivered"
          options={RELEASE_METHODS}
          labels={RELEASE_METHOD_LABELS}
          defaultValue="IN_PERSON"
          error={errors.method}
        />
      </div>
      <div className="field">
        <button type="submit" disabled={busy || !ok} aria-describedby={ok ? undefined : "release-state-hint"}>
          Deliver the letter
        </button>
        {ok ? null : (
          <p className="visually-hidden" id="release-state-hint">
            Delivery is not possible now: see the reason above.
          </p>
        )}
      </div>
      <div style={{ flexBasis: "100%" }}>
        <FormMessage error={errors.form} done={done} />
      </div>
    </fetcher.Form>
  );
}

function DestroyForm() {
  const { fetcher, errors, done, busy } = useFormFetcher<LetterAnswer>();
  return (
    <details className="section-gap">
      <summary className="tap">Destroy the letter</summary>
      <fetcher.Form method="post" className="stack">
        <input type="hidden" name="intent" value="destroy" />
        <p>This deletes the draft, every version, comment and suggestion for good, and ends the author's access. Only an audit record remains.</p>
        <Field id="confirm" name="confirm" label='Type "destroy" to confirm' error={errors.confirm} autoComplete="off" />
        <button type="submit" className="danger" disabled={busy}>
          Destroy the letter
        </button>
        <FormMessage error={errors.form} done={done} />
      </fetcher.Form>
    </details>
  );
}

function CloseForm() {
  const { fetcher, errors, done, busy } = useFormFetcher<LetterAnswer>();
  return (
    <fetcher.Form method="post" className="section-gap" onSubmit={(e) => !window.confirm("Close this letter? The author will no longer be able to sign in.") && e.preventDefault()}>
      <input type="hidden" name="intent" value="close" />
      <button type="submit" className="secondary" disabled={busy}>
        Close the letter and end the author's access
      </button>
      <FormMessage error={errors.form} done={done} />
    </fetcher.Form>
  );
}
