import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import type { Editor } from "@tiptap/react";
import { useCallback, useState } from "react";
import { CollabBadge } from "~/components/editor/collab-badge";
import { FormMessage } from "~/components/ui/form-controls";
import { NewMark, useKeptNew } from "~/components/ui/new-mark";
import type { getAuthorWorkspace } from "~/models/letter.server";
import { LETTER_STATUS_LABELS, type LetterStatus } from "~/models/letter-labels";
import { useCollabDocument } from "~/realtime/use-collab-document";
import type { FormResult } from "~/utils/forms.server";
import { LetterEditor, replaceInEditor } from "./letter-editor";
import { usePollRevalidate } from "./use-poll-revalidate";
import { WritingHints } from "./writing-hints";

type Letter = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getAuthorWorkspace>>>> & { status: LetterStatus };
type Props = { letter: Letter; writable: boolean; defaultGuidance: string[] };

const STATUS_MESSAGES: Partial<Record<LetterStatus, string>> = {
  SUBMITTED: "Your letter is with your facilitator. You cannot change it while they read it.",
  CHANGES_REQUESTED: "Your facilitator has asked you to change some things. Read their note, then submit again.",
  APPROVED: "Your facilitator has approved your letter. The person it is for decides whether, when and how they receive it.",
  RELEASED: "Your letter has been passed on as the person it is for asked.",
};

export function AuthorWorkspace({ letter, writable, defaultGuidance }: Props) {
  usePollRevalidate();
  const collab = useCollabDocument(`letter:${letter.id}`, { readOnly: !writable });
  const [editor, setEditor] = useState<Editor | null>(null);
  const [text, setText] = useState("");
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const onText = useCallback((t: string) => setText(t), []);
  const fresh = useKeptNew(letter.comments.filter((c) => c.isNew).map((c) => c.id));
  const message =
    letter.locked && writable === false && (letter.status === "DRAFTING" || letter.status === "CHANGES_REQUESTED")
      ? "Your facilitator has paused editing for a moment. You can read your letter; you can carry on when they unlock it."
      : STATUS_MESSAGES[letter.status];
  return (
    <main className="page letter-page" id="main">
      <div className="letter-head">
        <div>
          <p className="eyebrow">{LETTER_STATUS_LABELS[letter.status]}</p>
          <h1>{`${letter.isReply ? "Your reply to" : "Your letter to"} ${letter.recipientLabel}`}</h1>
        </div>
        <CollabBadge status={collab?.status ?? null} />
      </div>
      {message ? (
        <p className="alert warn" role="status">
          {message}
        </p>
      ) : null}
      {letter.status === "CHANGES_REQUESTED" && letter.latest?.decisionReason ? (
        <div className="card letter-note" role="note" aria-label="What your facilitator asked">
          <h2>What your facilitator asked</h2>
          <p>{letter.latest.decisionReason}</p>
        </div>
      ) : null}
      {letter.tellAuthor ? (
        <div className="card letter-note" role="note" aria-label="A message for you">
          <h2>A message for you</h2>
          <p>{letter.tellAuthor}</p>
        </div>
      ) : null}
      <div className="letter-layout">
        <section className="letter-main" aria-label="Your letter">
          {collab ? (
            <LetterEditor doc={collab.doc} provider={collab.provider} readOnly={!writable} label={`Your letter to ${letter.recipientLabel}`} onEditor={onEditor} onText={onText} />
          ) : (
            <p className="hint">Opening your letter…</p>
          )}
          {writable ? <SubmitForm /> : null}
        </section>
        <aside className="letter-side">
          {letter.answering ? (
            <section className="card" aria-labelledby="answering-heading">
              <h2 id="answering-heading">The letter you are answering</h2>
              <div className="letter-answering">
                {letter.answering.split(/\n+/).map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
              </div>
            </section>
          ) : null}
          <section className="card" aria-labelledby="guidance-heading">
            <h2 id="guidance-heading">How to write it</h2>
            <ul className="letter-guidance">
              {defaultGuidance.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
            {letter.guidance ? <p className="letter-own-guidance">{letter.guidance}</p> : null}
          </section>
          {letter.suggestions.length ? <Suggestions suggestions={letter.suggestions} editor={editor} writable={writable} /> : null}
          {letter.comments.length ? (
            <section className="card" aria-labelledby="comments-heading">
              <h2 id="comments-heading">Comments from your facilitator</h2>
              <ul className="plain letter-comments">
                {letter.comments.map((c) => (
                  <li key={c.id}>
                    {fresh.has(c.id) ? <NewMark /> : null}
                    {c.quote ? <blockquote>{c.quote}</blockquote> : null}
                    <p>{c.body}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="card">
            <WritingHints text={text} forAuthor writerRole={letter.writerRole} />
          </div>
        </aside>
      </div>
    </main>
  );
}

function SubmitForm() {
  const fetcher = useFetcher<FormResult>();
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};
  return (
    <fetcher.Form method="post" className="letter-submit">
      <input type="hidden" name="intent" value="submit" />
      <p className="hint">When you are happy with it, send it to your facilitator. They read every letter before anyone else does.</p>
      <button type="submit" disabled={fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? "Sending…" : "Submit for review"}
      </button>
      <FormMessage error={errors.form} done={fetcher.data?.ok ? fetcher.data.done : undefined} />
    </fetcher.Form>
  );
}

function Suggestions({ suggestions, editor, writable }: { suggestions: Letter["suggestions"]; editor: Editor | null; writable: boolean }) {
  return (
    <section className="card" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">Suggested changes</h2>
      <ul className="plain letter-suggestions">
        {suggestions.map((s) => (
          <Suggestion key={s.id} s={s} editor={editor} writable={writable} />
        ))}
      </ul>
    </section>
  );
}

function Suggestion({ s, editor, writable }: { s: Letter["suggestions"][number]; editor: Editor | null; writable: boolean }) {
  const fetcher = useFetcher<FormResult>();
  const [problem, setProblem] = useState<string | null>(null);
  const accept = () => {
    if (!editor || !replaceInEditor(editor, s.original, s.replacement)) {
      setProblem("Those words are no longer in your letter. You can leave this suggestion out, or change the letter yourself.");
      return;
    }
    fetcher.submit({ intent: "accept-suggestion", suggestionId: s.id }, { method: "post" });
  };
  return (
    <li className="letter-suggestion">
      <p>
        Instead of <del>{s.original}</del>
        {s.replacement ? (
          <>
            {" "}
            write <ins>{s.replacement}</ins>
          </>
        ) : (
          <> leave these words out</>
        )}
      </p>
      {s.note ? <p className="hint">{s.note}</p> : null}
      {writable ? (
        <div className="row">
          <button type="button" onClick={accept} disabled={fetcher.state !== "idle"}>
            Use this change
          </button>
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="reject-suggestion" />
            <input type="hidden" name="suggestionId" value={s.id} />
            <button type="submit" className="secondary" disabled={fetcher.state !== "idle"}>
              Keep my words
            </button>
          </fetcher.Form>
        </div>
      ) : null}
      <FormMessage error={problem ?? (fetcher.data && !fetcher.data.ok ? fetcher.data.errors.form : undefined)} />
    </li>
  );
}
