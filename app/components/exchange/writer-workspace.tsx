import { useEffect, useRef } from "react";
import { CheckboxField, FormMessage, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { NewMark, useKeptNew } from "~/components/ui/new-mark";
import type { ExchangeKind } from "~/models/exchange-labels";
import { formatDay } from "~/utils/format";

/** What the workspace's loader sends (app/models/exchange-writer.server.ts, getWriterWorkspace), as JSON. */
export type WriterSpace = {
  id: string;
  firstName: string;
  recipientLabel: string;
  received: { id: string; kind: ExchangeKind; text: string; fromLabel: string; deliveredOn: string | null; isNew: boolean; myAnswers: string[] }[];
  own: {
    id: string;
    kind: ExchangeKind;
    text: string;
    passOn: string | null;
    proposed: { text: string; reason: string } | null;
    answers: string | null;
    toLabel: string;
    status: string;
    writtenHere: boolean;
    createdAt: string;
  }[];
};

const RECEIVED_WORDS: Record<ExchangeKind, string> = { QUESTION: "A question from", ANSWER: "An answer from", MESSAGE: "A message from" };
const OWN_WORDS: Record<ExchangeKind, string> = { QUESTION: "Your question to", ANSWER: "Your answer to", MESSAGE: "Your message to" };

/**
 * Keeps what the person is typing in this tab's session storage until it is sent, so a refresh or
 * a dropped connection does not lose it (and it does not linger on a shared computer once the tab
 * is closed). Restored into the form's text box when the page opens.
 */
function useDraft(key: string, formRef: React.RefObject<HTMLFormElement | null>, sent: unknown) {
  useEffect(() => {
    const box = formRef.current?.elements.namedItem("text");
    if (!(box instanceof HTMLTextAreaElement)) return;
    const saved = window.sessionStorage.getItem(key);
    if (saved && !box.value) box.value = saved;
    const save = () => (box.value ? window.sessionStorage.setItem(key, box.value) : window.sessionStorage.removeItem(key));
    box.addEventListener("input", save);
    return () => box.removeEventListener("input", save);
  }, [key, formRef]);
  const last = useRef(sent);
  useEffect(() => {
    if (sent && sent !== last.current) window.sessionStorage.removeItem(key);
    last.current = sent;
  }, [key, sent]);
}

function WriteForm({
  writerId,
  kind,
  inReplyToId,
  label,
  submitLabel,
  choices,
}: {
  writerId: string;
  kind?: ExchangeKind;
  inReplyToId?: string;
  label: string;
  submitLabel: string;
  choices?: boolean;
}) {
  const form = useFormFetcher({ key: `writer-${writerId}-${inReplyToId ?? "new"}`, resetOnSuccess: true });
  const id = `write-${inReplyToId ?? "new"}`;
  useDraft(`circle:messages:${writerId}:${inReplyToId ?? "new"}`, form.formRef, form.done ? form.data : null);
  return (
    <form.fetcher.Form method="post" action="/messages" ref={form.formRef} noValidate className="writer-form">
      <input type="hidden" name="writerId" value={writerId} />
      <input type="hidden" name="intent" value="write" />
      {inReplyToId ? <input type="hidden" name="inReplyToId" value={inReplyToId} /> : null}
      {kind ? <input type="hidden" name="kind" value={kind} /> : null}
      {choices ? (
        <fieldset className="field">
          <legend>What it is</legend>
          <div className="field check">
            <input type="radio" id={`${id}-question`} name="kind" value="QUESTION" defaultChecked />
            <label htmlFor={`${id}-question`}>A question</label>
          </div>
          <div className="field check">
            <input type="radio" id={`${id}-message`} name="kind" value="MESSAGE" />
            <label htmlFor={`${id}-message`}>Something I want them to know</label>
          </div>
          {form.errors.kind ? <p className="field-error">{form.errors.kind}</p> : null}
        </fieldset>
      ) : null}
      <TextAreaField id={`${id}-text`} name="text" label={label} rows={5} maxLength={4000} error={form.errors.text ?? form.errors.inReplyToId} />
      <CheckboxField
        id={`${id}-consent`}
        name="consent"
        value="yes"
        label="My facilitator may pass this on, after reading it and agreeing any change with me"
        error={form.errors.consent}
      />
      <FormMessage error={form.formError} done={form.done} />
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? "Sending…" : submitLabel}
      </button>
    </form.fetcher.Form>
  );
}

function AgreeForm({ writerId, messageId }: { writerId: string; messageId: string }) {
  const form = useFormFetcher();
  return (
    <form.fetcher.Form method="post" action="/messages" noValidate>
      <input type="hidden" name="writerId" value={writerId} />
      <input type="hidden" name="intent" value="agree-edit" />
      <input type="hidden" name="messageId" value={messageId} />
      <FormMessage error={form.formError} done={form.done} />
      <button type="submit" className="button secondary" disabled={form.busy}>
        {form.busy ? "Saving…" : "I agree to this change"}
      </button>
    </form.fetcher.Form>
  );
}

function OwnMessage({ writerId, m }: { writerId: string; m: WriterSpace["own"][number] }) {
  return (
    <li className="exchange-message own">
      <p className="exchange-meta">
        <strong>
          {OWN_WORDS[m.kind]} {m.toLabel}
        </strong>{" "}
        · {m.writtenHere ? `written ${formatDay(m.createdAt)}` : `written down with your facilitator, ${formatDay(m.createdAt)}`}
      </p>
      <p className="exchange-text">{m.text}</p>
      {m.passOn ? (
        <div className="exchange-edit">
          <p className="hint">As it will be passed on, with the change you agreed:</p>
          <p className="exchange-text">{m.passOn}</p>
        </div>
      ) : null}
      {m.proposed ? (
        <div className="exchange-edit proposed">
          <p>
            <strong>Your facilitator suggests a change</strong> before it is passed on: {m.proposed.reason}
          </p>
          <p className="exchange-text">{m.proposed.text}</p>
          <p className="hint">If you would rather say it another way, talk to your facilitator, or write it again below.</p>
          <AgreeForm writerId={writerId} messageId={m.id} />
        </div>
      ) : null}
      <p className="badge">{m.status}</p>
    </li>
  );
}

/**
 * One workspace: what reached them, what they wrote, and the forms to write more. The other person
 * is named only as the facilitator chose; staff are only ever "your facilitator".
 */
export function WriterWorkspace({ space }: { space: WriterSpace }) {
  const ownById = new Map(space.own.map((o) => [o.id, o]));
  const answers = new Set(space.own.filter((o) => o.answers).map((o) => o.id));
  const standalone = space.own.filter((o) => !answers.has(o.id));
  const fresh = useKeptNew(space.received.filter((r) => r.isNew).map((r) => r.id));
  return (
    <div className="writer-space stack">
      <p className="lead">
        Hello {space.firstName}. Here you can read what {space.recipientLabel} has passed on to you through your facilitator, answer their questions, and write to them. Your
        facilitator reads everything you write before anything is passed on.
      </p>
      <section className="card" aria-labelledby={`received-${space.id}`}>
        <h2 id={`received-${space.id}`}>Passed on to you</h2>
        {space.received.length === 0 ? (
          <p className="empty">Nothing has been passed on to you yet. Your facilitator will tell you when something is here.</p>
        ) : (
          <ul className="exchange-timeline">
            {space.received.map((r) => (
              <li key={r.id} className="exchange-thread">
                <article className="exchange-message received" aria-label={`${RECEIVED_WORDS[r.kind]} ${r.fromLabel}`}>
                  <p className="exchange-meta">
                    <strong>
                      {RECEIVED_WORDS[r.kind]} {r.fromLabel}
                    </strong>
                    {r.deliveredOn ? ` · passed on ${formatDay(r.deliveredOn)}` : null} {fresh.has(r.id) ? <NewMark /> : null}
                  </p>
                  <p className="exchange-text">{r.text}</p>
                </article>
                {r.myAnswers.length ? (
                  <ul className="exchange-replies" aria-label="Your answers">
                    {r.myAnswers.map((id) => {
                      const m = ownById.get(id);
                      return m ? <OwnMessage key={id} writerId={space.id} m={m} /> : null;
                    })}
                  </ul>
                ) : null}
                {r.kind === "QUESTION" ? (
                  <details className="panel add-panel" open={r.myAnswers.length === 0}>
                    <summary>{r.myAnswers.length ? "Add to your answer" : "Answer this question"}</summary>
                    <WriteForm writerId={space.id} kind="ANSWER" inReplyToId={r.id} label="Your answer" submitLabel="Send my answer to my facilitator" />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby={`write-${space.id}`}>
        <h2 id={`write-${space.id}`}>Write to {space.recipientLabel}</h2>
        <p className="hint">
          Ask a question, or say something you want them to know. Leave out addresses, phone numbers and places that could identify where anyone lives or works.
        </p>
        <WriteForm writerId={space.id} label="What you want to say" submitLabel="Send to my facilitator" choices />
      </section>
      <section className="card" aria-labelledby={`own-${space.id}`}>
        <h2 id={`own-${space.id}`}>What you have written</h2>
        {standalone.length === 0 ? (
          <p className="empty">You have not written anything yet{space.own.length ? " apart from your answers above" : ""}.</p>
        ) : (
          <ul className="exchange-timeline">
            {standalone.map((m) => (
              <OwnMessage key={m.id} writerId={space.id} m={m} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
