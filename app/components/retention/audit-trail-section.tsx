import { Field } from "~/components/ui/field";
import { FormMessage, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { AUDIT_DEFAULT_YEARS, yearsWord } from "~/models/audit-retention";
import { formatDateTime, formatDay } from "~/utils/format";

/**
 * The retention page's section on how long the audit trail is kept (/admin/retention): the period
 * in force, its form (intent "audit-period", app/actions/retention.server.ts), the last prune by
 * the retention job, and every change to the period.
 */

export type AuditTrailRetention = {
  period: { years: number; reason: string; setBy: string; setAt: string } | null;
  history: { id: string; at: string; who: string; from: number | null; to: number; reason: string }[];
  lastPrune: { at: string; cutoff: string; count: number } | null;
};

export function AuditTrailSection({ audit }: { audit: AuditTrailRetention }) {
  const { fetcher, errors, done, successKey, busy, formError } = useFormFetcher();
  const { period, history, lastPrune } = audit;
  return (
    <section className="card section-gap" aria-labelledby="audit-trail-heading">
      <h2 id="audit-trail-heading">The audit trail</h2>
      <p className="hint">
        How long Circle keeps the record of who viewed or changed what. The retention job deletes entries older than this, for your service. Circle's default is{" "}
        <strong>{yearsWord(AUDIT_DEFAULT_YEARS)}</strong>: a claim can usually be brought up to 6 years after the events, and closed cases are kept 6 years by default, so with a
        year's margin a case's trail outlasts the case. At least 1 year. Entries that belong to no service (such as failed sign-ins with an unknown name) are kept for the shortest
        period any service on this Circle has set.
      </p>
      {period ? (
        <p>
          Audit entries are kept for <strong>{yearsWord(period.years)}</strong>.{" "}
          <span className="hint">
            Reason: {period.reason} ({period.setBy}, {formatDay(period.setAt)})
          </span>
        </p>
      ) : (
        <p>No period is set: the whole audit trail is kept.</p>
      )}
      <p>
        {lastPrune ? (
          <>
            Last deleted: <strong>{lastPrune.count === 1 ? "1 entry" : `${lastPrune.count} entries`}</strong> created before {formatDateTime(lastPrune.cutoff)}, on{" "}
            {formatDateTime(lastPrune.at)}.
          </>
        ) : (
          "No audit entries have been deleted yet: none was older than the period."
        )}
      </p>
      <fetcher.Form method="post" className="stack" key={successKey}>
        <input type="hidden" name="intent" value="audit-period" />
        <Field
          id="audit-years"
          name="years"
          type="number"
          label="Keep audit entries for (years)"
          hint="Whole years, at least 1. A shorter period deletes older entries at the retention job's next run."
          defaultValue={period ? String(period.years) : String(AUDIT_DEFAULT_YEARS)}
          error={errors.years}
        />
        <TextAreaField
          id="audit-reason"
          name="reason"
          label="Reason for this period"
          hint='Required: the policy or guidance it follows, e.g. "Service policy 7.1".'
          maxLength={500}
          error={errors.reason}
        />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save the period"}
          </button>
        </div>
      </fetcher.Form>
      <FormMessage error={formError} done={done} />
      <h3>Changes to the period</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Changes to how long the audit trail is kept (scrolls sideways on small screens)">
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Period</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td className="when">{formatDateTime(h.at)}</td>
                <td>{h.who}</td>
                <td>{h.from === null ? yearsWord(h.to) : `${yearsWord(h.from)} → ${yearsWord(h.to)}`}</td>
                <td className="break">{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
