import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { ANY_OUTCOME, outcomeLabel, RETENTION_BASES, RETENTION_BASIS_LABELS, RETENTION_CASE_TYPE_LABELS, RETENTION_CASE_TYPES, type RetentionBasis } from "~/models/retention";
import { formatDay } from "~/utils/format";
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS } from "~/utils/preparation";
import type { FieldErrors } from "~/utils/schemas";

/** The retention page's forms (/admin/retention); each posts one intent to its action (app/actions/retention.server.ts). */

export type RuleRow = {
  id: string;
  caseType: (typeof RETENTION_CASE_TYPES)[number];
  outcome: (typeof CLOSURE_REASONS)[number] | null;
  basis: RetentionBasis;
  years: number;
  months: number;
  untilAge: number | null;
  reason: string;
  terms: string;
  setBy: string | null;
  setAt: string;
};

type Defaults = { basis?: RetentionBasis; years?: number; months?: number; untilAge?: number | null; reason?: string };

/** How long, and why: the same fields when adding a rule and when changing one. Fields the basis does not use are ignored. */
function TermsFields({ prefix, errors, value = {} }: { prefix: string; errors: FieldErrors; value?: Defaults }) {
  const number = (n: number | null | undefined) => (n ? String(n) : "");
  return (
    <>
      <SelectField
        id={`${prefix}-basis`}
        name="basis"
        label="How long to keep them"
        options={RETENTION_BASES}
        labels={RETENTION_BASIS_LABELS}
        defaultValue={value.basis ?? "AFTER_CLOSURE"}
        error={errors.basis}
      />
      <div className="grid-2">
        <Field id={`${prefix}-years`} name="years" type="number" label="Years after closure" defaultValue={number(value.years)} error={errors.years} />
        <Field id={`${prefix}-months`} name="months" type="number" label="and months (0 to 11)" defaultValue={number(value.months)} error={errors.months} />
      </div>
      <Field
        id={`${prefix}-untilAge`}
        name="untilAge"
        type="number"
        label="Until the youngest person harmed or responsible is this age"
        hint="For a rule by age or whichever is later, e.g. 25."
        defaultValue={number(value.untilAge)}
        error={errors.untilAge}
      />
      <TextAreaField
        id={`${prefix}-reason`}
        name="reason"
        label="Reason for this rule"
        hint='Required: the policy or guidance it follows, e.g. "Service policy 4.2; ICO guidance".'
        defaultValue={value.reason}
        maxLength={500}
        error={errors.reason}
      />
    </>
  );
}

export function AddRule() {
  const { fetcher, errors, done, successKey, busy, formError } = useFormFetcher();
  return (
    <section className="card section-gap" aria-labelledby="add-rule-heading">
      <h2 id="add-rule-heading">Add a rule for one outcome</h2>
      <p className="hint">A rule for a case type and one outcome comes before that type's rule for any outcome.</p>
      <fetcher.Form method="post" className="stack" key={successKey}>
        <input type="hidden" name="intent" value="add" />
        <div className="grid-2">
          <SelectField
            id="add-caseType"
            name="caseType"
            label="Case type"
            options={RETENTION_CASE_TYPES}
            labels={RETENTION_CASE_TYPE_LABELS}
            defaultValue="ADULT"
            error={errors.caseType}
          />
          <SelectField
            id="add-outcome"
            name="outcome"
            label="Closed as"
            options={[ANY_OUTCOME, ...CLOSURE_REASONS] as const}
            labels={{ [ANY_OUTCOME]: "Any outcome", ...CLOSURE_REASON_LABELS }}
            defaultValue="COMPLETED"
            error={errors.outcome}
          />
        </div>
        <TermsFields prefix="add" errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Adding…" : "Add the rule"}
          </button>
        </div>
      </fetcher.Form>
      <FormMessage error={formError} done={done} />
    </section>
  );
}

export function RuleCard({ rule }: { rule: RuleRow }) {
  const change = useFormFetcher();
  const remove = useFormFetcher();
  const name = `${RETENTION_CASE_TYPE_LABELS[rule.caseType]}, ${outcomeLabel(rule.outcome).toLowerCase()}`;
  const prefix = `rule-${rule.id}`;
  return (
    <article className="card" aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`} style={{ marginTop: 0 }}>
        {name}
      </h3>
      <p>
        Kept <strong>{rule.terms}</strong>.
      </p>
      <p className="hint">
        Reason: {rule.reason} <br />
        {rule.setBy ? `Set by ${rule.setBy}` : "Circle's default"}, {formatDay(rule.setAt)}
      </p>
      <details className="step-edit" open={Object.keys(change.errors).length > 0 || undefined}>
        <summary className="tap">
          Change<span className="visually-hidden"> the rule for {name}</span>
        </summary>
        <change.fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="ruleId" value={rule.id} />
          <TermsFields prefix={prefix} errors={change.errors} value={rule} />
          <div className="form-actions">
            <button type="submit" disabled={change.busy}>
              {change.busy ? "Saving…" : "Save the rule"}
            </button>
          </div>
        </change.fetcher.Form>
      </details>
      <FormMessage error={change.formError} done={change.done} />
      {rule.outcome ? (
        <remove.fetcher.Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="ruleId" value={rule.id} />
          <button type="submit" className="danger" disabled={remove.busy}>
            Remove<span className="visually-hidden"> the rule for {name}</span>
          </button>
        </remove.fetcher.Form>
      ) : null}
      <FormMessage error={remove.formError} done={remove.done} />
    </article>
  );
}
