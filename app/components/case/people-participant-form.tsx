import { useState } from "react";
import { Field } from "~/components/ui/field";
import { CheckboxField, DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { AGE_BAND_LABELS, AGE_BANDS } from "~/utils/age";
import {
  ACCESS_NEED_LABELS,
  ACCESS_NEEDS,
  CONTACT_FREQUENCIES,
  CONTACT_FREQUENCY_LABELS,
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  displayName,
  PARTICIPANT_ROLE_LABELS,
  PARTICIPANT_ROLES,
  PROFESSIONAL_TYPE_LABELS,
  PROFESSIONAL_TYPES,
} from "~/utils/preparation";
import { peopleAction } from "./people-fetcher";
import type { PrepParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/**
 * Add or edit a participant, inline on the case screen. Ids are prefixed (`prefix`) because the
 * form repeats once per participant. A supporter (and, optionally, a professional) chooses whom
 * they support from this case; anyone may be marked as the parent or guardian of a young person on it.
 */
export function ParticipantForm({
  caseId,
  prefix,
  participant,
  others,
}: {
  caseId: string;
  prefix: string;
  participant?: PrepParticipant;
  /** Active participants of the case (this person among them when editing). */
  others: PrepParticipant[];
}) {
  const { fetcher, formRef, busy, errors, done, formError } = useFormFetcher({ resetOnSuccess: !participant });
  const [role, setRole] = useState<string>(participant?.role ?? "");
  const id = (name: string) => `${prefix}-${name}`;
  const supportable = others.filter((o) => o.role !== "SUPPORTER" && o.role !== "PROFESSIONAL" && o.id !== participant?.id);
  const supportLabels = Object.fromEntries(supportable.map((o) => [o.id, `${displayName(o)} (${PARTICIPANT_ROLE_LABELS[o.role].toLowerCase()})`]));
  // Young people this person could be a parent or guardian of: those under 18 today, and anyone
  // already linked (a link outlives an 18th birthday: answers given before it still need it).
  const linked = participant?.guardianOf ?? [];
  const children = participant?.age.child && linked.length === 0 ? [] : others.filter((o) => o.id !== participant?.id && (o.age.child === true || linked.includes(o.id)));
  return (
    <fetcher.Form
      ref={formRef}
      method="post"
      action={peopleAction(caseId, "participants")}
      noValidate
      className="people-form"
      onChange={(e) => {
        const target = e.target as HTMLSelectElement;
        if (target.name === "role") setRole(target.value);
      }}
      onReset={() => setRole(participant?.role ?? "")}
    >
      <input type="hidden" name="intent" value={participant ? "edit" : "add"} />
      {participant ? <input type="hidden" name="participantId" value={participant.id} /> : null}
      <FormMessage error={formError} done={done} />
      <div className="grid-2">
        <SelectField
          id={id("role")}
          name="role"
          label="Role in the case"
          options={PARTICIPANT_ROLES}
          labels={PARTICIPANT_ROLE_LABELS}
          defaultValue={participant?.role ?? ""}
          placeholder="Choose a role"
          error={errors.role}
        />
        {role === "SUPPORTER" ? (
          <SelectField
            id={id("supportsId")}
            name="supportsId"
            label="Who they support"
            options={supportable.map((o) => o.id)}
            labels={supportLabels}
            defaultValue={participant?.supportsId ?? ""}
            placeholder={supportable.length ? "Choose a person" : "Add the person they support first"}
            error={errors.supportsId}
          />
        ) : null}
        {role === "PROFESSIONAL" ? (
          <>
            <SelectField
              id={id("professionalType")}
              name="professionalType"
              label="Profession"
              options={PROFESSIONAL_TYPES}
              labels={PROFESSIONAL_TYPE_LABELS}
              defaultValue={participant?.professionalType ?? ""}
              placeholder="Choose a profession"
              error={errors.professionalType}
            />
            <Field
              id={id("organisation")}
              name="organisation"
              label="Agency or organisation"
              hint="For example: Kent Youth Justice Service."
              defaultValue={participant?.organisation}
              error={errors.organisation}
              autoComplete="off"
            />
            <SelectField
              id={id("supportsId")}
              name="supportsId"
              label="Who they support (optional)"
              options={supportable.map((o) => o.id)}
              labels={supportLabels}
              defaultValue={participant?.supportsId ?? ""}
              placeholder="Nobody in particular"
              error={errors.supportsId}
            />
          </>
        ) : null}
        <Field id={id("name")} name="name" label="Full name" defaultValue={participant?.name} error={errors.name} autoComplete="off" />
        <Field
          id={id("preferredName")}
          name="preferredName"
          label="Preferred name (optional)"
          hint="Used in prompts and lists."
          defaultValue={participant?.preferredName}
          error={errors.preferredName}
          autoComplete="off"
        />
        <Field
          id={id("pronouns")}
          name="pronouns"
          label="Pronouns (optional)"
          hint="For example she/her, they/them."
          defaultValue={participant?.pronouns}
          error={errors.pronouns}
          autoComplete="off"
        />
        <Field
          id={id("addressAs")}
          name="addressAs"
          label="How they want to be addressed (optional)"
          hint="For example Mrs Khan, or Jo."
          defaultValue={participant?.addressAs}
          error={errors.addressAs}
          autoComplete="off"
        />
        <DateTimeField
          id={id("dateOfBirth")}
          name="dateOfBirth"
          type="date"
          label="Date of birth (optional)"
          hint="Under 18, a parent or guardian consents too."
          defaultValue={participant?.dateOfBirth ?? ""}
          error={errors.dateOfBirth}
        />
        <SelectField
          id={id("ageBand")}
          name="ageBand"
          label="Age band, if the date of birth is not known"
          options={AGE_BANDS}
          labels={AGE_BAND_LABELS}
          defaultValue={participant?.ageBand ?? ""}
          placeholder="Not recorded"
          error={errors.ageBand}
        />
      </div>
      {children.length ? (
        <fieldset className="people-fieldset" aria-describedby={[id("guardianOf-hint"), errors.guardianOf ? id("guardianOf-error") : ""].filter(Boolean).join(" ")}>
          <legend>Parent or guardian</legend>
          <p className="field-hint" id={id("guardianOf-hint")}>
            Their consent is then needed beside the young person's.
          </p>
          <div className="check-grid">
            {children.map((o) => (
              <CheckboxField
                key={o.id}
                id={id(`guardian-${o.id}`)}
                name="guardianOf"
                value={o.id}
                label={`Parent or guardian of ${displayName(o)}`}
                defaultChecked={linked.includes(o.id)}
              />
            ))}
          </div>
          {errors.guardianOf ? (
            <p className="field-error" id={id("guardianOf-error")}>
              {errors.guardianOf}
            </p>
          ) : null}
        </fieldset>
      ) : errors.guardianOf ? (
        <p className="field-error">{errors.guardianOf}</p>
      ) : null}
      <TextAreaField
        id={id("relationship")}
        name="relationship"
        label="Relationship to the incident (optional)"
        rows={2}
        maxLength={500}
        defaultValue={participant?.relationship}
        error={errors.relationship}
      />
      <fieldset className="people-fieldset">
        <legend>Contact details</legend>
        <div className="grid-2">
          <Field id={id("phone")} name="phone" type="tel" label="Phone (optional)" defaultValue={participant?.phone} error={errors.phone} autoComplete="off" />
          <Field id={id("email")} name="email" type="email" label="Email (optional)" defaultValue={participant?.email} error={errors.email} autoComplete="off" />
          <SelectField
            id={id("contactMethod")}
            name="contactMethod"
            label="Preferred way to contact them"
            options={CONTACT_METHODS}
            labels={CONTACT_METHOD_LABELS}
            defaultValue={participant?.contactMethod ?? "PHONE"}
            error={errors.contactMethod}
          />
          <SelectField
            id={id("contactFrequency")}
            name="contactFrequency"
            label="How often they want updates"
            options={CONTACT_FREQUENCIES}
            labels={CONTACT_FREQUENCY_LABELS}
            defaultValue={participant?.contactFrequency ?? "FORTNIGHTLY"}
            error={errors.contactFrequency}
          />
        </div>
        <TextAreaField id={id("address")} name="address" label="Address (optional)" rows={2} maxLength={500} defaultValue={participant?.address} error={errors.address} />
      </fieldset>
      <fieldset className="people-fieldset" aria-describedby={errors.accessNeeds ? id("accessNeeds-error") : undefined}>
        <legend>Access needs</legend>
        <div className="check-grid">
          {ACCESS_NEEDS.map((need) => (
            <CheckboxField
              key={need}
              id={id(`access-${need}`)}
              name="accessNeeds"
              value={need}
              label={ACCESS_NEED_LABELS[need]}
              defaultChecked={participant?.accessNeeds.includes(need)}
            />
          ))}
        </div>
        {errors.accessNeeds ? (
          <p className="field-error" id={id("accessNeeds-error")}>
            {errors.accessNeeds}
          </p>
        ) : null}
        <TextAreaField
          id={id("accessNotes")}
          name="accessNotes"
          label="Notes on access needs (optional)"
          rows={2}
          maxLength={1000}
          defaultValue={participant?.accessNotes}
          error={errors.accessNotes}
        />
      </fieldset>
      <TextAreaField id={id("hopes")} name="hopes" label="What they hope for (optional)" rows={3} maxLength={2000} defaultValue={participant?.hopes} error={errors.hopes} />
      {role === "PERSON_HARMED" ? (
        <CheckboxField
          id={id("enhancedRights")}
          name="enhancedRights"
          label="Entitled to enhanced rights (Victims' Code)"
          hint="Information about restorative justice is then due within 1 working day of referral, not 5."
          defaultChecked={participant?.enhancedRights}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : participant ? "Save changes" : "Add person"}
        </button>
      </div>
    </fetcher.Form>
  );
}
