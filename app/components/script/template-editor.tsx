import { FormMessage } from "~/components/ui/form-controls";
import { CreateTemplateForm } from "~/components/ui/create-template-form";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { ADDRESS_TO, ADDRESS_TO_LABELS, SCRIPT_PHASE_LABELS, SCRIPT_PHASES } from "~/models/script-library";
import { StepFields } from "./step-fields";

/** The forms of the service's script templates page (/admin/scripts); each posts one intent to its action. */

export type TemplateStepRow = { id: string; phase: string; title: string; prompt: string; addressTo: string };
export type Template = { id: string; name: string; description: string; steps: TemplateStepRow[] };

export function CreateTemplate() {
  return (
    <CreateTemplateForm
      heading="Add a template"
      standardLabel="A copy of the standard script"
      emptyLabel="An empty script"
      descriptionHint="When to use it, e.g. for young people or for neighbour disputes."
      submitLabel="Add the template"
    />
  );
}

export function TemplateCard({ template }: { template: Template }) {
  const archive = useFormFetcher();
  const add = useFormFetcher();
  return (
    <article className="card" aria-labelledby={`tpl-${template.id}`}>
      <h3 id={`tpl-${template.id}`} style={{ marginTop: 0 }}>
        {template.name}
      </h3>
      {template.description ? <p className="hint">{template.description}</p> : null}
      {template.steps.length === 0 ? (
        <p className="empty">No steps yet.</p>
      ) : (
        <ol className="script-steps">
          {template.steps.map((s, i) => (
            <TemplateStep key={s.id} templateId={template.id} step={s} first={i === 0} last={i === template.steps.length - 1} />
          ))}
        </ol>
      )}
      <details className="step-edit" open={Object.keys(add.errors).length > 0 || undefined}>
        <summary className="tap">
          Add a step<span className="visually-hidden"> to {template.name}</span>
        </summary>
        <add.fetcher.Form method="post" className="stack" key={add.done}>
          <input type="hidden" name="intent" value="add-step" />
          <input type="hidden" name="templateId" value={template.id} />
          <StepFields idPrefix={`add-${template.id}`} errors={add.errors} />
          <button type="submit" disabled={add.busy}>
            {add.busy ? "Adding…" : "Add the step"}
          </button>
        </add.fetcher.Form>
        <FormMessage error={add.errors.form} done={add.done} />
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
      <FormMessage error={archive.errors.form} done={archive.done} />
    </article>
  );
}

function TemplateStep({ templateId, step, first, last }: { templateId: string; step: TemplateStepRow; first: boolean; last: boolean }) {
  const move = useFormFetcher();
  const edit = useFormFetcher();
  const remove = useFormFetcher();
  return (
    <li className="script-step">
      <p className="eyebrow">
        {SCRIPT_PHASE_LABELS[step.phase as (typeof SCRIPT_PHASES)[number]] ?? step.phase} · {ADDRESS_TO_LABELS[step.addressTo as (typeof ADDRESS_TO)[number]] ?? step.addressTo}
      </p>
      <h4 style={{ margin: "0 0 0.25rem" }}>{step.title}</h4>
      <p style={{ marginTop: 0 }}>{step.prompt}</p>
      <div className="row step-actions">
        <move.fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value="move-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || move.busy} aria-label={`Move "${step.title}" up`}>
            ↑
          </button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || move.busy} aria-label={`Move "${step.title}" down`}>
            ↓
          </button>
        </move.fetcher.Form>
        <remove.fetcher.Form method="post">
          <input type="hidden" name="intent" value="remove-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${step.title}"`}>
            Remove
          </button>
        </remove.fetcher.Form>
      </div>
      <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
        <summary className="tap">
          Edit<span className="visually-hidden"> "{step.title}"</span>
        </summary>
        <edit.fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value="edit-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <StepFields idPrefix={`edit-${step.id}`} step={step} errors={edit.errors} />
          <button type="submit" disabled={edit.busy}>
            {edit.busy ? "Saving…" : "Save step"}
          </button>
        </edit.fetcher.Form>
        <FormMessage error={edit.errors.form} done={edit.done} />
      </details>
    </li>
  );
}
