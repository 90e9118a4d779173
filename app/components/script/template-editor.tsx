import { CreateTemplateForm } from "~/components/ui/create-template-form";
import { TemplateCard as ServiceTemplateCard, TemplateItem } from "~/components/ui/template-card";
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
  return (
    <ServiceTemplateCard
      template={template}
      headingId={`tpl-${template.id}`}
      emptyText="No steps yet."
      listClassName="script-steps"
      add={{ summary: "Add a step", intent: "add-step", submit: "Add the step", fields: (errors) => <StepFields idPrefix={`add-${template.id}`} errors={errors} /> }}
    >
      {template.steps.map((s, i) => (
        <TemplateItem
          key={s.id}
          templateId={template.id}
          itemKey="stepId"
          item={s}
          first={i === 0}
          last={i === template.steps.length - 1}
          intents={{ move: "move-step", remove: "remove-step", edit: "edit-step" }}
          className="script-step"
          editSubmit="Save step"
          fields={(errors) => <StepFields idPrefix={`edit-${s.id}`} step={s} errors={errors} />}
        >
          <p className="eyebrow">
            {SCRIPT_PHASE_LABELS[s.phase as (typeof SCRIPT_PHASES)[number]] ?? s.phase} · {ADDRESS_TO_LABELS[s.addressTo as (typeof ADDRESS_TO)[number]] ?? s.addressTo}
          </p>
          <h4 style={{ margin: "0 0 0.25rem" }}>{s.title}</h4>
          <p style={{ marginTop: 0 }}>{s.prompt}</p>
        </TemplateItem>
      ))}
    </ServiceTemplateCard>
  );
}
