/** What the safety resource routes answer: a confirmation, field errors, or a gate's reasons (400). */
export type SafetyResult = { ok: true; done: string; intent?: string; id?: string } | { ok: false; errors: Partial<Record<string, string>>; intent?: string; reasons?: string[] };

/** A group of large radio buttons (one tap each on a tablet), e.g. low / medium / high. */
export function RadioGroup<V extends string>(p: {
  id: string;
  name: string;
  legend: string;
  options: readonly V[];
  labels: Record<V, string>;
  defaultValue?: V;
  error?: string;
  hint?: string;
}) {
  const describedBy = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="field choice-group" aria-describedby={describedBy} aria-invalid={p.error ? true : undefined}>
      <legend>{p.legend}</legend>
      {p.hint ? (
        <p className="field-hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <div className="choices">
        {p.options.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name={p.name} value={o} defaultChecked={p.defaultValue === o} />
            <span>{p.labels[o]}</span>
          </label>
        ))}
      </div>
      {p.error ? (
        <p className="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A gate's answer as a checklist: a tick when it holds, otherwise each reason to act on. */
export function GateChecklist({ gate, okText }: { gate: { ok: true } | { ok: false; reasons: string[] }; okText: string }) {
  if (gate.ok)
    return (
      <p className="gate ok">
        <span aria-hidden="true">✓</span> {okText}
      </p>
    );
  return (
    <ul className="gate blocked" aria-label="What is missing">
      {gate.reasons.map((r) => (
        <li key={r}>
          <span aria-hidden="true">✗</span> {r}
        </li>
      ))}
    </ul>
  );
}

/** The form-level outcome: a confirmation, or an error with the gate's reasons listed. */
export function SafetyMessage({ result, intent }: { result?: SafetyResult; intent?: string }) {
  if (!result || (intent && result.intent && result.intent !== intent)) return null;
  if (result.ok)
    return (
      <p className="alert success" role="status">
        {result.done}
      </p>
    );
  if (result.reasons?.length) {
    return (
      <div className="alert error" role="alert">
        <p>This could not be done yet:</p>
        <ul>
          {result.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
    );
  }
  const fields = Object.keys(result.errors).filter((k) => k !== "form");
  const text = result.errors.form ?? (fields.length ? "Please check the answers marked below." : "That could not be saved.");
  return (
    <p className="alert error" role="alert">
      {text}
    </p>
  );
}
