import { Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/ui/field";
import { FormMessage, TextAreaField } from "~/components/ui/form-controls";
import type { GateResult } from "~/models/gates";

type Person = { id: string; name: string; preferredName: string };
type Props = { gate: GateResult; candidates: { writers: Person[]; recipients: Person[] }; defaultGuidance: string[] };
// `reasons` only when the letter gate refused; a form with field errors comes back without them.
type Answer = { ok: false; errors: Record<string, string | undefined>; reasons?: string[] } | { ok: true; letterId: string; inviteCode: string; username: string };

/** Opening a letter: who writes to whom, how the author sees the recipient named, and their sign-in. */
export function OpenLetterForm({ gate, candidates, defaultGuidance }: Props) {
  const fetcher = useFetcher<Answer>();
  const answer = fetcher.data;
  const errors = answer && !answer.ok ? answer.errors : {};
  const [access, setAccess] = useState<"password" | "invite">("password");
  const reasons = !gate.ok ? gate.reasons : answer && !answer.ok ? (answer.reasons ?? []) : [];
  if (answer?.ok) {
    return (
      <section className="card section-gap" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Letter opened: hand over this invite code</h2>
        <p>Give the person responsible their username and this one-time code in person. It is shown only once and works for 14 days.</p>
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
      <h2 id="open-heading">Open a letter</h2>
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
          <PersonSelect id="writerId" label="Who writes it (person responsible)" people={candidates.writers} error={errors.writerId} />
          <PersonSelect id="recipientId" label="Who it is for (person harmed)" people={candidates.recipients} error={errors.recipientId} />
          <Field
            id="recipientLabel"
            name="recipientLabel"
            label="How the author sees them named"
            hint='For example their first name, or "the person harmed".'
            defaultValue={candidates.recipients[0]?.preferredName ?? ""}
            error={errors.recipientLabel}
          />
          <Field id="username" name="username" label="Username for the author" hint="Letters, digits, dots or underscores, e.g. dan_price." error={errors.username} />
          <div style={{ gridColumn: "1 / -1" }}>
            <TextAreaField
              id="guidance"
              name="guidance"
              label="Guidance for this author (optional)"
              hint={`Shown with the standard guidance: ${defaultGuidance.join(" ")}`}
              error={errors.guidance}
              maxLength={2000}
            />
          </div>
          <fieldset className="field" style={{ gridColumn: "1 / -1" }}>
            <legend>How they sign in</legend>
            <div className="field check">
              <input type="radio" id="access-password" name="access" value="password" checked={access === "password"} onChange={() => setAccess("password")} />
              <label htmlFor="access-password">I set a password now</label>
            </div>
            <div className="field check">
              <input type="radio" id="access-invite" name="access" value="invite" checked={access === "invite"} onChange={() => setAccess("invite")} />
              <label htmlFor="access-invite">Give them a one-time invite code to choose their own</label>
            </div>
          </fieldset>
          {access === "password" ? (
            <Field id="password" name="password" type="password" label="Password for the author" hint="At least 12 characters. Tell them in person." error={errors.password} />
          ) : null}
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

function PersonSelect({ id, label, people, error }: { id: string; label: string; people: Person[]; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={people[0]?.id ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
