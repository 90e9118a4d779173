import { useEffect, useRef, useState } from "react";
import { FormMessage } from "~/components/ui/form-controls";
import { useFormFetcher, type FormAnswer } from "~/components/ui/use-form-fetcher";
import { NewMark, useKeptNew } from "~/components/ui/new-mark";
import { WORKSHEET_STATUS_LABELS, type WorksheetStatus } from "~/models/worksheet-labels";
import { formatDay, formatTime } from "~/utils/format";

/** One worksheet as the author's loader sends it (app/models/worksheet-author.server.ts, getOwnWorksheet), as JSON. */
export type OwnWorksheetView = {
  id: string;
  title: string;
  status: WorksheetStatus;
  savedAt: string | null;
  submittedAt: string | null;
  answers: { id: string; prompt: string; answer: string }[];
  comments: { id: string; body: string; createdAt: string; isNew: boolean }[];
};

/**
 * A worksheet its author fills in: a box per prompt, saved to the server (the saved state says when,
 * and "Not saved yet" as soon as they type after that, so they know what a refresh would lose),
 * then sent to the facilitator, after which it reads as sent, with the facilitator's comments.
 * It saves itself two seconds after they stop typing, so a refresh or a dropped connection loses
 * at most those seconds; "Save" does it at once.
 */
const AUTOSAVE_MS = 2_000;

export function OwnWorksheet({ worksheet: w }: { worksheet: OwnWorksheetView }) {
  const f = useFormFetcher<FormAnswer & { savedAt?: string }>();
  const [dirty, setDirty] = useState(false);
  const savedAt = (f.data?.ok ? f.data.savedAt : undefined) ?? w.savedAt;
  const open = w.status === "SET";
  const fresh = useKeptNew(w.comments.filter((c) => c.isNew).map((c) => c.id));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const typed = () => {
    setDirty(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = f.formRef.current;
      if (!form) return;
      const data = new FormData(form);
      data.set("intent", "save");
      setDirty(false);
      f.fetcher.submit(data, { method: "post" });
    }, AUTOSAVE_MS);
  };
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  return (
    <section className="card section-gap" aria-labelledby={`ws-${w.id}`} data-testid="own-worksheet">
      <div className="row section-head">
        <h2 id={`ws-${w.id}`}>{w.title}</h2>
        <span className="badge">{WORKSHEET_STATUS_LABELS[w.status]}</span>
      </div>
      {open ? (
        <f.fetcher.Form
          method="post"
          className="stack"
          ref={f.formRef}
          onInput={typed}
          onSubmit={() => {
            if (timer.current) clearTimeout(timer.current);
            setDirty(false);
          }}
        >
          <input type="hidden" name="worksheetId" value={w.id} />
          {w.answers.map((a) => (
            <div className="field" key={a.id}>
              <label htmlFor={`answer-${a.id}`}>{a.prompt}</label>
              <input type="hidden" name="answerId[]" value={a.id} />
              <textarea id={`answer-${a.id}`} name="answer[]" rows={6} maxLength={8000} defaultValue={a.answer} />
            </div>
          ))}
          <p className="hint" role="status" data-testid="worksheet-saved">
            {f.busy ? "Saving…" : dirty ? "Not saved yet" : savedAt ? `Saved at ${formatTime(savedAt)} on ${formatDay(savedAt)}` : "Nothing saved yet"}
          </p>
          <div className="form-actions">
            <button type="submit" name="intent" value="save" className="secondary" disabled={f.busy}>
              Save
            </button>
            <button type="submit" name="intent" value="submit" disabled={f.busy}>
              Send to my facilitator
            </button>
          </div>
        </f.fetcher.Form>
      ) : (
        <>
          {w.submittedAt ? <p className="hint">You sent this on {formatDay(w.submittedAt)}.</p> : null}
          <dl className="worksheet-answers">
            {w.answers.map((a) => (
              <div key={a.id}>
                <dt>{a.prompt}</dt>
                <dd>{a.answer || <span className="hint">(left empty)</span>}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {/* Outside the form: once sent, the form gives way to the answers, and the confirmation stays. */}
      <FormMessage error={f.formError} done={f.done} />
      {w.comments.length ? (
        <div className="stack">
          <h3>Comments</h3>
          <ul className="worksheet-comments">
            {w.comments.map((c) => (
              <li key={c.id}>
                <p className="hint">
                  Your facilitator, {formatDay(c.createdAt)} {fresh.has(c.id) ? <NewMark /> : null}
                </p>
                <p className="body">{c.body}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
