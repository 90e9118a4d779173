import { useState } from "react";
import { Field } from "~/components/ui/field";
import { FormMessage } from "~/components/ui/form-controls";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { SignaturePadField } from "./signature-pad";
import { type Workspace, type WorkspaceParticipant, type WorkspaceVersion } from "./types";
import { Signatures, VersionBody } from "./version-view";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/**
 * Sign-off in the room. Preparing freezes the draft into a version (terms + narrative + SHA-256);
 * each participant present then signs that version on the tablet. Any edit to the draft after
 * that means a new version: signatures never move to new text.
 */
export function SigningPanel({ data }: { data: Workspace }) {
  const open = data.versions.find((v) => v.state === "SIGNING");
  const current = open && data.openIsCurrent ? open : undefined;
  return (
    <section className="card section-gap signing" aria-labelledby="signing-heading">
      <h2 id="signing-heading">Sign-off in the room</h2>
      {open && !current ? (
        <p className="alert warn" role="status">
          The draft changed after version {open.number} was prepared, so its {open.signatures.length} signature{open.signatures.length === 1 ? "" : "s"} stay with that text.
          Prepare the new version and everyone signs again.
        </p>
      ) : null}
      {current ? <OpenVersion version={current} participants={data.participants} me={data.me.name} /> : <Prepare />}
    </section>
  );
}

function Prepare() {
  const { fetcher, errors, busy } = useFormFetcher();
  return (
    <fetcher.Form method="post" className="stack">
      <p className="hint">When the terms and the narrative are agreed, freeze them into a version. Everyone then reads and signs exactly that text.</p>
      <input type="hidden" name="intent" value="freeze" />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Preparing…" : "Prepare the version for signing"}
        </button>
      </div>
      <FormMessage error={errors.form} />
    </fetcher.Form>
  );
}

function OpenVersion({ version, participants, me }: { version: WorkspaceVersion; participants: WorkspaceParticipant[]; me: string }) {
  const signed = new Set(version.signatures.map((s) => s.participantId));
  const waiting = participants.filter((p) => !signed.has(p.id));
  const submit = useFormFetcher();
  return (
    <div className="stack">
      <p className="hint">Version {version.number} is frozen. Read it aloud, then each person present signs below.</p>
      {/* The stored text of the version, always open beside the signatures: the draft above can
          change while people sign, and what is read aloud must be exactly what is signed. */}
      <div className="frozen-version" role="region" aria-labelledby={`frozen-${version.id}`}>
        <h3 id={`frozen-${version.id}`}>What is being signed: version {version.number}</h3>
        <VersionBody version={version} />
      </div>
      <h3>Signed</h3>
      <Signatures version={version} participants={participants} />
      {waiting.length ? <h3>Still to sign</h3> : null}
      <ul className="sign-list">
        {waiting.map((p) => (
          <li key={p.id}>
            <SignForm version={version} person={p} me={me} />
          </li>
        ))}
      </ul>
      <submit.fetcher.Form method="post" className="form-actions submit-version">
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="versionId" value={version.id} />
        <button type="submit" disabled={submit.busy || version.signatures.length === 0}>
          {submit.busy ? "Sending…" : "Send to the supervisor for review"}
        </button>
      </submit.fetcher.Form>
      <FormMessage error={submit.errors.form} />
    </div>
  );
}

function SignForm({ version, person, me }: { version: WorkspaceVersion; person: WorkspaceParticipant; me: string }) {
  const { fetcher, errors, busy } = useFormFetcher({ key: `sign-${version.id}-${person.id}` });
  const [method, setMethod] = useState<"DRAWN" | "TYPED">("DRAWN");
  const [drawing, setDrawing] = useState("");
  const prefix = `sign-${person.id}`;
  return (
    <fetcher.Form method="post" className="card sign-form stack" aria-label={`Signature of ${person.name}`}>
      <input type="hidden" name="intent" value="sign" />
      <input type="hidden" name="versionId" value={version.id} />
      <input type="hidden" name="participantId" value={person.id} />
      <input type="hidden" name="method" value={method} />
      <h4>
        {person.name} <span className="hint">({PARTICIPANT_ROLE_LABELS[person.role].toLowerCase()})</span>
      </h4>
      <fieldset className="row method-choice">
        <legend className="visually-hidden">How {person.name} signs</legend>
        <label className="check-chip" htmlFor={`${prefix}-drawn`}>
          <input id={`${prefix}-drawn`} type="radio" name={`${prefix}-how`} checked={method === "DRAWN"} onChange={() => setMethod("DRAWN")} /> Sign with a finger
        </label>
        <label className="check-chip" htmlFor={`${prefix}-typed`}>
          <input id={`${prefix}-typed`} type="radio" name={`${prefix}-how`} checked={method === "TYPED"} onChange={() => setMethod("TYPED")} /> Type their name
        </label>
      </fieldset>
      {method === "DRAWN" ? (
        <>
          <SignaturePadField id={`${prefix}-pad`} label={`${person.name}, sign here`} onChange={setDrawing} error={errors.drawing} />
          <input type="hidden" name="drawing" value={drawing} />
        </>
      ) : (
        <>
          <Field id={`${prefix}-name`} name="typedName" label="Name as they sign it" defaultValue={person.name} error={errors.typedName} />
          <div className="field check">
            <input id={`${prefix}-attest`} type="checkbox" name="attest" value="on" aria-describedby={errors.attest ? `${prefix}-attest-error` : undefined} />
            <label htmlFor={`${prefix}-attest`}>
              I, {me}, saw {person.name} read and agree to version {version.number}
            </label>
            {errors.attest ? (
              <p className="field-error" id={`${prefix}-attest-error`}>
                {errors.attest}
              </p>
            ) : null}
          </div>
        </>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : `Confirm ${person.shortName}'s signature`}
        </button>
      </div>
      <FormMessage error={errors.form ?? errors.participantId} />
    </fetcher.Form>
  );
}
