import type { SerializeFrom } from "@remix-run/node";
import type { getCaseFeedback } from "~/models/feedback.server";
import { answerWord, FEEDBACK_METHOD_LABELS, FEEDBACK_OCCASION_LABELS, FEEDBACK_QUESTIONS, SATISFACTION_LABELS } from "~/models/feedback-labels";
import { formatDay } from "~/utils/format";
import { displayName, PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";

type Item = SerializeFrom<Awaited<ReturnType<typeof getCaseFeedback>>>["items"][number];

/** What each participant said, newest first; a decline shows as one, with nothing else. */
export function FeedbackList({ items }: { items: Item[] }) {
  if (items.length === 0) return <p className="empty">No feedback has been given yet. Hand the tablet to a participant, or copy in a paper form.</p>;
  return (
    <ol className="contact-log feedback-list" aria-label="Feedback given">
      {items.map((f) => (
        <li key={f.id} className="contact">
          <div className="contact-head">
            <strong>{displayName(f.participant)}</strong> <span className="hint">({PARTICIPANT_ROLE_LABELS[f.role]})</span>
            <span className={`badge ${f.declined ? "muted" : "status-ok"}`}>
              {f.declined ? "Declined to give feedback" : f.satisfaction ? `Satisfaction ${f.satisfaction} of 5` : "Feedback"}
            </span>
          </div>
          <span className="hint">
            {FEEDBACK_OCCASION_LABELS[f.occasion]} · {formatDay(f.givenOn)} · {FEEDBACK_METHOD_LABELS[f.method]} · recorded by {f.recordedBy.name}
          </span>
          {f.declined ? null : (
            <dl className="feedback-answers">
              {f.satisfaction ? (
                <div className="feedback-answer">
                  <dt>How satisfied</dt>
                  <dd>
                    {f.satisfaction} of 5: {SATISFACTION_LABELS[String(f.satisfaction)]}
                  </dd>
                </div>
              ) : null}
              {FEEDBACK_QUESTIONS.map((q) => (
                <div key={q.name} className="feedback-answer">
                  <dt>{q.question}</dt>
                  <dd>{answerWord(f[q.name])}</dd>
                </div>
              ))}
              {f.comments ? (
                <div className="feedback-answer">
                  <dt>In their own words</dt>
                  <dd className="feedback-comments">{f.comments}</dd>
                </div>
              ) : null}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
