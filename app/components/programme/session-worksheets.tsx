import { useState } from "react";
import { Field } from "~/components/ui/field";
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
  const [access, setAccess] = useState<"invite" | "password" | "existing">(signIn ? "existing" : "invite");
  const id = (s: string) => `worksheet-${sessionId}-${s}`;
  const answer = f.data as SetAnswer | undefined;
  return (
    <details className="step-edit" open={f.formError || answer?.inviteCode ? true : undefined}>
      <summary>Set a worksheet</summary>
      {answer?.ok && answer.inviteCode ? (
        <div className="card section-gap" role="status">
          <p>
            <strong>Hand over this invite code in person.</strong> It is shown only once and works for 14 days. Username: <strong>{answer.username}</strong>.
          </p>
          <p className="invite-code" data-testid="invite-code">
            {answer.inviteCode}
          </p>
          <p className="hint">They sign in at Circle&rsquo;s sign-in page with &ldquo;I have an invite code&rdquo;, and find it under &ldquo;My worksheets&rdquo;.</p>
        </div>
      ) : null}
      <f.fetcher.Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="worksheet-set" />
        <input type="hidden" name="sessionId" value={sessionId} />
        <p className="hint">{person} fills it in signed in themselves, and sees only their own worksheets and your comments: nothing else of the case.</p>
        <SelectField id={id("kind")} name="kind" label="Worksheet" options={WORKSHEET_KINDS} labels={WORKSHEET_KIND_LABELS} placeholder="Choose" error={f.errors.kind} />
        <fieldset className="field">
          <legend>How they sign in</legend>
          {signIn ? (
            <div className="field check">
              <input type="radio" id={id("existing")} name="access" value="existing" checked={access === "existing"} onChange={() => setAccess("existing")} />
              <label htmlFor={id("existing")}>With the sign-in they already have ({signIn})</label>
            </div>
          ) : null}
          <div className="field check">
            <input type="radio" id={id("invite")} name="access" value="invite" checked={access === "invite"} onChange={() => setAccess("invite")} />
            <label htmlFor={id("invite")}>Give them a one-time invite code to choose their own password</label>
          </div>
          <div className="field check">
            <input type="radio" id={id("password")} name="access" value="password" checked={access === "password"} onChange={() => setAccess("password")} />
            <label htmlFor={id("password")}>I set a password now</label>
          </div>
          {f.errors.access ? <p className="field-error">{f.errors.access}</p> : null}
        </fieldset>
        {access !== "existing" ? (
          <div className="grid-2">
            <Field id={id("username")} name="username" label="Username" hint="Letters, digits, dots or underscores, e.g. dan_price." error={f.errors.username} />
            {access === "password" ? (
              <Field id={id("password-field")} name="password" type="password" label="Password" hint="At least 12 characters. Tell them in person." error={f.errors.password} />
            ) : null}
          </div>
        ) : null}
        <button type="submit" disabled={f.busy}>
          Set the worksheet
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}
