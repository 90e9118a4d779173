import { ApprovalForm } from "./safety-approval-form";
import { AssessmentView } from "./safety-assessment";
import { RiskForm } from "./safety-risk-form";
import type { SectionProps } from "./types";
import { Fold } from "~/components/ui/fold";

/**
 * Risk assessment: the latest in full, earlier ones as history, the supervisor's decision
 * form for the case supervisor, and a new assessment for the facilitators.
 */
export function RiskSection({ caseId, prep, canEdit, canApprove }: SectionProps) {
  const [latest, ...earlier] = prep.assessments;
  const hasBooking = prep.conferences.some((c) => c.status === "SCHEDULED");
  return (
    <section id="risk" className="card case-section risk-section" aria-labelledby="risk-heading">
      <h2 id="risk-heading">Risk assessment</h2>
      {prep.sensitive ? (
        <p className="meta">
          <span className="badge sensitive">Sensitive or complex</span>
          <span>A case supervisor must approve the current risk assessment before a conference is scheduled.</span>
        </p>
      ) : null}
      {prep.awaitingApproval ? (
        <p className="alert warn" role="status">
          The current risk assessment is waiting for the case supervisor's decision.
        </p>
      ) : null}
      {latest ? (
        <>
          {latest.current ? null : <p className="alert warn">The case has moved on since the latest assessment: assess the risk again for this stage.</p>}
          <AssessmentView a={latest} />
        </>
      ) : (
        <p className="hint">No risk assessment has been recorded yet. Assess the risk before any contact between the people involved.</p>
      )}
      {canApprove && latest?.current ? <ApprovalForm caseId={caseId} assessmentId={latest.id} decided={latest.approvals.length > 0} /> : null}
      {earlier.length ? (
        <details className="history">
          <summary>Earlier assessments ({earlier.length})</summary>
          {earlier.map((a) => (
            <AssessmentView key={a.id} a={a} />
          ))}
        </details>
      ) : null}
      {canEdit && prep.stage !== "CLOSED" ? (
        <Fold className="new-assessment" open={!latest || !latest.current} summary={latest ? "Record a new risk assessment" : "Record the risk assessment"}>
          <RiskForm caseId={caseId} stage={prep.stage} sensitive={prep.sensitive} hasBooking={hasBooking} latest={latest} />
        </Fold>
      ) : null}
    </section>
  );
}
