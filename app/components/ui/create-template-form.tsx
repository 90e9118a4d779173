import { Field } from "./field";
import { FormMessage, SelectField, TextAreaField } from "./form-controls";
import { useFormFetcher } from "./use-form-fetcher";

/**
 * "Add a template" on the manager's template pages (conference scripts, intervention programmes):
 * a name, whether to start from a copy of the standard one or empty, and a description. Posts
 * `intent=create` to the page's action; the form starts afresh after each success.
 */
export function CreateTemplateForm(p: { heading: string; standardLabel: string; emptyLabel: string; descriptionHint: string; submitLabel: string }) {
  const { fetcher, errors, done, successKey, busy, formError } = useFormFetcher();
  return (
    <section className="card section-gap" aria-labelledby="create-heading">
      <h2 id="create-heading">{p.heading}</h2>
      <fetcher.Form method="post" className="grid-2" key={successKey}>
        <input type="hidden" name="intent" value="create" />
        <Field id="create-name" name="name" label="Name" error={errors.name} />
        <SelectField
          id="create-basedOn"
          name="basedOn"
          label="Start from"
          options={["standard", "empty"] as const}
          labels={{ standard: p.standardLabel, empty: p.emptyLabel }}
          defaultValue="standard"
          error={errors.basedOn}
        />
        <div style={{ gridColumn: "1 / -1" }}>
          <TextAreaField id="create-description" name="description" label="Description (optional)" hint={p.descriptionHint} error={errors.description} maxLength={500} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Adding…" : p.submitLabel}
          </button>
        </div>
      </fetcher.Form>
      <FormMessage error={formError} done={done} />
    </section>
  );
}
