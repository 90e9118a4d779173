import { Form } from "@remix-run/react";
import { formatDay } from "~/utils/format";
import { Field } from "~/components/ui/field";
import { DISPOSAL_KEEPS, DISPOSAL_REMOVES } from "~/models/disposal-labels";
import type { FieldErrors } from "~/utils/schemas";

type Props = { caseId: string; reference: string; held: boolean; busy: boolean; errors: FieldErrors };

/** A legal hold placed or lifted, with its reason (required). */
export function HoldForm({ caseId, reference, held, busy, errors }: Props) {
  const id = `${held ? "lift" : "hold"}-${caseId}`;
  return (
    <details>
      <summary>
        {held ? "Lift hold" : "Put on legal hold"}
        <span className="visually-hidden"> for {reference}</span>
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="intent" value={held ? "lift" : "hold"} />
        <Field id={`${id}-reason`} name="reason" label={held ? "Why the hold can be lifted" : "Why the case must be kept"} error={errors.reason} autoComplete="off" />
        <button type="submit" className="secondary" disabled={busy}>
          {held ? "Lift hold" : "Put on legal hold"}
        </button>
      </Form>
    </details>
  );
}

/** Disposal, confirmed by typing the case's reference, saying first what goes and what stays. */
/** When the retention job found the case due: the day and the rule, offered as the disposal's rule and reason. */
type Due = { dueOn: string; ruleReason: string } | null;

export function DisposeForm({ caseId, reference, due, busy, errors }: Omit<Props, "held"> & { due: Due }) {
  const id = `dispose-${caseId}`;
  return (
    <details>
      <summary>
        Dispose<span className="visually-hidden"> of {reference}</span>
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="intent" value="dispose" />
        <p>
          <strong>What is removed for good:</strong> {DISPOSAL_REMOVES}
        </p>
        <p>
          <strong>What stays:</strong> {DISPOSAL_KEEPS}
        </p>
        <Field
          id={`${id}-rule`}
          name="ruleId"
          label="Retention rule (optional)"
          hint={due ? "The service's rule that made it due." : "Not yet due under the service's rules: name the rule or request (an erasure request) it falls under."}
          error={errors.ruleId}
          autoComplete="off"
          defaultValue={due ? due.ruleReason.slice(0, 100) : undefined}
        />
        <Field
          id={`${id}-reason`}
          name="reason"
          label="Reason"
          hint="For example: six years have passed since the case closed."
          error={errors.reason}
          autoComplete="off"
          defaultValue={due ? `Its retention period ended on ${formatDay(due.dueOn)}.` : undefined}
        />
        <Field id={`${id}-confirm`} name="confirmReference" label={`Type ${reference} to confirm`} error={errors.confirmReference} autoComplete="off" />
        <button type="submit" className="danger" disabled={busy}>
          Dispose of {reference} now
        </button>
      </Form>
    </details>
  );
}
