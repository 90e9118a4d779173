import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ConsentFormResult, WithdrawalPreview } from "~/models/people-schemas";
import { Field } from "~/components/ui/field";
import { DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { formatDateTime, toZonedInput } from "~/utils/format";
import {
  CONSENT_ANSWER_LABELS,
  CONSENT_ANSWERS,
  CONSENT_ELEMENT_LABELS,
  CONSENT_ELEMENTS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  displayName,
  type ConsentAnswer,
  type ConsentElement,
} from "~/utils/preparation";
import { peopleAction } from "./people-fetcher";
import type { PrepParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { Fold } from "~/components/ui/fold";

/** An answer as text with a symbol; the colour (people.css) only repeats what the words say. */
export function AnswerBadge({ answer }: { answer: ConsentAnswer | undefined }) {
  if (!answer)
    return (
      <span className="answer answer-none">
        <span aria-hidden="true">–</span> Not asked
      </span>
    );
  const symbol = { YES: "✓", NO: "✕", UNDECIDED: "?", WITHDRAWN: "↩" }[answer];
  return (
    <span className={`answer answer-${answer.toLowerCase()}`}>
      <span aria-hidden="true">{symbol}</span> {CONSENT_ANSWER_LABELS[answer]}
    </span>
  );
}

type Row = { key: string; element: ConsentElement; sharedWith: string; label: string; answer: ConsentAnswer | undefined };

function consentRows(p: PrepParticipant): Row[] {
  const rows: Row[] = CONSENT_ELEMENTS.filter((e) => e !== "SHARE_INFORMATION").map((element) => ({
    key: element,
    element,
    sharedWith: "",
    label: CONSENT_ELEMENT_LABELS[element],
    answer: p.consent[element],
  }));
  const sharing = p.sharing.map((s) => ({
    key: `share-${s.party}`,
    element: "SHARE_INFORMATION" as const,
    sharedWith: s.party,
    label: `Share information with ${s.party}`,
    answer: s.answer,
  }));
  if (sharing.length === 0) return [...rows, { key: "share", element: "SHARE_INFORMATION", sharedWith: "", label: "Share information with a named party", answer: undefined }];
  return [...rows, ...sharing];
}

/**
 * Withdraw a yes (the person's own, or a guardian's for them with `guardianId`). Without
 * JavaScript this opens the withdrawal page with the question; with it, the same question comes
 * from the server into the dialog. Never one tap.
 */
function WithdrawButton(p: { caseId: string; participantId: string; row: Row; guardianId?: string; label: string; withdraw: ReturnType<typeof useWithdrawal> }) {
  return (
    <form method="get" action={`/cases/${p.caseId}/consent/withdraw`} onSubmit={p.withdraw.ask}>
      <input type="hidden" name="participantId" value={p.participantId} />
      {p.guardianId ? <input type="hidden" name="guardianId" value={p.guardianId} /> : null}
      <input type="hidden" name="element" value={p.row.element} />
      <input type="hidden" name="sharedWith" value={p.row.sharedWith} />
      <button type="submit" className="danger" disabled={p.withdraw.busy}>
        Withdraw
        <span className="visually-hidden">
          {" "}
          {p.label}: {p.row.label.toLowerCase()}
        </span>
      </button>
    </form>
  );
}

/** The question, if asked, then what happened: neutral, not a green success (something was taken away, and a conference may have stopped). */
function WithdrawOutcome({ withdraw }: { withdraw: ReturnType<typeof useWithdrawal> }) {
  return (
    <>
      <WithdrawDialog withdraw={withdraw} />
      {withdraw.formError ? <FormMessage error={withdraw.formError} /> : null}
      {withdraw.done ? (
        <p className="alert info" role="status">
          {withdraw.done}
        </p>
      ) : null}
    </>
  );
}

/**
 * One participant's consent: the current answer per element as a compact grid, a Withdraw beside
 * each yes (never one tap: the server says first what it would do), a form to record a new
 * answer, and the full history (newest first). For a young person with a parent or guardian
 * linked, each guardian's answer stands beside their own, per element, and the same form records either.
 */
export function ConsentPanel({ caseId, participant, guardians = [], canEdit }: { caseId: string; participant: PrepParticipant; guardians?: PrepParticipant[]; canEdit: boolean }) {
  const name = displayName(participant);
  const rows = consentRows(participant);
  const withdraw = useWithdrawal(caseId);
  if (guardians.length) return <ConsentWithGuardians caseId={caseId} participant={participant} guardians={guardians} canEdit={canEdit} rows={rows} withdraw={withdraw} />;
  return (
    <div className="consent">
      <h4 id={`p-${participant.id}-consent`}>Consent</h4>
      {participant.age.child ? (
        <p className="alert warn">
          {name} is under 18: a parent or guardian's consent is needed beside theirs. Add them to the case (or edit their details) and tick "Parent or guardian of {name}".
        </p>
      ) : null}
      <table className="consent-grid" aria-labelledby={`p-${participant.id}-consent`}>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Current answer</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>
                <AnswerBadge answer={r.answer} />
              </td>
              {canEdit ? (
                <td className="consent-action">
                  {r.answer === "YES" ? <WithdrawButton caseId={caseId} participantId={participant.id} row={r} label={`${name}'s consent`} withdraw={withdraw} /> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <WithdrawOutcome withdraw={withdraw} />
      {canEdit ? (
        <Fold
          className="panel"
          summary={
            <>
              Record an answer<span className="visually-hidden"> for {name}</span>
            </>
          }
        >
          <RecordConsentForm caseId={caseId} participant={participant} />
        </Fold>
      ) : null}
      <ConsentHistory participant={participant} />
    </div>
  );
}

/**
 * The grid for a young person with parents or guardians: one column for their own answer and one
 * per guardian, each answer with its own Withdraw. A guardian's answers to share information are
 * kept in the history only: no gate depends on them.
 */
function ConsentWithGuardians(p: {
  caseId: string;
  participant: PrepParticipant;
  guardians: PrepParticipant[];
  canEdit: boolean;
  rows: Row[];
  withdraw: ReturnType<typeof useWithdrawal>;
}) {
  const { participant, guardians, canEdit, caseId, rows, withdraw } = p;
  const name = displayName(participant);
  const headingId = `p-${participant.id}-consent`;
  return (
    <div className="consent">
      <h4 id={headingId}>Consent</h4>
      <p className="hint">
        {participant.age.child
          ? `${name} is under 18: taking part, meeting and a letter each need a yes from ${name} and from a parent or guardian.`
          : `A parent or guardian's answers are kept beside ${name}'s own: an answer ${name} gave before turning 18 needs one beside it.`}
      </p>
      <div className="consent-scroll">
        <table className="consent-grid with-guardians" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">{name}</th>
              {guardians.map((g) => (
                <th scope="col" key={g.id}>
                  {displayName(g)} <span className="hint">(parent or guardian)</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const share = r.element === "SHARE_INFORMATION";
              return (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>
                    <span className="consent-cell">
                      <AnswerBadge answer={r.answer} />
                      {canEdit && r.answer === "YES" ? (
                        <WithdrawButton caseId={caseId} participantId={participant.id} row={r} label={`${name}'s consent`} withdraw={withdraw} />
                      ) : null}
                    </span>
                  </td>
                  {guardians.map((g) => {
                    const answer = share ? undefined : participant.guardianConsent[g.id]?.[r.element];
                    return (
                      <td key={g.id}>
                        {share ? (
                          <span className="hint">Not needed (any answer is kept in the history below)</span>
                        ) : (
                          <span className="consent-cell">
                            <AnswerBadge answer={answer} />
                            {canEdit && answer === "YES" ? (
                              <WithdrawButton
                                caseId={caseId}
                                participantId={participant.id}
                                guardianId={g.id}
                                row={r}
                                label={`${displayName(g)}'s consent for ${name}`}
                                withdraw={withdraw}
                              />
                            ) : null}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <WithdrawOutcome withdraw={withdraw} />
      {canEdit ? (
        <Fold
          className="panel"
          summary={
            <>
              Record an answer<span className="visually-hidden"> for {name}</span>
            </>
          }
        >
          <RecordConsentForm caseId={caseId} participant={participant} guardians={guardians} />
        </Fold>
      ) : null}
      <ConsentHistory participant={participant} />
    </div>
  );
}

/**
 * A withdrawal in two steps: Withdraw posts without a confirmation and the server answers (409)
 * with what it would do; "Withdraw consent" sends that back with its token. If it would now do
 * something else (a conference started meanwhile), the server asks again with the new words.
 */
function useWithdrawal(caseId: string) {
  const { fetcher, busy, formError, done } = useFormFetcher();
  const data = fetcher.data as ConsentFormResult | undefined;
  const asking = !busy && data && !data.ok && "confirm" in data ? data.confirm : null;
  const [dismissed, setDismissed] = useState<WithdrawalPreview | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const send = (fields: Record<string, string>) => fetcher.submit({ intent: "withdraw", ...fields }, { method: "post", action: peopleAction(caseId, "consent") });
  return {
    busy,
    formError,
    done,
    preview: asking && asking !== dismissed ? asking : null,
    /** The question was asked again because the answer to it changed. */
    changed: asking !== null && sent !== null && sent !== asking.token,
    ask(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      const form = new FormData(event.currentTarget);
      trigger.current = event.currentTarget.querySelector("button");
      setSent(null);
      send({
        participantId: String(form.get("participantId")),
        guardianId: String(form.get("guardianId") ?? ""),
        element: String(form.get("element")),
        sharedWith: String(form.get("sharedWith") ?? ""),
      });
    },
    confirm(preview: WithdrawalPreview) {
      setSent(preview.token);
      send({ participantId: preview.participantId, guardianId: preview.guardianId ?? "", element: preview.element, sharedWith: preview.sharedWith, confirm: preview.token });
    },
    keep(preview: WithdrawalPreview) {
      setDismissed(preview);
      trigger.current?.focus();
    },
  };
}

function WithdrawDialog({ withdraw }: { withdraw: ReturnType<typeof useWithdrawal> }) {
  const { preview } = withdraw;
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (preview) ref.current?.focus();
  }, [preview]);
  if (!preview) return null;
  return (
    <div
      className="alert warn consent-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-effects`}
      tabIndex={-1}
      ref={ref}
      data-testid="withdraw-dialog"
    >
      <p id={`${id}-q`}>
        <strong>{preview.question}</strong>
      </p>
      {withdraw.changed ? <p>What this would do has changed since you were asked. Read it again before you decide.</p> : null}
      <ul id={`${id}-effects`}>
        {preview.effects.map((effect) => (
          <li key={effect}>{effect}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="danger" disabled={withdraw.busy} onClick={() => withdraw.confirm(preview)}>
          Withdraw consent
        </button>
        <button type="button" className="secondary" onClick={() => withdraw.keep(preview)}>
          Keep consent
        </button>
      </div>
    </div>
  );
}

function RecordConsentForm({ caseId, participant, guardians = [] }: { caseId: string; participant: PrepParticipant; guardians?: PrepParticipant[] }) {
  const { fetcher, formRef, busy, errors, done, formError } = useFormFetcher({ resetOnSuccess: true });
  const [element, setElement] = useState<string>("");
  const [now, setNow] = useState("");
  useEffect(() => setNow(toZonedInput(new Date())), [done]);
  const id = (n: string) => `p-${participant.id}-consent-${n}`;
  return (
    <fetcher.Form
      ref={formRef}
      method="post"
      action={peopleAction(caseId, "consent")}
      noValidate
      className="people-form"
      onChange={(e) => {
        const t = e.target as HTMLSelectElement;
        if (t.name === "element") setElement(t.value);
      }}
      onReset={() => setElement("")}
    >
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" name="participantId" value={participant.id} />
      <FormMessage error={formError} done={done} />
      <div className="grid-2">
        {guardians.length ? (
          <SelectField
            id={id("guardianId")}
            name="guardianId"
            label="Who is answering"
            options={guardians.map((g) => g.id)}
            labels={Object.fromEntries(guardians.map((g) => [g.id, `${displayName(g)} (parent or guardian)`]))}
            placeholder={`${displayName(participant)} (their own answer)`}
            error={errors.guardianId}
          />
        ) : null}
        <SelectField
          id={id("element")}
          name="element"
          label="What they are answering"
          options={CONSENT_ELEMENTS}
          labels={CONSENT_ELEMENT_LABELS}
          placeholder="Choose"
          error={errors.element}
        />
        {element === "SHARE_INFORMATION" ? (
          <Field
            id={id("sharedWith")}
            name="sharedWith"
            label="Shared with (name the party)"
            hint="For example: their probation officer."
            error={errors.sharedWith}
            autoComplete="off"
          />
        ) : null}
        <SelectField id={id("answer")} name="answer" label="Their answer" options={CONSENT_ANSWERS} labels={CONSENT_ANSWER_LABELS} placeholder="Choose" error={errors.answer} />
        <SelectField
          id={id("method")}
          name="method"
          label="How they gave it"
          options={CONSENT_METHODS}
          labels={CONSENT_METHOD_LABELS}
          defaultValue="IN_PERSON"
          error={errors.method}
        />
        <DateTimeField id={id("givenAt")} name="givenAt" label="When they gave it" hint="Not in the future." defaultValue={now} key={now} error={errors.givenAt} />
      </div>
      <TextAreaField id={id("note")} name="note" label="Note (optional)" rows={2} maxLength={1000} error={errors.note} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Record answer"}
        </button>
      </div>
    </fetcher.Form>
  );
}

function ConsentHistory({ participant }: { participant: PrepParticipant }) {
  const history = participant.consentHistory;
  if (history.length === 0) return <p className="hint">No consent has been recorded yet.</p>;
  return (
    <details className="consent-history">
      <summary>
        Consent history ({history.length} {history.length === 1 ? "entry" : "entries"})<span className="visually-hidden"> for {displayName(participant)}</span>
      </summary>
      <ol className="history-list">
        {history.map((e) => (
          <li key={e.id}>
            <span className="history-what">
              {e.element === "SHARE_INFORMATION" ? `Share information with ${e.sharedWith || "a named party"}` : CONSENT_ELEMENT_LABELS[e.element]}:{" "}
              <AnswerBadge answer={e.answer} />
            </span>
            {e.guardian ? <span className="history-guardian">Answered by {e.guardian} (parent or guardian)</span> : null}
            <span className="hint">
              Given {formatDateTime(e.givenAt)}, {CONSENT_METHOD_LABELS[e.method].toLowerCase()}; recorded by {e.recordedBy ?? "a colleague"} on {formatDateTime(e.recordedAt)}
            </span>
            {e.note ? <span className="history-note">{e.note}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
