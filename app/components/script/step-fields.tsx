import { Field } from "~/components/ui/field";
import { SelectField, TextAreaField } from "~/components/ui/form-controls";
import { ADDRESS_TO, ADDRESS_TO_LABELS, SCRIPT_PHASE_LABELS, SCRIPT_PHASES } from "~/models/script-library";
import { PARTICIPANT_ROLE_LABELS, type ParticipantRole } from "~/utils/preparation";

/** Someone attending a conference, as the script screen lists them. */
export type ScriptAttendee = { id: string; name: string; role: ParticipantRole };

/** What a step's fields start from: a template's step names a kind of person, a conference's step the people. */
type StepValues = { phase: string; title: string; prompt: string; addressTo?: string; addressedTo?: string[] };

/**
 * The fields of a script step, in both editors. With `attendees` (a conference's own script) the
 * question is addressed to people attending, ticked from the list; without (a service template)
 * it is for a kind of person, and the prompt may use {name}, filled in when a conference is prepared.
 */
export function StepFields({ idPrefix, step, errors, attendees }: { idPrefix: string; step?: StepValues; errors: Partial<Record<string, string>>; attendees?: ScriptAttendee[] }) {
  return (
    <>
      <SelectField
        id={`${idPrefix}-phase`}
        name="phase"
        label="Part of the conference"
        options={SCRIPT_PHASES}
        labels={SCRIPT_PHASE_LABELS}
        defaultValue={(step?.phase as (typeof SCRIPT_PHASES)[number]) ?? "OPENING"}
        error={errors.phase}
      />
      {attendees ? null : (
        <SelectField
          id={`${idPrefix}-addressTo`}
          name="addressTo"
          label="For"
          options={ADDRESS_TO}
          labels={ADDRESS_TO_LABELS}
          defaultValue={(step?.addressTo as (typeof ADDRESS_TO)[number]) ?? "EVERYONE"}
          error={errors.addressTo}
        />
      )}
      <Field id={`${idPrefix}-title`} name="title" label="Title" defaultValue={step?.title} error={errors.title} />
      <TextAreaField
        id={`${idPrefix}-prompt`}
        name="prompt"
        label="What the chair says or asks"
        hint={attendees ? undefined : "{name} is replaced by the person's preferred name."}
        defaultValue={step?.prompt}
        error={errors.prompt}
        maxLength={1000}
      />
      {attendees ? <AddressedTo attendees={attendees} selected={step?.addressedTo ?? []} idPrefix={`${idPrefix}-to`} error={errors.addressedTo} /> : null}
    </>
  );
}

function AddressedTo({ attendees, selected, idPrefix, error }: { attendees: ScriptAttendee[]; selected: string[]; idPrefix: string; error?: string }) {
  if (attendees.length === 0) return null;
  return (
    <fieldset className="field addressed-to">
      <legend>Addressed to</legend>
      {attendees.map((a) => (
        <label key={a.id} className="check-chip" htmlFor={`${idPrefix}-${a.id}`}>
          <input id={`${idPrefix}-${a.id}`} type="checkbox" name="addressedTo[]" value={a.id} defaultChecked={selected.includes(a.id)} />
          {a.name} <span className="hint">({PARTICIPANT_ROLE_LABELS[a.role].toLowerCase()})</span>
        </label>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
