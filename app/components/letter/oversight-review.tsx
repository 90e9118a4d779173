import type { Editor } from "@tiptap/react";
import { useRef } from "react";
import { FormMessage, TextAreaField } from "~/components/ui/form-controls";
import type { FormResult } from "~/utils/forms.server";
import { selectedText } from "./letter-editor";
import type { OversightLetter } from "./letter-oversight";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/** What the oversight actions answer; renewing an invite also sends the new code. */
export type LetterAnswer = FormResult & { inviteCode?: string };

function IntentButton({ intent, label, className, confirm }: { intent: string; label: string; className?: string; confirm?: string }) {
  const { fetcher, errors, done, busy } = useFormFetcher<LetterAnswer>();
  return (
    <fetcher.Form method="post" onSubmit={(e) => confirm && !window.confirm(confirm) && e.preventDefault()}>
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
      <FormMessage error={errors.form} done={done} />
      {fetcher.data && "inviteCode" in fetcher.data && fetcher.data.inviteCode ? (
        <p className="invite-code" data-testid="invite-code">
          {fetcher.data.inviteCode}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** Lock, request changes, approve: the review decision on the newest submitted version. */
export function ReviewPanel({ letter }: { letter: OversightLetter }) {
  const changes = useFormFetcher<LetterAnswer>();
  const submitted = letter.status === "SUBMITTED";
  const drafting = letter.status === "DRAFTING" || letter.status === "CHANGES_REQUESTED";
  return (
    <section className="card section-gap" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      {submitted ? <p>Version {letter.versions[0]?.number} is waiting for your decision.</p> : <p className="hint">The author has not submitted a new version for review.</p>}
      <div className="row">
        {drafting ? <IntentButton intent={letter.locked ? "unlock" : "lock"} label={letter.locked ? "Unlock editing" : "Pause editing"} className="secondary" /> : null}
        {submitted ? <IntentButton intent="approve" label="Approve this version" /> : null}
        <IntentButton
          intent="new-invite"
          label="New invite code"
          className="secondary"
          confirm="Make a new one-time invite code? The author then chooses a new password with it."
        />
      </div>
      {submitted ? (
        <changes.fetcher.Form method="post" className="stack section-gap" key={changes.successKey}>
          <input type="hidden" name="intent" value="request-changes" />
          <TextAreaField id="reason" name="reason" label="Ask for changes" hint="The author sees this beside their letter." error={changes.errors.reason} maxLength={2000} />
          <button type="submit" className="secondary" disabled={changes.busy}>
            Request changes
          </button>
          <FormMessage error={changes.errors.form} done={changes.done} />
        </changes.fetcher.Form>
      ) : null}
    </section>
  );
}

/** Fills a form field with the words selected in the read-only letter. */
function QuoteButton({ editor, target, label }: { editor: Editor | null; target: React.RefObject<HTMLTextAreaElement | null>; label: string }) {
  return (
    <button
      type="button"
      className="secondary"
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        if (target.current) target.current.value = selectedText(editor);
      }}
    >
      {label}
    </button>
  );
}

export function CommentsPanel({ letter, canModerate, editor }: { letter: OversightLetter; canModerate: boolean; editor: Editor | null }) {
  const add = useFormFetcher<LetterAnswer>();
  const quote = useRef<HTMLTextAreaElement>(null);
  return (
    <section className="card" aria-labelledby="fac-comments-heading">
      <h2 id="fac-comments-heading">Comments to the author</h2>
      {letter.comments.length === 0 ? (
        <p className="hint">No comments yet.</p>
      ) : (
        <ul className="plain letter-comments">
          {letter.comments.map((c) => (
            <li key={c.id}>
              {c.quote ? <blockquote>{c.quote}</blockquote> : null}
              <p>
                {c.body} {c.resolvedAt ? <span className="badge muted">Resolved</span> : null}
              </p>
              {canModerate && !c.resolvedAt ? <ResolveComment id={c.id} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canModerate ? (
        <add.fetcher.Form method="post" className="stack section-gap" key={add.successKey}>
          <input type="hidden" name="intent" value="comment" />
          <div className="field">
            <label htmlFor="quote">Passage (optional)</label>
            <textarea id="quote" name="quote" ref={quote} rows={2} maxLength={500} />
          </div>
          <QuoteButton editor={editor} target={quote} label="Quote the selected words" />
          <TextAreaField id="body" name="body" label="Comment" error={add.errors.body} maxLength={2000} />
          <button type="submit" disabled={add.busy}>
            Add comment
          </button>
          <FormMessage error={add.errors.form} done={add.done} />
        </add.fetcher.Form>
      ) : null}
    </section>
  );
}

function ResolveComment({ id }: { id: string }) {
  const { fetcher, busy } = useFormFetcher<LetterAnswer>();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="resolve-comment" />
      <input type="hidden" name="commentId" value={id} />
      <button type="submit" className="secondary" disabled={busy}>
        Mark resolved
      </button>
    </fetcher.Form>
  );
}

const SUGGESTION_STATUS: Record<string, string> = { OPEN: "Waiting for the author", ACCEPTED: "Used", REJECTED: "Author kept their words" };

export function SuggestionsPanel({ letter, canModerate, editor }: { letter: OversightLetter; canModerate: boolean; editor: Editor | null }) {
  const add = useFormFetcher<LetterAnswer>();
  const original = useRef<HTMLTextAreaElement>(null);
  return (
    <section className="card" aria-labelledby="fac-suggestions-heading">
      <h2 id="fac-suggestions-heading">Suggested rewording</h2>
      {letter.suggestions.length === 0 ? (
        <p className="hint">No suggestions yet.</p>
      ) : (
        <ul className="plain letter-suggestions">
          {letter.suggestions.map((s) => (
            <li key={s.id} className="letter-suggestion">
              <p>
                <del>{s.original}</del> → {s.replacement ? <ins>{s.replacement}</ins> : <em>(leave out)</em>}
              </p>
              <span className="badge muted">{SUGGESTION_STATUS[s.status] ?? s.status}</span>
            </li>
          ))}
        </ul>
      )}
      {canModerate ? (
        <add.fetcher.Form method="post" className="stack section-gap" key={add.successKey}>
          <input type="hidden" name="intent" value="suggest" />
          <div className="field">
            <label htmlFor="original">Words to change</label>
            <textarea
              id="original"
              name="original"
              ref={original}
              rows={2}
              maxLength={500}
              aria-invalid={add.errors.original ? true : undefined}
              aria-describedby={add.errors.original ? "original-error" : undefined}
            />
            {add.errors.original ? (
              <p className="field-error" id="original-error">
                {add.errors.original}
              </p>
            ) : null}
          </div>
          <QuoteButton editor={editor} target={original} label="Use the selected words" />
          <TextAreaField id="replacement" name="replacement" label="Suggested words" error={add.errors.replacement} maxLength={1000} />
          <TextAreaField id="note" name="note" label="Why (optional)" error={add.errors.note} maxLength={500} />
          <button type="submit" disabled={add.busy}>
            Suggest this change
          </button>
          <FormMessage error={add.errors.form} done={add.done} />
        </add.fetcher.Form>
      ) : null}
    </section>
  );
}
