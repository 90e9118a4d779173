import { DateTimeField } from "~/components/ui/form-controls";
import { Field } from "~/components/ui/field";
import { toZonedInput } from "~/utils/format";
import { displayName, PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { CASE_ROLE_LABELS, type CaseRole } from "~/utils/roles";
import { SafetyMessage, type SafetyResult } from "./safety-fields";
import type { PrepData } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

type Conference = PrepData["conferences"][number];
type Errors = Partial<Record<string, string>>;

/** Date, time, venue and room: shared by scheduling, rescheduling and re-booking. */
function WhenFields({ id, errors, c }: { id: string; errors: Errors; c?: Conference }) {
  return (
    <div className="grid-2">
      <DateTimeField id={`${id}-start`} name="scheduledAt" label="Date and start time" defaultValue={c ? toZonedInput(c.scheduledAt) : undefined} error={errors.scheduledAt} />
      <DateTimeField id={`${id}-end`} name="endsAt" label="Expected end (optional)" defaultValue={c?.endsAt ? toZonedInput(c.endsAt) : undefined} error={errors.endsAt} />
      <Field id={`${id}-venue`} name="venue" label="Venue" hint="Neutral ground: not either person's home or usual place." defaultValue={c?.venue} error={errors.venue} />
      <Field id={`${id}-room`} name="room" label="Room (optional)" defaultValue={c?.room} error={errors.room} />
    </div>
  );
}

function FacilitatorSelect(p: { id: string; name: string; label: string; team: PrepData["team"]; defaultValue?: string; error?: string; optional?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <select id={p.id} name={p.name} defaultValue={p.defaultValue ?? ""} aria-invalid={p.error ? true : undefined} aria-describedby={p.error ? `${p.id}-error` : undefined}>
        {p.optional ? <option value="">No co-facilitator</option> : <option value="">Choose a facilitator</option>}
        {p.team.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({CASE_ROLE_LABELS[m.role as CaseRole]?.toLowerCase() ?? m.role})
          </option>
        ))}
      </select>
      {p.error ? (
        <p className="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

export function ScheduleForm({ caseId, prep }: { caseId: string; prep: PrepData }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `schedule-${caseId}` });
  const facilitators = prep.team.filter((m) => m.role === "LEAD" || m.role === "CO_FACILITATOR");
  const people = prep.participants.filter((p) => !p.removed);
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/conferences`} noValidate className="schedule-form">
      <input type="hidden" name="intent" value="schedule" />
      <WhenFields id="schedule" errors={errors} />
      <div className="grid-2">
        <FacilitatorSelect
          id="schedule-lead"
          name="leadId"
          label="Lead facilitator"
          team={facilitators}
          defaultValue={facilitators.find((m) => m.role === "LEAD")?.id}
          error={errors.leadId}
        />
        <FacilitatorSelect
          id="schedule-co"
          name="coFacilitatorId"
          label="Co-facilitator"
          team={facilitators}
          defaultValue={facilitators.find((m) => m.role === "CO_FACILITATOR")?.id}
          error={errors.coFacilitatorId}
          optional
        />
      </div>
      <fieldset className="field attendees" aria-describedby={errors.attendees ? "schedule-attendees-error" : "schedule-attendees-hint"}>
        <legend>Who attends</legend>
        <p className="field-hint" id="schedule-attendees-hint">
          At least the person harmed and the person responsible.
        </p>
        <div className="choices column">
          {people.map((p) => (
            <label key={p.id} className="choice">
              <input type="checkbox" name="attendees" value={p.id} defaultChecked />
              <span>
                {displayName(p)} <span className="hint">({PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()})</span>
              </span>
            </label>
          ))}
        </div>
        {errors.attendees ? (
          <p className="field-error" id="schedule-attendees-error">
            {errors.attendees}
          </p>
        ) : null}
      </fieldset>
      <SafetyMessage result={result} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Booking…" : "Schedule the conference"}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** Reschedule (a booked conference) or re-book (one on hold): the same fields, a different intent. */
export function WhenForm({ caseId, c, intent }: { caseId: string; c: Conference; intent: "reschedule" | "rebook" }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `${intent}-${c.id}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/conferences`} noValidate>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="conferenceId" value={c.id} />
      <WhenFields id={`${intent}-${c.id}`} errors={errors} c={c} />
      <SafetyMessage result={result} />
      <button type="submit" disabled={busy}>
        {intent === "rebook" ? "Re-book the conference" : "Save the new date"}
      </button>
    </fetcher.Form>
  );
}

export function CancelForm({ caseId, c }: { caseId: string; c: Conference }) {
  const { fetcher, data: result, errors, busy } = useFormFetcher<SafetyResult>({ key: `cancel-${c.id}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/conferences`} noValidate>
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="conferenceId" value={c.id} />
      <Field id={`cancel-${c.id}-reason`} name="reason" label="Why is it cancelled?" error={errors.reason} />
      <SafetyMessage result={result} />
      <button type="submit" className="danger" disabled={busy}>
        Cancel the conference
      </button>
    </fetcher.Form>
  );
}
