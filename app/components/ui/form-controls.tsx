import type { ReactNode } from "react";

/**
 * Form controls for the case screen and its panels, in the style of Field (field.tsx): a label,
 * an optional hint, the error wired to aria-describedby, 44 px touch targets (app.css).
 */
type Common = { id: string; name: string; label: string; hint?: string; error?: string };

function describedBy(p: Common) {
  return [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Frame(p: Common & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint ? (
        <p className="field-hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.children}
      {p.error ? (
        <p className="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField<V extends string>(p: Common & { options: readonly V[]; labels: Record<V, string>; defaultValue?: V | ""; placeholder?: string }) {
  return (
    <Frame {...p}>
      <select id={p.id} name={p.name} defaultValue={p.defaultValue ?? ""} aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(p)}>
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.labels[o]}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function TextAreaField(p: Common & { defaultValue?: string; rows?: number; maxLength?: number }) {
  return (
    <Frame {...p}>
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 3}
        maxLength={p.maxLength}
        defaultValue={p.defaultValue}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p)}
      />
    </Frame>
  );
}

/** A native date-time input (the tablet's own picker). Values are local wall-clock "YYYY-MM-DDTHH:mm". */
export function DateTimeField(p: Common & { defaultValue?: string; type?: "datetime-local" | "date" }) {
  return (
    <Frame {...p}>
      <input id={p.id} name={p.name} type={p.type ?? "datetime-local"} defaultValue={p.defaultValue} aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(p)} />
    </Frame>
  );
}

export function CheckboxField(p: { id: string; name: string; label: string; hint?: string; defaultChecked?: boolean; value?: string; error?: string }) {
  const describedBy = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field check">
      <input
        id={p.id}
        name={p.name}
        type="checkbox"
        value={p.value ?? "on"}
        defaultChecked={p.defaultChecked}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy}
      />
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint ? (
        <p className="field-hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p className="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level outcome of an action: an error (role=alert) or a confirmation (role=status). */
export function FormMessage({ error, done }: { error?: string; done?: string }) {
  if (error)
    return (
      <p className="alert error" role="alert">
        {error}
      </p>
    );
  if (done)
    return (
      <p className="alert success" role="status">
        {done}
      </p>
    );
  return null;
}
