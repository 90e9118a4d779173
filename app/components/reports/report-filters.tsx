import { Form } from "@remix-run/react";
import { CASE_TYPE_LABELS, type CaseType } from "~/models/report-period";

type Values = { from: string; to: string; quarter: string; facilitator: string; type: string };

/**
 * The reports' filters as a GET form, so a filtered report is an address that can be bookmarked,
 * and the CSV and PDF links carry the same filters. The server checks every value (zod, in
 * app/models/report-schemas.ts) and puts each message beside its field.
 */
export function ReportFilters({
  values,
  errors,
  quarters,
  facilitators,
}: {
  values: Values;
  errors: Partial<Record<string, string>>;
  quarters: string[];
  facilitators: { id: string; name: string }[];
}) {
  const field = (name: keyof Values) => ({
    name,
    id: `filter-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `filter-${name}-error` : undefined,
  });
  const error = (name: keyof Values) =>
    errors[name] ? (
      <p className="field-error" id={`filter-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  return (
    <Form method="get" className="report-filters" aria-label="Filter the reports">
      <fieldset>
        <legend>Period</legend>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="filter-quarter">Quarter</label>
            <select {...field("quarter")} defaultValue={values.quarter}>
              <option value="">Use the dates</option>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {q.replace("-", " ")}
                </option>
              ))}
            </select>
            {error("quarter")}
          </div>
          <div className="field">
            <label htmlFor="filter-from">From</label>
            <input type="date" {...field("from")} defaultValue={values.quarter ? "" : values.from} />
            {error("from")}
          </div>
          <div className="field">
            <label htmlFor="filter-to">To</label>
            <input type="date" {...field("to")} defaultValue={values.quarter ? "" : values.to} />
            {error("to")}
          </div>
        </div>
      </fieldset>
      <div className="filter-row">
        <div className="field">
          <label htmlFor="filter-facilitator">Facilitator</label>
          <select {...field("facilitator")} defaultValue={values.facilitator}>
            <option value="">Everyone</option>
            {facilitators.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          {error("facilitator")}
        </div>
        <div className="field">
          <label htmlFor="filter-type">Case type</label>
          <select {...field("type")} defaultValue={values.type || "all"}>
            {(Object.keys(CASE_TYPE_LABELS) as CaseType[]).map((t) => (
              <option key={t} value={t}>
                {CASE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          {error("type")}
        </div>
        <div className="field actions">
          <button type="submit" className="button">
            Show figures
          </button>
        </div>
      </div>
    </Form>
  );
}
