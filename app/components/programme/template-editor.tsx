import { FormMessage } from "~/components/ui/form-controls";
import { CreateTemplateForm } from "~/components/ui/create-template-form";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { PROGRAMME_MODULE_LABELS, type ProgrammeModule } from "~/models/programme-labels";
import { SessionFields } from "./session-fields";

/** The forms of the service's programme templates page (/admin/programmes); each posts one intent to its action. */

export type TemplateSessionRow = { id: string; title: string; module: ProgrammeModule; minutes: number; aims: string; guidance: string; exercises: string };
export type ProgrammeTemplateRow = { id: string; name: string; description: string; standard: boolean; sessions: TemplateSessionRow[] };

export function CreateProgrammeTemplate() {
  return (
    <CreateTemplateForm
      heading="Add a programme"
      standardLabel="A copy of the standard twelve sessions"
      emptyLabel="No sessions"
      descriptionHint="Who it is for, e.g. young people."
      submitLabel="Add the programme"
    />
  );
}

export function ProgrammeTemplateCard({ template }: { template: ProgrammeTemplateRow }) {
  const archive = useFormFetcher();
  const add = useFormFetcher();
  const hours = template.sessions.reduce((sum, s) => sum + s.minutes, 0) / 60;
  return (
    <article className="card" aria-labelledby={`ptpl-${template.id}`}>
      <h3 id={`ptpl-${template.id}`} style={{ marginTop: 0 }}>
        {template.name}
      </h3>
      {template.description ? <p className="hint">{template.description}</p> : null}
      <p className="hint">
        {template.sessions.length} session{template.sessions.length === 1 ? "" : "s"}, {Math.round(hours * 10) / 10} hours in all.
      </p>
      {template.sessions.length === 0 ? (
        <p className="empty">No sessions yet.</p>
      ) : (
        <ol className="programme-sessions">
          {template.sessions.map((s, i) => (
            <TemplateSession key={s.id} templateId={template.id} session={s} first={i === 0} last={i === template.sessions.length - 1} />
          ))}
        </ol>
      )}
      <details className="step-edit" open={Object.keys(add.errors).length > 0 || undefined}>
        <summary className="tap">
          Add a session<span className="visually-hidden"> to {template.name}</span>
        </summary>
        <add.fetcher.Form method="post" className="stack" key={add.done}>
          <input type="hidden" name="intent" value="add-session" />
          <input type="hidden" name="templateId" value={template.id} />
          <SessionFields idPrefix={`padd-${template.id}`} errors={add.errors} withGuidance />
          <button type="submit" disabled={add.busy}>
            {add.busy ? "Adding…" : "Add the session"}
          </button>
        </add.fetcher.Form>
        <FormMessage error={add.formError} done={add.done} />
      </details>
      <archive.fetcher.Form
        method="post"
        className="section-gap"
        onSubmit={(e) => {
          if (!window.confirm(`Archive "${template.name}"?`)) e.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="archive" />
        <input type="hidden" name="templateId" value={template.id} />
        <button type="submit" className="danger" disabled={archive.busy}>
          Archive<span className="visually-hidden"> {template.name}</span>
        </button>
      </archive.fetcher.Form>
      <FormMessage error={archive.formError} done={archive.done} />
    </article>
  );
}

function TemplateSession({ templateId, session, first, last }: { templateId: string; session: TemplateSessionRow; first: boolean; last: boolean }) {
  const move = useFormFetcher();
  const edit = useFormFetcher();
  const remove = useFormFetcher();
  return (
    <li className="programme-session">
      <p className="eyebrow">
        {PROGRAMME_MODULE_LABELS[session.module]} · {session.minutes} minutes
      </p>
      <h4 style={{ margin: "0 0 0.25rem" }}>{session.title}</h4>
      <p style={{ marginTop: 0 }}>{session.aims}</p>
      <div className="row step-actions">
        <move.fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value="move-session" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="sessionId" value={session.id} />
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || move.busy} aria-label={`Move "${session.title}" up`}>
            ↑
          </button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || move.busy} aria-label={`Move "${session.title}" down`}>
            ↓
          </button>
        </move.fetcher.Form>
        <remove.fetcher.Form
          method="post"
          onSubmit={(e) => {
            if (!window.confirm(`Remove "${session.title}" from this programme?`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="remove-session" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="sessionId" value={session.id} />
          <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${session.title}"`}>
            Remove
          </button>
        </remove.fetcher.Form>
      </div>
      <FormMessage error={move.formError ?? remove.formError} />
      <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
        <summary className="tap">
          Edit<span className="visually-hidden"> "{session.title}"</span>, with its guidance and exercises
        </summary>
        <edit.fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value="edit-session" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="sessionId" value={session.id} />
          <SessionFields idPrefix={`pedit-${session.id}`} session={session} errors={edit.errors} withGuidance />
          <button type="submit" disabled={edit.busy}>
            {edit.busy ? "Saving…" : "Save the session"}
          </button>
        </edit.fetcher.Form>
        <FormMessage error={edit.formError} done={edit.done} />
      </details>
    </li>
  );
}
