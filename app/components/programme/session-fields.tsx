import { Field } from "~/components/ui/field";
import { SelectField, TextAreaField } from "~/components/ui/form-controls";
import { PROGRAMME_MODULE_LABELS, PROGRAMME_MODULES, type ProgrammeModule } from "~/models/programme-labels";
import type { FieldErrors } from "~/utils/schemas";

/** A programme session's own fields (title, module, length, aims; for a template also guidance and exercises), named as the schemas' keys. */
export type SessionFieldValues = { title: string; module: ProgrammeModule; minutes: number; aims: string; guidance?: string; exercises?: string };

export function SessionFields({ idPrefix, errors, session, withGuidance }: { idPrefix: string; errors: FieldErrors; session?: SessionFieldValues; withGuidance?: boolean }) {
  return (
    <>
      <Field id={`${idPrefix}-title`} name="title" label="Title" error={errors.title} defaultValue={session?.title} />
      <SelectField
        id={`${idPrefix}-module`}
        name="module"
        label="Module"
        options={PROGRAMME_MODULES}
        labels={PROGRAMME_MODULE_LABELS}
        defaultValue={session?.module ?? ""}
        placeholder="Choose the module"
        error={errors.module}
      />
      <Field
        id={`${idPrefix}-minutes`}
        name="minutes"
        type="number"
        label="Length in minutes"
        hint="180 is three hours."
        error={errors.minutes}
        defaultValue={String(session?.minutes ?? 180)}
      />
      <TextAreaField id={`${idPrefix}-aims`} name="aims" label="Aims" error={errors.aims} defaultValue={session?.aims} maxLength={1000} />
      {withGuidance ? (
        <>
          <TextAreaField
            id={`${idPrefix}-guidance`}
            name="guidance"
            label="Guidance for the facilitators"
            error={errors.guidance}
            defaultValue={session?.guidance}
            rows={4}
            maxLength={4000}
          />
          <TextAreaField id={`${idPrefix}-exercises`} name="exercises" label="Exercises" error={errors.exercises} defaultValue={session?.exercises} rows={3} maxLength={4000} />
        </>
      ) : null}
    </>
  );
}
