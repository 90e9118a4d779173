import { CreateTemplateForm } from "~/components/ui/create-template-form";
import { TemplateCard, TemplateItem } from "~/components/ui/template-card";
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
  const hours = template.sessions.reduce((sum, s) => sum + s.minutes, 0) / 60;
  return (
    <TemplateCard
      template={template}
      headingId={`ptpl-${template.id}`}
      facts={`${template.sessions.length} session${template.sessions.length === 1 ? "" : "s"}, ${Math.round(hours * 10) / 10} hours in all.`}
      emptyText="No sessions yet."
      listClassName="programme-sessions"
      add={{
        summary: "Add a session",
        intent: "add-session",
        submit: "Add the session",
        fields: (errors) => <SessionFields idPrefix={`padd-${template.id}`} errors={errors} withGuidance />,
      }}
    >
      {template.sessions.map((s, i) => (
        <TemplateItem
          key={s.id}
          templateId={template.id}
          itemKey="sessionId"
          item={s}
          first={i === 0}
          last={i === template.sessions.length - 1}
          intents={{ move: "move-session", remove: "remove-session", edit: "edit-session" }}
          confirmRemove={`Remove "${s.title}" from this programme?`}
          className="programme-session"
          editSummary=", with its guidance and exercises"
          editSubmit="Save the session"
          fields={(errors) => <SessionFields idPrefix={`pedit-${s.id}`} session={s} errors={errors} withGuidance />}
        >
          <p className="eyebrow">
            {PROGRAMME_MODULE_LABELS[s.module]} · {s.minutes} minutes
          </p>
          <h4 style={{ margin: "0 0 0.25rem" }}>{s.title}</h4>
          <p style={{ marginTop: 0 }}>{s.aims}</p>
        </TemplateItem>
      ))}
    </TemplateCard>
  );
}
