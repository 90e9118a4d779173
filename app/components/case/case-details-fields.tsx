import { RadioGroup } from "~/components/case/safety-fields";
import { Field } from "~/components/ui/field";
import { CheckboxField, DateTimeField, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { formatDate } from "~/utils/format";
import {
  CASE_AGE_GROUP_LABELS,
  CASE_AGE_GROUPS,
  OFFENCE_TYPE_LABELS,
  OFFENCE_TYPES,
  REFERRER_TYPE_LABELS,
  REFERRER_TYPES,
  type CaseAgeGroup,
  type OffenceType,
  type ReferrerType,
} from "~/utils/referral";

/** What the details fields show: the record's values, or what was typed when a form came back with errors. */
export type DetailValues = Partial<
  Record<
    "title" | "receivedOn" | "referrerType" | "referrerName" | "referrerContact" | "referrerNotes" | "offenceType" | "offenceOther" | "offenceSummary" | "ageGroup" | "sensitive",
    string
  >
>;

const pick = <V extends string>(options: readonly V[], value: string | undefined): V | "" => ((options as readonly string[]).includes(value ?? "") ? (value as V) : "");

/**
 * The referral details, shared by "Record a referral" (/cases/new) and "Edit the details" (the case
 * page and the manager's record page), so both ask the same questions in the same words. Field
 * names match CaseIntakeSchema / CaseDetailsSchema.
 */
export function CaseDetailsFields({ id, values, errors, today }: { id: string; values: DetailValues; errors: Partial<Record<string, string>>; today: string }) {
  return (
    <>
      <fieldset className="form-group">
        <legend>The referral</legend>
        <div className="grid-2">
          <Field
            id={`${id}-title`}
            name="title"
            label="Title"
            hint="A few words the team will recognise, e.g. “Theft from a charity shop”."
            defaultValue={values.title}
            error={errors.title}
          />
          <DateTimeField
            id={`${id}-received`}
            name="receivedOn"
            type="date"
            label="Date received"
            hint={`The Victims' Code clock starts on this day. Not after today, ${formatDate(`${today}T12:00:00Z`)}.`}
            defaultValue={values.receivedOn}
            error={errors.receivedOn}
          />
          <SelectField
            id={`${id}-referrer-type`}
            name="referrerType"
            label="Referred by"
            options={REFERRER_TYPES}
            labels={REFERRER_TYPE_LABELS}
            placeholder="Choose who referred it"
            defaultValue={pick<ReferrerType>(REFERRER_TYPES, values.referrerType)}
            error={errors.referrerType}
          />
          <Field
            id={`${id}-referrer-name`}
            name="referrerName"
            label="Referrer's name"
            hint="The person to go back to. Not needed for a self-referral."
            autoComplete="off"
            defaultValue={values.referrerName}
            error={errors.referrerName}
          />
          <Field
            id={`${id}-referrer-contact`}
            name="referrerContact"
            label="Referrer's phone or email"
            autoComplete="off"
            defaultValue={values.referrerContact}
            error={errors.referrerContact}
          />
          <TextAreaField
            id={`${id}-referrer-notes`}
            name="referrerNotes"
            label="Notes about the referral (optional)"
            hint="Their team, their own reference, the best time to call."
            rows={2}
            maxLength={1000}
            defaultValue={values.referrerNotes}
            error={errors.referrerNotes}
          />
        </div>
      </fieldset>
      <fieldset className="form-group">
        <legend>The offence</legend>
        <div className="grid-2">
          <SelectField
            id={`${id}-offence-type`}
            name="offenceType"
            label="Type of offence"
            options={OFFENCE_TYPES}
            labels={OFFENCE_TYPE_LABELS}
            placeholder="Choose the type of offence"
            defaultValue={pick<OffenceType>(OFFENCE_TYPES, values.offenceType)}
            error={errors.offenceType}
          />
          <Field id={`${id}-offence-other`} name="offenceOther" label="If other: what was it?" defaultValue={values.offenceOther} error={errors.offenceOther} />
        </div>
        <TextAreaField
          id={`${id}-summary`}
          name="offenceSummary"
          label="What happened"
          hint="A few sentences: what the referrer told you. Names of the people involved go under People on the case."
          rows={4}
          maxLength={4000}
          defaultValue={values.offenceSummary}
          error={errors.offenceSummary}
        />
        <RadioGroup
          id={`${id}-age`}
          name="ageGroup"
          legend="Adult or youth case"
          options={CASE_AGE_GROUPS}
          labels={CASE_AGE_GROUP_LABELS}
          defaultValue={pick<CaseAgeGroup>(CASE_AGE_GROUPS, values.ageGroup) || undefined}
          error={errors.ageGroup}
        />
        <CheckboxField
          id={`${id}-sensitive`}
          name="sensitive"
          label="Sensitive or complex"
          hint="The case supervisor must approve the risk assessment before a conference. Always for domestic abuse and sexual offences."
          defaultChecked={values.sensitive === "on" || values.sensitive === "true"}
          error={errors.sensitive}
        />
      </fieldset>
    </>
  );
}
