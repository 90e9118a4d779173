import { SelectField, TextAreaField } from "~/components/ui/form-controls";
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS, COMPLETED_BY, COMPLETED_BY_LABELS, type ClosureReason, type CompletedBy } from "~/utils/preparation";
import { STAGE_LABELS, type Stage } from "~/utils/roles";
import { GateChecklist, SafetyMessage, type SafetyResult } from "./safety-fields";
import type { SectionProps } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { Fold } from "~/components/ui/fold";

/**
 * "Move the case on" (inside "What comes next"): each allowed next stage with a button, or the
 * reasons it is blocked. Scheduling a conference happens in the conference section.
 */
export function StageSection({ caseId, prep, canEdit }: SectionProps) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `stage-${caseId}` });
  if (prep.stage === "CLOSED") {
    return prep.closure ? (
      <p className="closure">
        <strong>Closed:</strong> {CLOSURE_REASON_LABELS[prep.closure.reason as ClosureReason] ?? prep.closure.reason}
        {prep.closure.completedBy ? ` ${COMPLETED_BY_LABELS[prep.closure.completedBy as CompletedBy].toLowerCase()}` : ""}
        {prep.closure.note ? ` — ${prep.closure.note}` : ""}
      </p>
    ) : null;
  }
  // Only facilitators close a case; others see where it can go next and what is missing.
  const options = prep.gates.stages.filter((o) => canEdit || o.to !== "CLOSED");
  if (options.length === 0) return null;
  return (
    <div className="stage-moves" aria-labelledby="stage-heading">
      <h3 id="stage-heading">Move the case on</h3>
      {prep.stage === "PREPARATION" ? <p className="hint">To book a conference, use “Schedule the conference” below.</p> : null}
      <ul className="plain stage-options">
        {options.map(({ to, gate }) => (
          <li key={to} className={gate.ok ? "open" : "blocked"}>
            {to === "CLOSED" ? (
              <CloseCase caseId={caseId} fetcher={fetcher} errors={errors} busy={busy} canEdit={canEdit} />
            ) : gate.ok ? (
              canEdit ? (
                <fetcher.Form method="post" action={`/cases/${caseId}/stage`}>
                  <input type="hidden" name="intent" value="move" />
                  <button type="submit" name="to" value={to} disabled={busy}>
                    Move to {STAGE_LABELS[to].toLowerCase()}
                  </button>
                </fetcher.Form>
              ) : (
                <p>{STAGE_LABELS[to]}: ready.</p>
              )
            ) : (
              <>
                <p className="stage-name">{STAGE_LABELS[to]}: not yet</p>
                <GateChecklist gate={gate} okText="" />
              </>
            )}
          </li>
        ))}
      </ul>
      <SafetyMessage result={result} />
    </div>
  );
}

function CloseCase(p: {
  caseId: string;
  fetcher: ReturnType<typeof useFormFetcher<SafetyResult>>["fetcher"];
  errors: Partial<Record<string, string>>;
  busy: boolean;
  canEdit: boolean;
}) {
  if (!p.canEdit) return null;
  const to: Stage = "CLOSED";
  return (
    <Fold className="close-case" open={Boolean(p.errors.closureReason || p.errors.closureNote || p.errors.completedBy)} summary="Close the case">
      <p.fetcher.Form method="post" action={`/cases/${p.caseId}/stage`} noValidate>
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="to" value={to} />
        <SelectField
          id="closure-reason"
          name="closureReason"
          label="Why is the case closing?"
          options={CLOSURE_REASONS}
          labels={CLOSURE_REASON_LABELS}
          placeholder="Choose a reason"
          error={p.errors.closureReason}
        />
        <CompletedByField id="closure-completed-by" error={p.errors.completedBy} />
        <TextAreaField id="closure-note" name="closureNote" label="Note" hint="Required when the reason is “Other”." maxLength={2000} error={p.errors.closureNote} />
        <button type="submit" className="danger" disabled={p.busy}>
          Close the case
        </button>
      </p.fetcher.Form>
    </Fold>
  );
}

/**
 * "How was it completed?": asked of a case closing as completed (and ignored for any other reason),
 * since reports count the outcome from it. Indirect communication needs both people's consent to
 * have questions and answers passed on and a message delivered; the server says so if either is missing.
 */
export function CompletedByField({ id, error }: { id: string; error?: string }) {
  return (
    <SelectField
      id={id}
      name="completedBy"
      label="How was it completed?"
      hint="Required when the reason is “Completed”."
      options={COMPLETED_BY}
      labels={COMPLETED_BY_LABELS}
      placeholder="Choose how"
      error={error}
    />
  );
}
