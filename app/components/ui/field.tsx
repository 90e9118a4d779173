/** A labelled input with its error wired to aria-describedby. */
export function Field(props: { id: string; name: string; label: string; type?: string; error?: string; autoComplete?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type={props.type ?? "text"} autoComplete={props.autoComplete} aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined} />
      {props.error ? <p className="field-error" id={`${props.id}-error`}>{props.error}</p> : null}
    </div>
  );
}
