import { AuthorSignInFields, InviteCodeNotice } from "~/components/ui/author-sign-in";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher, type FormAnswer } from "~/components/ui/use-form-fetcher";
import { WORKSHEET_KIND_LABELS, WORKSHEET_KINDS, WORKSHEET_STAFF_STATUS_LABELS } from "~/models/worksheet-labels";
import { formatDay } from "~/utils/format";
import type { WorksheetView } from "./programme-types";

type SetAnswer = FormAnswer & { worksheetId?: string; username?: string; inviteCode?: string | null };

/**
 * The worksheets set from one session: what the person wrote once they sent it, the comments,
 * and (for the case's facilitators) forms to comment, close, and set another.
 */
export function SessionWorksheets({
  sessionId,
  person,
  worksheets,
  canRecord,
  signIn,
}: {
  sessionId: string;
  person: string;
  worksheets: WorksheetView[];
  canRecord: boolean;
  signIn: string | null;
}) {
  if (!canRecord && worksheets.length === 0) return null;
  return (
    <div className="programme-worksheets">
      <h4>Worksheets</h4>
      {worksheets.length === 0 ? <p className="hint">No worksheet set from this session.</p> : null}
      {worksheets.map((w) => (
        <WorksheetItem key={w.id} worksheet={w} canRecord={canRecord} />
      ))}
      {canRecord ? <SetWorksheetForm sessionId={sessionId} person={person} signIn={signIn} /> : null}
    </div>
  );
}

function WorksheetItem({ worksheet: w, canRecord }: { worksheet: WorksheetView; canRecord: boolean }) {
  return (
    <div className="programme-worksheet" data-testid="staff-worksheet">
      <p>
        <strong>{w.title}</strong> <span className="badge">{w.open ? WORKSHEET_STAFF_STATUS_LABELS[w.status] : "Closed"}</span>{" "}
        <span className="hint">
          set on {formatDay(w.createdAt)}, username {w.username}
          {w.waitingForInvite ? "; they have not used their invite code yet" : ""}
          {w.submittedAt ? `; sent on ${formatDay(w.submittedAt)}` : ""}
        </span>
      </p>
      {w.answers.length ? (
        <dl className="worksheet-answers">
          {w.answers.map((a) => (
            <div key={a.id}>
              <dt>{a.prompt}</dt>
              <dd>{a.answer || <span className="hint">(left empty)</span>}</dd>
            </div>
          ))}
        </dl>
      ) : w.status === "SET" ? (
        <p className="hint">What they write shows here once they send it.</p>
      ) : null}
      {w.comments.length ? (
        <ul className="worksheet-comments">
          {w.comments.map((c) => (
            <li key={c.id}>
              <p className="hint">
                {c.by}, {formatDay(c.createdAt)}
              </p>
              <p className="body">{c.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canRecord && w.open ? (
        <div className="programme-session-forms">
          {w.status === "SUBMITTED" ? <CommentForm worksheetId={w.id} title={w.title} /> : null}
          <CloseForm worksheetId={w.id} title={w.title} />
        </div>
      ) : null}
    </div>
  );
}

function CommentForm({ worksheetId, title }: { worksheetId: string; title: string }) {
  const f = useFormFetcher({ resetOnSuccess: true });
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        Comment<span className="visually-hidden"> on &ldquo;{title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="stack" ref={f.formRef}>
        <input type="hidden" name="intent" value="worksheet-comment" />
        <input type="hidden" name="worksheetId" value={worksheetId} />
        <TextAreaField id={`comment-${worksheetId}`} name="body" label="Your comment (they see it as from “your facilitator”)" error={f.errors.body} maxLength={4000} />
        <button type="submit" disabled={f.busy}>
          Add the comment
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function CloseForm({ worksheetId, title }: { worksheetId: string; title: string }) {
  const f = useFormFetcher();
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        Close<span className="visually-hidden"> &ldquo;{title}&rdquo;</span>
      </summary>
      <p className="hint">They will no longer see it; when nothing else of theirs is open, their sign-in stops working. What they wrote stays here.</p>
      <f.fetcher.Form method="post">
        <input type="hidden" name="intent" value="worksheet-close" />
        <input type="hidden" name="worksheetId" value={worksheetId} />
        <button type="submit" className="secondary" disabled={f.busy}>
          Close the worksheet
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function SetWorksheetForm({ sessionId, person, signIn }: { sessionId: string; person: string; signIn: string | null }) {
  const f = useFormFetcher<SetAnswer>();
  const id = (s: string) => `worksheet-${sessionId}-${s}`;
  const answer = f.data as SetAnswer | undefined;
  return (
    <details className="step-edit" open={f.formError || answer?.inviteCode ? true : undefined}>
      <summary>Set a worksheet</summary>
      {answer?.ok && answer.inviteCode ? <InviteCodeNotice username={answer.username} inviteCode={answer.inviteCode} findIt="find it under “My worksheets”" /> : null}
      <f.fetcher.Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="worksheet-set" />
        <input type="hidden" name="sessionId" value={sessionId} />
        <p className="hint">{person} fills it in signed in themselves, and sees only their own worksheets and your comments: nothing else of the case.</p>
        <SelectField id={id("kind")} name="kind" label="Worksheet" options={WORKSHEET_KINDS} labels={WORKSHEET_KIND_LABELS} placeholder="Choose" error={f.errors.kind} />
        <AuthorSignInFields id={id} existing={signIn} errors={f.errors} />
        <button type="submit" disabled={f.busy}>
          Set the worksheet
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}
