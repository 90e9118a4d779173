import { FEEDBACK_QUESTIONS, SATISFACTION_LABELS, YES_NO_ANSWERS, YES_NO_LABELS } from "~/models/feedback-labels";

/**
 * The feedback questions as groups of large radio buttons, for the participant on the tablet and
 * for the facilitator copying a paper form: the same questions in the same words, so a paper form
 * and the tablet ask the same thing. Every answer may be left out.
 */
export function FeedbackQuestions({ idPrefix, errors, voice }: { idPrefix: string; errors: Partial<Record<string, string>>; voice: "participant" | "staff" }) {
  return (
    <>
      <fieldset className="feedback-question" aria-describedby={errors.satisfaction ? `${idPrefix}-satisfaction-error` : undefined}>
        <legend>{voice === "participant" ? "How satisfied are you with how it went?" : "How satisfied were they? (1 to 5)"}</legend>
        <div className="feedback-scale">
          {(["1", "2", "3", "4", "5"] as const).map((n) => (
            <label key={n} className="feedback-choice" htmlFor={`${idPrefix}-satisfaction-${n}`}>
              <input id={`${idPrefix}-satisfaction-${n}`} type="radio" name="satisfaction" value={n} />
              <span className="feedback-number">{n}</span>
              <span className="feedback-word">{SATISFACTION_LABELS[n]}</span>
            </label>
          ))}
        </div>
        {errors.satisfaction ? (
          <p className="field-error" id={`${idPrefix}-satisfaction-error`}>
            {errors.satisfaction}
          </p>
        ) : null}
      </fieldset>
      {FEEDBACK_QUESTIONS.map((q) => (
        <fieldset key={q.name} className="feedback-question" aria-describedby={errors[q.name] ? `${idPrefix}-${q.name}-error` : undefined}>
          <legend>{q.question}</legend>
          <div className="feedback-yes-no">
            {YES_NO_ANSWERS.map((a) => (
              <label key={a} className="feedback-choice" htmlFor={`${idPrefix}-${q.name}-${a}`}>
                <input id={`${idPrefix}-${q.name}-${a}`} type="radio" name={q.name} value={a} />
                <span className="feedback-word">{YES_NO_LABELS[a]}</span>
              </label>
            ))}
          </div>
          {errors[q.name] ? (
            <p className="field-error" id={`${idPrefix}-${q.name}-error`}>
              {errors[q.name]}
            </p>
          ) : null}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor={`${idPrefix}-comments`}>{voice === "participant" ? "Anything you would like to say, in your own words" : "Their own words (as written on the form)"}</label>
        <textarea id={`${idPrefix}-comments`} name="comments" rows={4} maxLength={4000} aria-invalid={errors.comments ? true : undefined} />
        {errors.comments ? <p className="field-error">{errors.comments}</p> : null}
      </div>
    </>
  );
}
