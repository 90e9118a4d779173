import { Link } from "@remix-run/react";
import { formatDateTime } from "~/utils/format";
import { CONFERENCE_STATUS_LABELS, displayName, type ConferenceStatus } from "~/utils/preparation";
import { CancelForm, ScheduleForm, WhenForm } from "./safety-conference-forms";
import { GateChecklist } from "./safety-fields";
import type { PrepData, SectionProps } from "./types";
import { Fold } from "~/components/ui/fold";

type Conference = PrepData["conferences"][number];

/**
 * The conference: what is booked or on hold, whether one can be scheduled now (the gate
 * as a checklist, before anyone taps), and the forms to schedule, move, re-book or cancel it.
 */
export function ConferenceSection({ caseId, prep, canEdit }: SectionProps) {
  const open = prep.conferences.filter((c) => c.status === "SCHEDULED" || c.status === "ON_HOLD");
  const past = prep.conferences.filter((c) => c.status === "HELD" || c.status === "CANCELLED");
  const onHold = open.some((c) => c.status === "ON_HOLD");
  const booked = open.some((c) => c.status === "SCHEDULED");
  return (
    <section id="conference" className="card case-section conference-section" aria-labelledby="conference-heading">
      <h2 id="conference-heading">Conference</h2>
      {open.map((c) => (
        <ConferenceCard key={c.id} c={c} caseId={caseId} prep={prep} canEdit={canEdit} />
      ))}
      {!booked && prep.stage !== "CLOSED" ? (
        <div className="can-schedule">
          <h3>Can a conference be scheduled now?</h3>
          <GateChecklist gate={prep.gates.conference} okText="Yes: consent, risk assessment and approval are in place." />
          {prep.gates.ageFlags.length ? (
            // Not a refusal: without an age Circle cannot tell whether a guardian must consent.
            <div className="alert warn age-flags">
              <p>Check before booking:</p>
              <ul>
                {prep.gates.ageFlags.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {canEdit && !onHold ? (
            // Offered even while something is missing: the server then says exactly what.
            <Fold className="schedule" open={prep.gates.conference.ok} summary="Schedule the conference">
              <ScheduleForm caseId={caseId} prep={prep} />
            </Fold>
          ) : null}
          {onHold ? <p className="hint">Re-book or cancel the conference on hold before scheduling another.</p> : null}
        </div>
      ) : null}
      {past.length ? (
        <details className="history">
          <summary>Earlier conferences ({past.length})</summary>
          <ul className="plain">
            {past.map((c) => (
              <li key={c.id}>
                {formatDateTime(c.scheduledAt)}, {[c.venue, c.room].filter(Boolean).join(", ")} · {CONFERENCE_STATUS_LABELS[c.status as ConferenceStatus]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ConferenceCard({ c, caseId, prep, canEdit }: { c: Conference; caseId: string; prep: PrepData; canEdit: boolean }) {
  const names = prep.participants.filter((p) => c.attendeeIds.includes(p.id)).map(displayName);
  const held = c.status === "ON_HOLD";
  return (
    <article className={`conference-card ${held ? "on-hold" : "booked"}`} aria-label={`Conference ${formatDateTime(c.scheduledAt)}`}>
      <p className="meta">
        <span className={`badge ${held ? "status-warn" : "status-ok"}`}>{CONFERENCE_STATUS_LABELS[c.status as ConferenceStatus]}</span>
      </p>
      {held ? (
        <p className="alert warn" role="status">
          <strong>On hold:</strong> {c.holdReason}
        </p>
      ) : null}
      <dl className="risk-grid">
        <div>
          <dt>When</dt>
          <dd>
            {formatDateTime(c.scheduledAt)}
            {c.endsAt ? ` to ${formatDateTime(c.endsAt)}` : ""}
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{[c.venue, c.room].filter(Boolean).join(", ")}</dd>
        </div>
        <div>
          <dt>Lead</dt>
          <dd>{c.lead ?? "Not set"}</dd>
        </div>
        <div>
          <dt>Co-facilitator</dt>
          <dd>{c.coFacilitator ?? "None"}</dd>
        </div>
        <div className="wide">
          <dt>Attending</dt>
          <dd>{names.join(", ") || "Nobody chosen"}</dd>
        </div>
      </dl>
      {held ? null : (
        <nav className="row conference-links" aria-label="Prepare and run this conference">
          <Link className="button secondary" to={`/conferences/${c.id}/seating`}>
            Seating plan
          </Link>
          <Link className="button secondary" to={`/conferences/${c.id}/script`}>
            Script
          </Link>
          <Link className="button" to={`/conferences/${c.id}/live`}>
            {canEdit ? "Run the conference" : "Follow the conference"}
          </Link>
        </nav>
      )}
      {canEdit ? (
        <div className="conference-actions">
          <Fold open={held} summary={held ? "Re-book" : "Change the date or venue"}>
            {held ? <p className="hint">Re-booking checks consent, the risk assessment, approval and the programme again.</p> : null}
            <WhenForm caseId={caseId} c={c} intent={held ? "rebook" : "reschedule"} />
          </Fold>
          <Fold summary="Cancel the conference">
            <CancelForm caseId={caseId} c={c} />
          </Fold>
        </div>
      ) : null}
    </article>
  );
}
