import { Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { AuthorSignInFields } from "~/components/ui/author-sign-in";
import { Field } from "~/components/ui/field";
import { FormMessage, TextAreaField } from "~/components/ui/form-controls";
import type { GateResult } from "~/models/gates";
import { guidanceFor } from "./letter-writers";

type Person = { id: string; role: string; name: string; label: string; preferredName: string };
type Reply = { replyToId: string; writerId: string; recipientId: string; from: string; to: string };
type Props = { gate: GateResult; candidates: { writers: Person[]; recipients: Person[] }; reply: Reply | null };
// `reasons` only when the letter gate refused; a form with field errors comes back without them.
type Answer = { ok: false; errors: Record<string, string | undefined>; reasons?: string[] } | { ok: true; letterId: string; inviteCode: string; username: string };

/** The element ids the letter form has always had. */
const LETTER_IDS = (part: "existing" | "invite" | "password" | "username" | "password-field") =>
  ({ existing: "access-existing", invite: "access-invite", password: "access-password", username: "username", "password-field": "password" })[part];

/** The first recipient who is not the writer, preferring the other side (a person harmed writes to the person responsible). */
const recipientFor = (writer: Person | undefined, recipients: Person[]) =>
  recipients.find((r) => r.id !== writer?.id && r.role !== writer?.role) ?? recipients.find((r) => r.id !== writer?.id);

/**
 * Opening a letter: who writes to whom (any eligible writer, to a person harmed or responsible who
 * is not the writer), how the author sees the recipient named, and their sign-in. A reply comes with
 * its writer and recipient fixed by the letter it answers.
 */
export function OpenLetterForm({ gate, candidates, reply }: Props) {
  const fetcher = useFetcher<Answer>();
  const [writerId, setWriterId] = useState(reply?.writerId ?? candidates.writers[0]?.id ?? "");
  const writer = candidates.writers.find((w) => w.id === writerId);
  const [recipientId, setRecipientId] = useState(reply?.recipientId ?? recipientFor(writer, candidates.recipients)?.id ?? "");
  const recipient = candidates.recipients.find((r) => r.id === recipientId);
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : {};
  const reasons = !gate.ok ? gate.reasons : answer && !answer.ok ? (answer.reasons ?? []) : [];
  if (answer?.ok) {
    return (
      <section className="card section-gap" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Letter opened: hand over this invite code</h2>
        <p>Give the author their username and this one-time code in person. It is shown only once and works for 14 days.</p>
        <p>
          Username: <strong>{answer.username}</strong>
        </p>
        <p className="invite-code" data-testid="invite-code">
          {answer.inviteCode}
        </p>
        <p>They sign in at Circle's sign-in page with “I have an invite code”.</p>
        <Link className="button" to={answer.letterId}>
          Go to the letter
        </Link>
      </section>
    );
  }
  return (
    <section className="card section-gap" aria-labelledby="open-heading">
      <h2 id="open-heading">{reply ? "Open a reply" : "Open a letter"}</h2>
      {reply ? <p data-testid="reply-draft">{`A reply to the letter from ${reply.from} to ${reply.to}: ${reply.to} writes, ${reply.from} receives it.`}</p> : null}
      {reasons.length ? (
        <div className="alert warn" role="status">
          <p style={{ marginTop: 0 }}>A letter cannot be opened yet:</p>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {gate.ok ? (
        <fetcher.Form method="post" className="grid-2" noValidate>
          <input type="hidden" name="intent" value="open" />
          <input type="hidden" name="replyToId" value={reply?.replyToId ?? ""} />
          <PersonSelect
            id="writerId"
            label="Who writes it"
            people={candidates.writers}
            value={writerId}
            fixed={!!reply}
            onChange={(id) => {
              setWriterId(id);
              if (id === recipientId || !recipientId)
                setRecipientId(
                  recipientFor(
                    candidates.writers.find((w) => w.id === id),
                    candidates.recipients,
                  )?.id ?? "",
                );
            }}
            error={errors.writerId ?? errors.replyToId}
          />
          <PersonSelect
            id="recipientId"
            label="Who it is for"
            people={candidates.recipients.filter((r) => r.id !== writerId)}
            value={recipientId}
            fixed={!!reply}
            onChange={setRecipientId}
            error={errors.recipientId}
          />
          <Field
            key={recipientId}
            id="recipientLabel"
            name="recipientLabel"
            label="How the author sees them named"
            hint='For example their first name, or "the person you are writing to".'
            defaultValue={recipient?.preferredName ?? ""}
            error={errors.recipientLabel}
          />
          <div style={{ gridColumn: "1 / -1" }}>
            <TextAreaField
              id="guidance"
              name="guidance"
              label="Guidance for this author (optional)"
              hint={`Shown with the standard guidance for ${writer ? writer.label : "the writer"}: ${guidanceFor(writer?.role ?? "").join(" ")}`}
              error={errors.guidance}
              maxLength={2000}
            />
          </div>
          <div style={{ gridColumn: "1 / -1" }}>
            <AuthorSignInFields id={LETTER_IDS} order={["password", "invite"]} errors={errors} labelSuffix=" for the author" />
          </div>
          <div className="form-actions">
            <button type="submit" disabled={fetcher.state !== "idle"}>
              {fetcher.state !== "idle" ? "Opening…" : "Open the letter"}
            </button>
          </div>
          <FormMessage error={errors.form} />
        </fetcher.Form>
      ) : null}
    </section>
  );
}

type SelectProps = { id: string; label: string; people: Person[]; value: string; fixed: boolean; onChange: (id: string) => void; error?: string };

/** A choice of person; for a reply the person is fixed, shown as text and sent as a hidden field. */
function PersonSelect({ id, label, people, value, fixed, onChange, error }: SelectProps) {
  const chosen = people.find((p) => p.id === value);
  return (
    <div className="field">
      {fixed ? (
        <>
          <span className="label">{label}</span>
          <p id={id}>{chosen?.label ?? "Not on the case any more"}</p>
          <input type="hidden" name={id} value={value} />
        </>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <select
            id={id}
            name={id}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </>
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
