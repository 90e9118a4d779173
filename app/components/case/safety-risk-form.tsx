import { CheckboxField, TextAreaField } from "~/components/ui/form-controls";
import { ACKNOWLEDGEMENT_LABELS, ACKNOWLEDGEMENTS, RECOMMENDATION_LABELS, RECOMMENDATIONS, RISK_LEVEL_LABELS, RISK_LEVELS } from "~/utils/preparation";
import { assessmentStageOf } from "~/models/gates";
import { STAGE_LABELS, type Stage } from "~/utils/roles";
import { RadioGroup, SafetyMessage, type SafetyResult } from "./safety-fields";
import type { Assessment } from "./safety-assessment";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

const LEVELS = [
  ["physicalHarm", "Risk of physical harm"],
  ["emotionalHarm", "Risk of emotional harm"],
  ["vulnerability", "Vulnerability"],
  ["powerImbalance", "Power imbalance"],
] as const;

/** A new risk assessment, prefilled from the latest so a re-assessment only changes what changed. */
export function RiskForm(p: { caseId: string; stage: Stage; sensitive: boolean; hasBooking: boolean; latest?: Assessment }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `risk-${p.caseId}` });
  const l = p.latest;
  return (
    <fetcher.Form method="post" action={`/cases/${p.caseId}/risk`} noValidate className="risk-form" key={result?.ok ? result.id : "form"}>
      <input type="hidden" name="intent" value="assess" />
      <p className="hint">This assessment is recorded for the {STAGE_LABELS[assessmentStageOf(p.stage)].toLowerCase()} stage. Earlier assessments are kept.</p>
      <div className="grid-2">
        {LEVELS.map(([name, legend]) => (
          <RadioGroup key={name} id={`risk-${name}`} name={name} legend={legend} options={RISK_LEVELS} labels={RISK_LEVEL_LABELS} defaultValue={l?.[name]} error={errors[name]} />
        ))}
      </div>
      <RadioGroup
        id="risk-acknowledges"
        name="acknowledges"
        legend="Does the person responsible acknowledge what they did?"
        options={ACKNOWLEDGEMENTS}
        labels={ACKNOWLEDGEMENT_LABELS}
        defaultValue={l?.acknowledges}
        error={errors.acknowledges}
      />
      <div className="grid-2">
        <TextAreaField
          id="risk-substance"
          name="substanceOrMental"
          label="Substance or mental-health factors"
          defaultValue={l?.substanceOrMental}
          maxLength={2000}
          error={errors.substanceOrMental}
        />
        <TextAreaField
          id="risk-measures"
          name="safetyMeasures"
          label="Safety measures"
          hint="Required when the recommendation is to proceed with safety measures."
          defaultValue={l?.safetyMeasures}
          maxLength={2000}
          error={errors.safetyMeasures}
        />
      </div>
      <CheckboxField id="risk-door" name="harmedNearDoor" label="The person harmed should sit nearest the door" defaultChecked={l?.harmedNearDoor} />
      <fieldset className="form-group">
        <legend>Indirect communication (messages or letters passed on by the facilitator)</legend>
        <p className="hint">Answer these when messages, questions or information may be passed between them; leave them empty otherwise.</p>
        <div className="grid-2">
          <TextAreaField
            id="risk-messages"
            name="messagesRisk"
            label="Could passing messages or information between them cause harm or re-victimise anyone? How will that be managed?"
            defaultValue={l?.messagesRisk}
            maxLength={2000}
            error={errors.messagesRisk}
          />
          <TextAreaField
            id="risk-not-passed"
            name="doNotPassOn"
            label="Information that must not be passed on"
            hint="For example an address, a new name, a workplace, or details of the harm one of them has not been told."
            defaultValue={l?.doNotPassOn}
            maxLength={2000}
            error={errors.doNotPassOn}
          />
        </div>
        <CheckboxField id="risk-custody" name="inCustody" label="The person responsible is in custody" defaultChecked={l?.inCustody} />
        <TextAreaField
          id="risk-custody-rules"
          name="custodyRules"
          label="The prison's rules on correspondence"
          hint="Required when the person responsible is in custody: who checks messages and letters, any restrictions on contact, the prison's victim contact arrangements."
          defaultValue={l?.custodyRules}
          maxLength={2000}
          error={errors.custodyRules}
        />
      </fieldset>
      <RadioGroup id="risk-overall" name="overall" legend="Overall risk" options={RISK_LEVELS} labels={RISK_LEVEL_LABELS} defaultValue={l?.overall} error={errors.overall} />
      <RadioGroup
        id="risk-recommendation"
        name="recommendation"
        legend="Recommendation"
        options={RECOMMENDATIONS}
        labels={RECOMMENDATION_LABELS}
        defaultValue={l?.recommendation}
        error={errors.recommendation}
      />
      <TextAreaField id="risk-summary" name="summary" label="Summary" rows={4} maxLength={4000} defaultValue={l?.summary} error={errors.summary} />
      {p.sensitive ? (
        <p className="alert warn">
          This case is marked sensitive or complex. A new assessment cannot un-mark it, and it needs the case supervisor's approval before a conference
          {p.hasBooking ? ": saving one puts the booked conference on hold until the supervisor approves it" : ""}.
        </p>
      ) : (
        <CheckboxField
          id="risk-sensitive"
          name="sensitive"
          label="Mark this case sensitive or complex"
          hint="A case supervisor must then approve the assessment before a conference. Once marked, a later assessment cannot un-mark it."
        />
      )}
      {p.sensitive ? <input type="hidden" name="sensitive" value="on" /> : null}
      <SafetyMessage result={result} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save risk assessment"}
        </button>
      </div>
    </fetcher.Form>
  );
}
