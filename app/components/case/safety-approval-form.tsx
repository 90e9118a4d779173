import { TextAreaField } from "~/components/ui/form-controls";
import { RadioGroup, SafetyMessage, type SafetyResult } from "./safety-fields";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

const DECISIONS = ["APPROVED", "DECLINED"] as const;
const DECISION_LABELS = { APPROVED: "Approve", DECLINED: "Decline" } as const;

/** The case supervisor's decision on the current risk assessment; comments are required either way. */
export function ApprovalForm({ caseId, assessmentId, decided }: { caseId: string; assessmentId: string; decided: boolean }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `approval-${caseId}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/approval`} noValidate className="approval-form card-inset" key={result?.ok ? result.id : "form"}>
      <h3>{decided ? "Record a new decision" : "Your decision as case supervisor"}</h3>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <RadioGroup id="approval-decision" name="decision" legend="Decision on the current risk assessment" options={DECISIONS} labels={DECISION_LABELS} error={errors.decision} />
      <TextAreaField
        id="approval-comments"
        name="comments"
        label="Comments"
        hint="Required: the facilitators see them with your decision."
        maxLength={2000}
        error={errors.comments}
      />
      <SafetyMessage result={result} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Record decision"}
        </button>
      </div>
    </fetcher.Form>
  );
}
