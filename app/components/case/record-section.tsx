import type { SerializeFrom } from "@remix-run/node";
import type { CaseRecord } from "~/models/case-record.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { CLOSURE_REASON_LABELS } from "~/utils/preparation";
import { describeRecordValue, offenceLabel, RECORD_FIELD_LABELS, REFERRER_TYPE_LABELS, type RecordField } from "~/utils/referral";
import { isStage, STAGE_LABELS } from "~/utils/roles";
import { CaseDetailsFields } from "./case-details-fields";
import { SafetyMessage, type SafetyResult } from "./safety-fields";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { Fold } from "~/components/ui/fold";

export type RecordData = SerializeFrom<CaseRecord>;

/** The referral details as a list of facts. */
export function RecordDetails({ record }: { record: RecordData }) {
  const d = record.details;
  const referrer = [d.referrerName, d.referrerContact].filter(Boolean).join(", ");
  return (
    <dl className="record-details">
      <div>
        <dt>Received</dt>
        <dd>{formatDate(d.referredAt)}</dd>
      </div>
      <div>
        <dt>Referred by</dt>
        <dd>
          {REFERRER_TYPE_LABELS[d.referrerType] ?? d.referrerType}
          {referrer ? <span className="break"> — {referrer}</span> : null}
          {d.referrerNotes ? <span className="hint block">{d.referrerNotes}</span> : null}
        </dd>
      </div>
      <div>
        <dt>Offence</dt>
        <dd>{offenceLabel(d.offenceType, d.offenceOther)}</dd>
      </div>
      <div>
        <dt>Adult or youth</dt>
        <dd>{d.youth ? "Youth case" : "Adult case"}</dd>
      </div>
      <div>
        <dt>Sensitive or complex</dt>
        <dd>{d.sensitive ? "Yes" : "No"}</dd>
      </div>
    </dl>
  );
}

/** The edit form for the referral details, posted to /cases/:id/record. */
export function EditDetails({ record, today }: { record: RecordData; today: string }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `record-details-${record.id}` });
  const d = record.details;
  const mine = result?.intent === "details" ? result : undefined;
  const fieldErrors = mine && !mine.ok ? errors : {};
  return (
    <Fold className="edit-details" open={Boolean(mine && !mine.ok)} summary="Edit the details">
      <fetcher.Form method="post" action={`/cases/${record.id}/record`} noValidate>
        <input type="hidden" name="intent" value="details" />
        <CaseDetailsFields
          id={`edit-${record.id}`}
          today={today}
          errors={fieldErrors}
          values={{
            title: d.title,
            receivedOn: d.receivedOn,
            referrerType: d.referrerType,
            referrerName: d.referrerName,
            referrerContact: d.referrerContact,
            referrerNotes: d.referrerNotes,
            offenceType: d.offenceType,
            offenceOther: d.offenceOther,
            offenceSummary: d.offenceSummary,
            ageGroup: d.youth ? "YOUTH" : "ADULT",
            sensitive: d.sensitive ? "on" : "",
          }}
        />
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save the details"}
        </button>
      </fetcher.Form>
      <SafetyMessage result={mine} />
    </Fold>
  );
}

type HistoryEntry = RecordData["history"][number];

/** One edit writes a row per field at the same moment: shown together, as one change. */
function groupHistory(history: HistoryEntry[]) {
  const groups: { key: string; at: string; by: string; rows: HistoryEntry[] }[] = [];
  for (const row of history) {
    const last = groups.at(-1);
    if (last && row.action === "EDITED" && last.rows[0]!.action === "EDITED" && last.at === row.at && last.by === row.by) last.rows.push(row);
    else groups.push({ key: row.id, at: row.at, by: row.by, rows: [row] });
  }
  return groups;
}

const stageName = (s: string) => (isStage(s) ? STAGE_LABELS[s].toLowerCase() : s);
const shown = (field: string, value: string) => describeRecordValue(field, value, formatDate) || "(empty)";

function HistoryText({ row }: { row: HistoryEntry }) {
  switch (row.action) {
    case "CREATED":
      return <>Recorded the referral.</>;
    case "CLOSED":
      return (
        <>
          Closed the case at {stageName(row.before)}
          {row.reason ? `: ${row.reason}` : "."}
        </>
      );
    case "REOPENED":
      return (
        <>
          Reopened the case at {stageName(row.after)}: {row.reason}
        </>
      );
    default:
      return (
        <>
          <strong>{RECORD_FIELD_LABELS[row.field as RecordField] ?? row.field}</strong> changed from <q>{shown(row.field, row.before)}</q> to <q>{shown(row.field, row.after)}</q>
          {row.reason ? ` (${row.reason.toLowerCase()})` : ""}
        </>
      );
  }
}

/** What changed in the record, when and by whom, newest first; earlier values kept as they were. */
export function RecordHistory({ record }: { record: RecordData }) {
  const groups = groupHistory(record.history);
  if (groups.length === 0) return <p className="hint">No changes recorded in Circle yet.</p>;
  return (
    <ol className="record-history" aria-label="History of the case record">
      {groups.map((g) => (
        <li key={g.key}>
          <p className="hint">
            {formatDateTime(g.at)} · {g.by}
          </p>
          <ul className="plain">
            {g.rows.map((row) => (
              <li key={row.id}>
                <HistoryText row={row} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** The case page's "Referral" section: the details, the edit form for the team's facilitators, and the history. */
export function RecordSection({ record, canEditDetails, today }: { record: RecordData; canEditDetails: boolean; today: string }) {
  return (
    <section className="card case-section" id="referral" aria-labelledby="referral-heading">
      <h2 id="referral-heading">Referral</h2>
      <RecordDetails record={record} />
      {record.stage === "CLOSED" && record.closure ? (
        <p>
          <strong>Closed:</strong> {CLOSURE_REASON_LABELS[record.closure.reason] ?? record.closure.reason}
          {record.closure.note ? ` — ${record.closure.note}` : ""}. Only the service manager can reopen it.
        </p>
      ) : null}
      {canEditDetails && record.stage !== "CLOSED" ? <EditDetails record={record} today={today} /> : null}
      <details className="record-history-box">
        <summary>History of changes ({record.history.length === 0 ? "none yet" : record.history.length})</summary>
        <RecordHistory record={record} />
      </details>
    </section>
  );
}
