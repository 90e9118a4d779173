import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  CANCELLED_BY,
  CANCELLED_BY_LABELS,
  CONTACT_READINESS,
  CONTACT_READINESS_LABELS,
  ENGAGEMENT_LABELS,
  PROGRAMME_MODULE_LABELS,
  PROGRAMME_VENUE_LABELS,
  PROGRAMME_VENUES,
} from "~/models/programme-labels";
import { formatDay } from "~/utils/format";
import type { SessionView, TeamMember, WorksheetView } from "./programme-types";
import { SessionNotes } from "./session-notes";
import { SessionWorksheets } from "./session-worksheets";

/** One session of a case's programme: what it is, when and where, what happened, and (for its facilitators) the forms to adapt, schedule and record it. */
export function ProgrammeSessionCard({
  session: s,
  number,
  count,
  canRecord,
  team,
  worksheets,
  person,
  signIn,
}: {
  session: SessionView;
  number: number;
  count: number;
  canRecord: boolean;
  team: TeamMember[];
  worksheets: WorksheetView[];
  person: string;
  signIn: string | null;
}) {
  const held = s.attendance?.status === "ATTENDED" || s.attendance?.status === "LATE";
  // Notes and worksheets belong to a session that is planned or has happened.
  const active = !s.skipped && (s.scheduledOn !== null || s.attendance !== null);
  return (
    <li className={`programme-session${s.skipped ? " skipped" : ""}`} aria-labelledby={`session-${s.id}`}>
      <p className="eyebrow">
        Session {number} · {PROGRAMME_MODULE_LABELS[s.module]} · {s.minutes} minutes{s.added ? " · added for this case" : ""}
      </p>
      <h3 id={`session-${s.id}`} className="programme-session-title">
        {s.title} <SessionBadge session={s} />
      </h3>
      {s.skipped ? <p className="hint">Skipped: {s.skipReason}</p> : null}
      <p>{s.aims}</p>
      {s.scheduledOn ? (
        <p>
          <strong>When and where:</strong> {planOf(s)}
        </p>
      ) : null}
      {s.attendance ? (
        <p>
          <strong>{ATTENDANCE_LABELS[s.attendance.status]}</strong>
          {s.attendance.cancelledBy ? ` by ${CANCELLED_BY_LABELS[s.attendance.cancelledBy].toLowerCase()}` : ""}
          {s.attendance.reason ? `: ${s.attendance.reason}` : ""} <span className="hint">(recorded by {s.attendance.recordedBy.name})</span>
        </p>
      ) : null}
      {s.review ? (
        <p>
          <strong>Review:</strong> engagement {ENGAGEMENT_LABELS[String(s.review.engagement)]}; readiness for contact:{" "}
          {CONTACT_READINESS_LABELS[s.review.contactReadiness].toLowerCase()}
          {s.review.concern ? `; concern raised: ${s.review.concernText}` : "; no concern raised"}.
        </p>
      ) : null}
      {s.guidance || s.exercises ? (
        <details>
          <summary>Guidance and exercises</summary>
          {s.guidance ? <p>{s.guidance}</p> : null}
          {s.exercises ? (
            <p>
              <strong>Exercises:</strong> {s.exercises}
            </p>
          ) : null}
        </details>
      ) : null}
      {active ? <SessionNotes sessionId={s.id} title={s.title} readOnly={!canRecord} /> : null}
      {active || worksheets.length ? <SessionWorksheets sessionId={s.id} person={person} worksheets={worksheets} canRecord={canRecord && active} signIn={signIn} /> : null}
      {canRecord ? <SessionForms session={s} count={count} held={held} team={team} /> : null}
    </li>
  );
}

/** "1 December 2026 at 10:00, Prison (HMP Leeds), with Chris Patel." as one string, as people read it. */
function planOf(s: SessionView): string {
  const where = s.venueKind ? `, ${PROGRAMME_VENUE_LABELS[s.venueKind]}${s.venue ? ` (${s.venue})` : ""}` : "";
  return `${formatDay(s.scheduledOn!)} at ${s.scheduledAt}${where}${s.coFacilitator ? `, with ${s.coFacilitator.name}` : ""}.`;
}

function SessionBadge({ session: s }: { session: SessionView }) {
  if (s.skipped) return <span className="badge muted">Skipped</span>;
  if (s.attendance?.status === "ATTENDED" || s.attendance?.status === "LATE") return <span className="badge status-ok">Held</span>;
  if (s.attendance?.status === "DID_NOT_ATTEND") return <span className="badge sensitive">Missed</span>;
  if (s.attendance?.status === "CANCELLED") return <span className="badge muted">Cancelled</span>;
  if (s.scheduledOn) return <span className="badge">Scheduled</span>;
  return null;
}

function SessionForms({ session: s, count, held, team }: { session: SessionView; count: number; held: boolean; team: TeamMember[] }) {
  const ids = (what: string) => `${what}-${s.id}`;
  return (
    <div className="programme-session-forms">
      {s.skipped ? (
        <ReasonForm intent="restore" session={s} summary="Put it back" label="Why is it put back?" button="Put the session back" />
      ) : (
        <>
          <ScheduleForm session={s} team={team} id={ids("schedule")} />
          <AttendanceForm session={s} id={ids("attendance")} />
          {held ? <ReviewForm session={s} id={ids("review")} /> : null}
          {held ? null : <ReasonForm intent="skip" session={s} summary="Skip" label="Why is it skipped?" button="Skip the session" />}
        </>
      )}
      <MoveForm session={s} count={count} />
    </div>
  );
}

function ReasonForm({ intent, session, summary, label, button }: { intent: "skip" | "restore"; session: SessionView; summary: string; label: string; button: string }) {
  const f = useFormFetcher();
  const id = `${intent}-${session.id}`;
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        {summary}
        <span className="visually-hidden"> &ldquo;{session.title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="stack">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="sessionId" value={session.id} />
        <TextAreaField id={`${id}-reason`} name="reason" label={label} error={f.errors.reason} maxLength={1000} />
        <button type="submit" disabled={f.busy}>
          {button}
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function MoveForm({ session, count }: { session: SessionView; count: number }) {
  const f = useFormFetcher();
  const places = Array.from({ length: count }, (_, i) => String(i + 1));
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        Move<span className="visually-hidden"> &ldquo;{session.title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="stack">
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="sessionId" value={session.id} />
        <SelectField
          id={`move-${session.id}-place`}
          name="place"
          label="Move to place"
          options={places}
          labels={Object.fromEntries(places.map((p) => [p, `Session ${p}`]))}
          placeholder="Choose the place"
          error={f.errors.place}
        />
        <TextAreaField id={`move-${session.id}-reason`} name="reason" label="Why does the order change?" error={f.errors.reason} maxLength={1000} />
        <button type="submit" disabled={f.busy}>
          Move the session
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function ScheduleForm({ session: s, team, id }: { session: SessionView; team: TeamMember[]; id: string }) {
  const f = useFormFetcher();
  const people = team.map((m) => m.id);
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        {s.scheduledOn ? "Change the date or place" : "Schedule"}
        <span className="visually-hidden"> &ldquo;{s.title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="grid-2">
        <input type="hidden" name="intent" value="schedule" />
        <input type="hidden" name="sessionId" value={s.id} />
        <Field id={`${id}-on`} name="scheduledOn" type="date" label="Date" error={f.errors.scheduledOn} defaultValue={s.scheduledOn ?? undefined} />
        <Field id={`${id}-at`} name="scheduledAt" type="time" label="Start time" error={f.errors.scheduledAt} defaultValue={s.scheduledAt ?? undefined} />
        <SelectField
          id={`${id}-venueKind`}
          name="venueKind"
          label="Where"
          options={PROGRAMME_VENUES}
          labels={PROGRAMME_VENUE_LABELS}
          defaultValue={s.venueKind ?? ""}
          placeholder="Choose where"
          error={f.errors.venueKind}
        />
        <Field id={`${id}-venue`} name="venue" label="Venue (optional)" hint="Its name, e.g. HMP Leeds, visits hall." error={f.errors.venue} defaultValue={s.venue} />
        <SelectField
          id={`${id}-co`}
          name="coFacilitatorId"
          label="Co-facilitator (optional)"
          options={people}
          labels={Object.fromEntries(team.map((m) => [m.id, m.name]))}
          defaultValue={s.coFacilitator?.id ?? ""}
          placeholder="Nobody named"
          error={f.errors.coFacilitatorId}
        />
        <div className="form-actions">
          <button type="submit" disabled={f.busy}>
            Save the plan
          </button>
        </div>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function AttendanceForm({ session: s, id }: { session: SessionView; id: string }) {
  const f = useFormFetcher();
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        {s.attendance ? "Correct the attendance" : "Record attendance"}
        <span className="visually-hidden"> at &ldquo;{s.title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="grid-2">
        <input type="hidden" name="intent" value="attendance" />
        <input type="hidden" name="sessionId" value={s.id} />
        <SelectField
          id={`${id}-status`}
          name="status"
          label="Did they attend?"
          options={ATTENDANCE_STATUSES}
          labels={ATTENDANCE_LABELS}
          placeholder="Choose"
          error={f.errors.status}
        />
        <SelectField
          id={`${id}-cancelledBy`}
          name="cancelledBy"
          label="Cancelled by (if cancelled)"
          options={CANCELLED_BY}
          labels={CANCELLED_BY_LABELS}
          placeholder="Not cancelled"
          error={f.errors.cancelledBy}
        />
        <div style={{ gridColumn: "1 / -1" }}>
          <TextAreaField id={`${id}-reason`} name="reason" label="Reason (needed when they did not attend)" error={f.errors.reason} maxLength={1000} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={f.busy}>
            Record attendance
          </button>
        </div>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

function ReviewForm({ session: s, id }: { session: SessionView; id: string }) {
  const f = useFormFetcher();
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>
        {s.review ? "Review again" : "Review the session"}
        <span className="visually-hidden"> &ldquo;{s.title}&rdquo;</span>
      </summary>
      <f.fetcher.Form method="post" className="grid-2">
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="sessionId" value={s.id} />
        <SelectField
          id={`${id}-engagement`}
          name="engagement"
          label="Engagement"
          options={["1", "2", "3", "4", "5"] as const}
          labels={ENGAGEMENT_LABELS as Record<"1" | "2" | "3" | "4" | "5", string>}
          placeholder="Choose"
          error={f.errors.engagement}
        />
        <SelectField
          id={`${id}-readiness`}
          name="contactReadiness"
          label="Readiness for contact with the person harmed"
          options={CONTACT_READINESS}
          labels={CONTACT_READINESS_LABELS}
          placeholder="Choose"
          error={f.errors.contactReadiness}
        />
        <SelectField
          id={`${id}-concern`}
          name="concern"
          label="Was a risk or safeguarding concern raised?"
          options={["no", "yes"] as const}
          labels={{ no: "No", yes: "Yes" }}
          placeholder="Choose"
          error={f.errors.concern}
        />
        <TextAreaField id={`${id}-concernText`} name="concernText" label="The concern (needed when one was raised)" error={f.errors.concernText} maxLength={2000} />
        <div className="form-actions">
          <button type="submit" disabled={f.busy}>
            Save the review
          </button>
        </div>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}
