import type { PrepData } from "./types";
import { formatDateTime } from "~/utils/format";
import { ACKNOWLEDGEMENT_LABELS, RECOMMENDATION_LABELS, RISK_LEVEL_LABELS, type RiskLevel } from "~/utils/preparation";
import { STAGE_LABELS } from "~/utils/roles";

export type Assessment = PrepData["assessments"][number];

const Level = ({ value }: { value: RiskLevel }) => <span className={`level level-${value.toLowerCase()}`}>{RISK_LEVEL_LABELS[value]}</span>;

/** One risk assessment in full, with the supervisor's decisions on it. */
export function AssessmentView({ a }: { a: Assessment }) {
  return (
    <article className="assessment" aria-label={`Risk assessment of ${formatDateTime(a.createdAt)}`}>
      <p className="meta">
        <span className="badge">{STAGE_LABELS[a.stage]} stage</span>
        {a.current ? <span className="badge status-ok">Current</span> : <span className="badge status-muted">Superseded</span>}
        <span>
          By {a.assessedBy} on {formatDateTime(a.createdAt)}
        </span>
      </p>
      <p className={`recommendation rec-${a.recommendation.toLowerCase()}`}>
        <strong>Recommendation:</strong> {RECOMMENDATION_LABELS[a.recommendation]} · <strong>Overall risk:</strong> <Level value={a.overall} />
      </p>
      <dl className="risk-grid">
        <div>
          <dt>Physical harm</dt>
          <dd>
            <Level value={a.physicalHarm} />
          </dd>
        </div>
        <div>
          <dt>Emotional harm</dt>
          <dd>
            <Level value={a.emotionalHarm} />
          </dd>
        </div>
        <div>
          <dt>Vulnerability</dt>
          <dd>
            <Level value={a.vulnerability} />
          </dd>
        </div>
        <div>
          <dt>Power imbalance</dt>
          <dd>
            <Level value={a.powerImbalance} />
          </dd>
        </div>
        <div className="wide">
          <dt>Acknowledgement</dt>
          <dd>{ACKNOWLEDGEMENT_LABELS[a.acknowledges]}</dd>
        </div>
        {a.substanceOrMental ? (
          <div className="wide">
            <dt>Substance or mental-health factors</dt>
            <dd>{a.substanceOrMental}</dd>
          </div>
        ) : null}
        {a.safetyMeasures ? (
          <div className="wide">
            <dt>Safety measures</dt>
            <dd>{a.safetyMeasures}</dd>
          </div>
        ) : null}
        {a.harmedNearDoor ? (
          <div className="wide">
            <dt>Seating</dt>
            <dd>The person harmed should sit nearest the door.</dd>
          </div>
        ) : null}
        {a.messagesRisk ? (
          <div className="wide">
            <dt>Risk of passing messages</dt>
            <dd>{a.messagesRisk}</dd>
          </div>
        ) : null}
        {a.doNotPassOn ? (
          <div className="wide">
            <dt>Must not be passed on</dt>
            <dd>{a.doNotPassOn}</dd>
          </div>
        ) : null}
        {a.inCustody || a.custodyRules ? (
          <div className="wide">
            <dt>In custody</dt>
            <dd>
              {a.inCustody ? "The person responsible is in custody: the prison's rules on correspondence apply." : null}
              {a.custodyRules ? ` ${a.custodyRules}` : null}
            </dd>
          </div>
        ) : null}
        {a.sensitive ? (
          <div className="wide">
            <dt>Sensitive or complex</dt>
            <dd>The assessor marked the case sensitive or complex.</dd>
          </div>
        ) : null}
        {a.summary ? (
          <div className="wide">
            <dt>Summary</dt>
            <dd>{a.summary}</dd>
          </div>
        ) : null}
      </dl>
      {a.approvals.length ? (
        <ul className="plain decisions" aria-label="Supervisor decisions">
          {a.approvals.map((ap) => (
            <li key={ap.id} className={`decision ${ap.decision.toLowerCase()}`}>
              <strong>{ap.decision === "APPROVED" ? "Approved" : "Declined"}</strong> by {ap.supervisor} on {formatDateTime(ap.createdAt)}: {ap.comments}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
