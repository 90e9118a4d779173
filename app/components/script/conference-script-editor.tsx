import { FormMessage, SelectField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { SCRIPT_PHASE_LABELS, SCRIPT_PHASES } from "~/models/script-library";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { StepFields, type ScriptAttendee } from "./step-fields";

/** The forms of a conference's script screen; each posts one intent to the page's action. */

export type ScriptStep = { id: string; phase: string; title: string; prompt: string; addressedTo: string[] };
export type { ScriptAttendee };
export type ScriptTemplateChoice = { id: string; name: string; steps: number };
type Step = ScriptStep;
type Attendee = ScriptAttendee;

export function TemplatePicker({ templates, current, hasSteps }: { templates: ScriptTemplateChoice[]; current: string | null; hasSteps: boolean }) {
  const { fetcher, errors, done, busy } = useFormFetcher();
  return (
    <fetcher.Form method="post" className="card row section-gap" aria-labelledby="template-heading">
      <h2 id="template-heading" style={{ flexBasis: "100%", margin: 0 }}>
        Start from a template
      </h2>
      <input type="hidden" name="intent" value="use-template" />
      <div style={{ flex: "1 1 280px" }}>
        <SelectField
          id="templateId"
          name="templateId"
          label="Script template"
          hint={hasSteps ? "This replaces the current steps." : undefined}
          options={templates.map((t) => t.id)}
          labels={Object.fromEntries(templates.map((t) => [t.id, `${t.name} (${t.steps} steps)`]))}
          defaultValue={current ?? templates[0]?.id ?? ""}
          error={errors.templateId}
        />
      </div>
      <div className="field">
        <button
          type="submit"
          disabled={busy}
          className={hasSteps ? "secondary" : undefined}
          onClick={(e) => {
            if (hasSteps && !window.confirm("Replace the current script with the template? Your changes to the steps will be lost.")) e.preventDefault();
          }}
        >
          {busy ? "Preparing…" : hasSteps ? "Replace the script" : "Use this template"}
        </button>
      </div>
      <div style={{ flexBasis: "100%" }}>
        <FormMessage error={errors.form} done={done} />
      </div>
    </fetcher.Form>
  );
}

export function SpeakerRow({ attendee, first, last, canEdit }: { attendee: Attendee; first: boolean; last: boolean; canEdit: boolean }) {
  const { fetcher, busy } = useFormFetcher();
  return (
    <li className="speaking-row">
      <span>
        <strong>{attendee.name}</strong> <span className="hint">{PARTICIPANT_ROLE_LABELS[attendee.role]}</span>
      </span>
      {canEdit ? (
        <fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value="speaker" />
          <input type="hidden" name="participantId" value={attendee.id} />
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || busy} aria-label={`Move ${attendee.name} earlier`}>
            ↑
          </button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || busy} aria-label={`Move ${attendee.name} later`}>
            ↓
          </button>
        </fetcher.Form>
      ) : null}
    </li>
  );
}

export function StepCard(props: { step: Step; index: number; count: number; attendees: Attendee[]; names: Map<string, string>; canEdit: boolean }) {
  const { step, index, count, attendees, names, canEdit } = props;
  const move = useFormFetcher();
  const edit = useFormFetcher();
  const remove = useFormFetcher();
  const to = step.addressedTo.map((id) => names.get(id)).filter(Boolean);
  return (
    <li className="card script-step" aria-labelledby={`step-${step.id}-title`}>
      <p className="eyebrow">
        {index + 1}. {SCRIPT_PHASE_LABELS[step.phase as (typeof SCRIPT_PHASES)[number]] ?? step.phase}
      </p>
      <h3 id={`step-${step.id}-title`}>{step.title}</h3>
      <p>{step.prompt}</p>
      {to.length ? <p className="hint">Addressed to {to.join(", ")}</p> : null}
      {canEdit ? (
        <div className="row step-actions">
          <move.fetcher.Form method="post" className="row">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="stepId" value={step.id} />
            <button type="submit" name="direction" value="up" className="secondary" disabled={index === 0 || move.busy} aria-label={`Move "${step.title}" up`}>
              ↑ Up
            </button>
            <button type="submit" name="direction" value="down" className="secondary" disabled={index === count - 1 || move.busy} aria-label={`Move "${step.title}" down`}>
              ↓ Down
            </button>
          </move.fetcher.Form>
          <remove.fetcher.Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(`Remove the step "${step.title}"?`)) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="stepId" value={step.id} />
            <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${step.title}"`}>
              Remove
            </button>
          </remove.fetcher.Form>
        </div>
      ) : null}
      {canEdit ? (
        <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
          <summary className="tap">
            Edit<span className="visually-hidden"> "{step.title}"</span>
          </summary>
          <edit.fetcher.Form method="post" className="stack">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="stepId" value={step.id} />
            <StepFields step={step} attendees={attendees} idPrefix={`edit-${step.id}`} errors={edit.errors} />
            <div className="form-actions">
              <button type="submit" disabled={edit.busy}>
                {edit.busy ? "Saving…" : "Save step"}
              </button>
            </div>
            <FormMessage error={edit.errors.form} done={edit.done} />
          </edit.fetcher.Form>
        </details>
      ) : null}
      <FormMessage error={move.errors.form ?? remove.errors.form} />
    </li>
  );
}

export function AddStep({ attendees }: { attendees: Attendee[] }) {
  const { fetcher, errors, done, busy } = useFormFetcher();
  return (
    <section className="card section-gap" aria-labelledby="add-step-heading">
      <h2 id="add-step-heading">Add a step</h2>
      <fetcher.Form method="post" className="stack" key={done}>
        <input type="hidden" name="intent" value="add" />
        <StepFields attendees={attendees} idPrefix="add" errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Adding…" : "Add the step"}
          </button>
        </div>
      </fetcher.Form>
      <FormMessage error={errors.form} done={done} />
    </section>
  );
}
