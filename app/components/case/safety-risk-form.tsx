import { CheckboxField, TextAreaField } from "~/components/ui/form-controls";
import { ACKNOWLEDGEMENT_LABELS, ACKNOWLEDGEMENTS, RECOMMENDATION_LABELS, RECOMMENDATIONS, RISK_LEVEL_LABELS, RISK_LEVELS } from "~/utils/preparation";
import { assessmentStageOf } from "~/models/gates";
import { STAGE_LABELS, type Stage } from "~/utils/roles";
import { RadioGroup, SafetyMessage, type SafetyResult } from "./safety-fields";
import type { Assessment } from "./safety-assessment";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import type { FieldErrors } from "~/utils/schemas";

/** A question answered by choosing one option, typed so that its labels name exactly its options. */
const choice = <V extends string>(legend: string, options: readonly V[], labels: Record<V, string>) => ({ legend, options, labels: labels as Record<string, string> });

/** The questions answered by choosing, by field name (each one a fieldset whose id is `risk-<name>`). */
const CHOICES = {
  physicalHarm: choice("Risk of physical harm", RISK_LEVELS, RISK_LEVEL_LABELS),
  emotionalHarm: choice("Risk of emotional harm", RISK_LEVELS, RISK_LEVEL_LABELS),
  vulnerability: choice("Vulnerability", RISK_LEVELS, RISK_LEVEL_LABELS),
  powerImbalance: choice("Power imbalance", RISK_LEVELS, RISK_LEVEL_LABELS),
  acknowledges: choice("Does the person responsible acknowledge what they did?", ACKNOWLEDGEMENTS, ACKNOWLEDGEMENT_LABELS),
  overall: choice("Overall risk", RISK_LEVELS, RISK_LEVEL_LABELS),
  recommendation: choice("Recommendation", RECOMMENDATIONS, RECOMMENDATION_LABELS),
};

const LEVELS = ["physicalHarm", "emotionalHarm", "vulnerability", "powerImbalance"] as const;

/** One question answered by choosing, prefilled from the latest assessment. */
function RiskChoice({ name, latest, errors }: { name: keyof typeof CHOICES; latest?: Assessment; errors: FieldErrors }) {
  return <RadioGroup<string> {...CHOICES[name]} id={`risk-${name}`} name={name} defaultValue={latest?.[name]} error={errors[name]} />;
}

/** The written answers, up to 2,000 characters each: their element ids, labels and hints, by field name. */
const NOTES = {
  substanceOrMental: { id: "risk-substance", label: "Substance or mental-health factors" },
  safetyMeasures: { id: "risk-measures", label: "Safety measures", hint: "Required when the recommendation is to proceed with safety measures." },
  messagesRisk: { id: "risk-messages", label: "Could passing messages or information between them cause harm or re-victimise anyone? How will that be managed?" },
  doNotPassOn: {
    id: "risk-not-passed",
    label: "Information that must not be passed on",
    hint: "For example an address, a new name, a workplace, or details of the harm one of them has not been told.",
  },
  custodyRules: {
    id: "risk-custody-rules",
    label: "The prison's rules on correspondence",
    hint: "Required when the person responsible is in custody: who checks messages and letters, any restrictions on contact, the prison's victim contact arrangements.",
  },
} as const;

/** One written answer, prefilled from the latest assessment. */
function RiskNote({ name, latest, errors }: { name: keyof typeof NOTES; latest?: Assessment; errors: FieldErrors }) {
  return <TextAreaField {...NOTES[name]} name={name} defaultValue={latest?.[name]} maxLength={2000} error={errors[name]} />;
}

/** A new risk assessment, prefilled from the latest so a re-assessment only changes what changed. */
export function RiskForm(p: { caseId: string; stage: Stage; sensitive: boolean; hasBooking: boolean; latest?: Assessment }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `risk-${p.caseId}` });
  const l = p.latest;
  return (
    <fetcher.Form method="post" action={`/cases/${p.caseId}/risk`} noValidate className="risk-form" key={result?.ok ? result.id : "form"}>
      <input type="hidden" name="intent" value="assess" />
      <p className="hint">This assessment is recorded for the {STAGE_LABELS[assessmentStageOf(p.stage)].toLowerCase()} stage. Earlier assessments are kept.</p>
      <div className="grid-2">
        {LEVELS.map((name) => (
          <RiskChoice key={name} name={name} latest={l} errors={errors} />
        ))}
      </div>
      <RiskChoice name="acknowledges" latest={l} errors={errors} />
      <div className="grid-2">
        <RiskNote name="substanceOrMental" latest={l} errors={errors} />
        <RiskNote name="safetyMeasures" latest={l} errors={errors} />
      </div>
      <CheckboxField id="risk-door" name="harmedNearDoor" label="The person harmed should sit nearest the door" defaultChecked={l?.harmedNearDoor} />
      <fieldset className="form-group">
        <legend>Indirect communication (messages or letters passed on by the facilitator)</legend>
        <p className="hint">Answer these when messages, questions or information may be passed between them; leave them empty otherwise.</p>
        <div className="grid-2">
          <RiskNote name="messagesRisk" latest={l} errors={errors} />
          <RiskNote name="doNotPassOn" latest={l} errors={errors} />
        </div>
        <CheckboxField id="risk-custody" name="inCustody" label="The person responsible is in custody" defaultChecked={l?.inCustody} />
        <RiskNote name="custodyRules" latest={l} errors={errors} />
      </fieldset>
      <RiskChoice name="overall" latest={l} errors={errors} />
      <RiskChoice name="recommendation" latest={l} errors={errors} />
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
