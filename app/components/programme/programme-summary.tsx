import { PROGRAMME_MODULE_LABELS } from "~/models/programme-labels";
import { formatDay } from "~/utils/format";
import type { SummaryView } from "./programme-types";

/**
 * Where the programme stands: sessions held of those planned, the attendance rate, the modules
 * done, the facilitators' readiness judgement and what still holds back a letter or a conference.
 * Shown on the programme page and on the case screen.
 */
export function ProgrammeSummary({ summary, headingLevel = 2 }: { summary: SummaryView; headingLevel?: 2 | 3 }) {
  const { progress: p } = summary;
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="programme-summary">
      {summary.concern ? (
        <p className="alert warn" role="status">
          <strong>The risk assessment needs review.</strong> A risk or safeguarding concern was raised at &ldquo;{summary.concern.sessionTitle}&rdquo; on{" "}
          {formatDay(summary.concern.raisedAt)}: record a new risk assessment.
        </p>
      ) : null}
      <dl className="programme-figures">
        <div>
          <dt>Sessions held</dt>
          <dd>
            {`${p.held} of ${p.planned}`}
            {p.skipped > 0 ? <span className="hint"> ({p.skipped} skipped)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Attendance</dt>
          <dd>{p.attendanceRate === null ? "None recorded yet" : `${Math.round(p.attendanceRate * 100)}%${p.missed > 0 ? `, ${p.missed} missed` : ""}`}</dd>
        </div>
        <div>
          <dt>Modules done</dt>
          <dd>{`${p.modulesDone.length} of ${p.modules.length}`}</dd>
        </div>
      </dl>
      {p.modules.length > 0 ? (
        <ul className="programme-modules" aria-label="Modules">
          {p.modules.map((m) => (
            <li key={m}>
              <span aria-hidden="true">{p.modulesDone.includes(m) ? "✓" : "○"}</span> {PROGRAMME_MODULE_LABELS[m]}
              <span className="visually-hidden">{p.modulesDone.includes(m) ? " (done)" : " (not yet done)"}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <H className="programme-subheading">Readiness</H>
      <p>
        {summary.readiness === null
          ? "The facilitators have not yet recorded whether the person responsible is ready."
          : summary.readiness.kind === "READY"
            ? "The facilitators judge the person responsible ready."
            : `The facilitators judge the person responsible not ready yet: ${summary.readiness.reasons}`}
      </p>
      {summary.override ? <p>The case supervisor decided the case may go ahead without a complete programme: {summary.override.reasons}</p> : null}
      {summary.gate.length === 0 ? (
        <p className="alert success">
          {summary.complete ? "The programme is complete" : "The case supervisor's decision stands"}: a letter may be released and a conference booked as far as the programme is
          concerned.
        </p>
      ) : (
        <div className="alert info">
          <p style={{ marginTop: 0 }}>Before a letter from the person responsible is released or a conference booked:</p>
          <ul>
            {summary.gate.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
