import { useState } from "react";
import { formatDateTime } from "~/utils/format";
import { displayName, PARTICIPANT_ROLE_LABELS, PREP_CONTACT_KIND_LABELS, PREP_CONTACT_STATUS_LABELS, PREP_PLACE_LABELS } from "~/utils/preparation";
import { NextContactDue } from "./people-card";
import { ContactForm } from "./people-contact-form";
import type { PrepData, SectionProps } from "./types";
import { Fold } from "~/components/ui/fold";

type Contact = PrepData["contacts"][number];

/**
 * Preparation contacts: who is due a contact next (overdue first), a form to log a
 * visit, call, letter or email, and the log itself, newest first, filterable by participant.
 */
export function ContactsSection({ caseId, prep, canEdit, me }: SectionProps) {
  const [filter, setFilter] = useState("");
  const names = new Map(prep.participants.map((p) => [p.id, `${displayName(p)}${p.removed ? " (removed)" : ""}`]));
  const active = prep.participants.filter((p) => !p.removed);
  const due = [...active].sort((a, b) => (a.nextContactDue ?? "9999").localeCompare(b.nextContactDue ?? "9999"));
  const shown = filter ? prep.contacts.filter((k) => k.participantId === filter) : prep.contacts;
  return (
    <section id="contacts" className="card case-section" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Preparation contacts</h2>
      {due.length ? (
        <>
          <h3>Who is due a contact</h3>
          <ul className="due-list">
            {due.map((p) => (
              <li key={p.id} className={p.contactOverdue ? "overdue" : undefined}>
                <strong>{displayName(p)}</strong> <span className="hint">({PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()})</span>: <NextContactDue participant={p} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canEdit ? (
        <Fold className="panel add-panel" summary="Log a contact">
          <ContactForm caseId={caseId} participants={active} team={prep.team.filter((m) => m.id !== me.id)} />
        </Fold>
      ) : null}
      <h3 id="contact-log-heading">Contact log</h3>
      {prep.contacts.length === 0 ? (
        <p className="empty">No contacts have been logged yet.</p>
      ) : (
        <>
          <div className="field filter">
            <label htmlFor="contact-filter">Show contacts with</label>
            <select id="contact-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="">Everyone</option>
              {prep.participants.map((p) => (
                <option key={p.id} value={p.id}>
                  {names.get(p.id)}
                </option>
              ))}
            </select>
          </div>
          {shown.length === 0 ? <p className="hint">No contacts with this person yet.</p> : null}
          <ol className="contact-log" aria-labelledby="contact-log-heading">
            {shown.map((k) => (
              <ContactEntry key={k.id} contact={k} who={k.participantId ? names.get(k.participantId) : undefined} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ContactEntry({ contact: k, who }: { contact: Contact; who: string | undefined }) {
  const place = k.placeDetail ? `${PREP_PLACE_LABELS[k.place]} (${k.placeDetail})` : PREP_PLACE_LABELS[k.place];
  return (
    <li className={`contact status-${k.status.toLowerCase()}`}>
      <div className="contact-head">
        <strong>
          {PREP_CONTACT_KIND_LABELS[k.kind]}
          {who ? ` with ${who}` : ""}
        </strong>
        <span className={`badge ${k.status === "COMPLETED" ? "status-ok" : "status-warn"}`}>{PREP_CONTACT_STATUS_LABELS[k.status]}</span>
      </div>
      <span className="hint">
        {formatDateTime(k.occurredAt)} · {place}
        {k.coWorker ? ` · with ${k.coWorker}` : ""} · recorded by {k.recordedBy ?? "a colleague"}
      </span>
      {k.statusReason ? (
        <p className="contact-text">
          <strong>Why:</strong> {k.statusReason}
        </p>
      ) : null}
      {k.attendees ? (
        <p className="contact-text">
          <strong>Who attended:</strong> {k.attendees}
        </p>
      ) : null}
      {k.outcome ? <p className="contact-text">{k.outcome}</p> : null}
    </li>
  );
}
