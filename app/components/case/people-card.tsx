import type { ReactNode } from "react";
import { FormMessage } from "~/components/ui/form-controls";
import { formatDate } from "~/utils/format";
import { AGE_BAND_LABELS } from "~/utils/age";
import { ACCESS_NEED_LABELS, CONTACT_FREQUENCY_LABELS, CONTACT_METHOD_LABELS, displayName, PARTICIPANT_ROLE_LABELS, PROFESSIONAL_TYPE_LABELS } from "~/utils/preparation";
import { ConsentPanel } from "./people-consent";
import { peopleAction, REMOVE_FETCHER } from "./people-fetcher";
import { ParticipantForm } from "./people-participant-form";
import { VictimsCodeForm, VictimsCodeStatus } from "./people-victims-code";
import type { PrepParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { Fold } from "~/components/ui/fold";

const roleName = (p: PrepParticipant) => PARTICIPANT_ROLE_LABELS[p.role].toLowerCase();

/** When the next routine contact is due, as a prompt; overdue is said in words and highlighted. */
export function NextContactDue({ participant: p }: { participant: PrepParticipant }) {
  if (!p.nextContactDue) return <span className="hint">No routine contact: {CONTACT_FREQUENCY_LABELS[p.contactFrequency].toLowerCase()}.</span>;
  return p.contactOverdue ? (
    <span className="due overdue">
      <strong>Contact overdue:</strong> next contact was due {formatDate(p.nextContactDue)}
    </span>
  ) : (
    <span className="due">Next contact due {formatDate(p.nextContactDue)}</span>
  );
}

/**
 * Their age as a facilitator reads it: "15 (born 14 Mar 2011)", an age band when the date of birth
 * is not known, or null when nothing is recorded (the card then asks for it only for the person
 * harmed and the person responsible).
 */
export function describeAge(p: PrepParticipant): string | null {
  if (p.dateOfBirth && p.age.years !== null) return `${p.age.years} (born ${formatDate(p.dateOfBirth)})`;
  if (p.ageBand && p.ageBand !== "UNKNOWN") return `${AGE_BAND_LABELS[p.ageBand]} (age band; date of birth not known)`;
  return null;
}

/**
 * One participant on the case screen: who they are, how to reach them, what they need, their
 * Victims' Code status (person harmed) and consent. Facilitators edit inline; supervisors read.
 */
export function ParticipantCard({ caseId, participant: p, all, canEdit }: { caseId: string; participant: PrepParticipant; all: PrepParticipant[]; canEdit: boolean }) {
  const supports = p.supportsId ? all.find((o) => o.id === p.supportsId) : undefined;
  const supporters = all.filter((o) => o.supportsId === p.id && !o.removed);
  const active = all.filter((o) => !o.removed);
  const childrenOf = all.filter((o) => p.guardianOf.includes(o.id));
  const guardians = all.filter((o) => p.guardianIds.includes(o.id));
  const age = describeAge(p);
  const headingId = `p-${p.id}-heading`;
  return (
    <article className="participant" aria-labelledby={headingId}>
      <header className="participant-head">
        <h3 id={headingId}>{displayName(p)}</h3>
        <span className={`badge role-${p.role.toLowerCase()}`}>{PARTICIPANT_ROLE_LABELS[p.role]}</span>
        {p.pronouns ? <span className="hint">({p.pronouns})</span> : null}
        {p.victimsCode?.enhancedRights ? <span className="badge sensitive">Enhanced rights</span> : null}
        {p.age.child ? <span className="badge child">Under 18</span> : null}
        {p.age.needsDateOfBirth ? <span className="badge status-warn">Date of birth needed</span> : null}
      </header>
      <dl className="facts">
        {p.preferredName && p.preferredName !== p.name ? <Fact term="Full name">{p.name}</Fact> : null}
        {p.addressAs ? <Fact term="Address as">{p.addressAs}</Fact> : null}
        {age ? <Fact term="Age">{age}</Fact> : null}
        {!age && p.age.needsDateOfBirth ? (
          <Fact term="Age">Not recorded: record their date of birth, or an age band, to know whether a parent or guardian must consent.</Fact>
        ) : null}
        {p.role === "PROFESSIONAL" && p.professionalType ? (
          <Fact term="Profession">
            {PROFESSIONAL_TYPE_LABELS[p.professionalType]}
            {p.organisation ? `, ${p.organisation}` : ""}
          </Fact>
        ) : null}
        {supports ? (
          <Fact term="Supports">
            {displayName(supports)} ({roleName(supports)}){supports.removed ? " — removed from the case" : ""}
          </Fact>
        ) : null}
        {supporters.length ? <Fact term="Supported by">{supporters.map(displayName).join(", ")}</Fact> : null}
        {childrenOf.length ? <Fact term="Parent or guardian of">{childrenOf.map((c) => `${displayName(c)}${c.removed ? " (removed from the case)" : ""}`).join(", ")}</Fact> : null}
        {guardians.length ? <Fact term="Parent or guardian">{guardians.map(displayName).join(", ")}</Fact> : null}
        {p.relationship ? <Fact term="Relationship to the incident">{p.relationship}</Fact> : null}
        <Fact term="Contact">
          {CONTACT_METHOD_LABELS[p.contactMethod]}, {CONTACT_FREQUENCY_LABELS[p.contactFrequency].toLowerCase()}
          {[p.phone, p.email, p.address].filter(Boolean).map((v) => (
            <span key={v} className="break contact-line">
              {v}
            </span>
          ))}
        </Fact>
        <Fact term="Next contact">
          <NextContactDue participant={p} />
        </Fact>
        {p.accessNeeds.length || p.accessNotes ? (
          <Fact term="Access needs">
            <span className="badges">
              {p.accessNeeds.map((n) => (
                <span key={n} className="badge access">
                  {ACCESS_NEED_LABELS[n]}
                </span>
              ))}
            </span>
            {p.accessNotes ? <span className="contact-line">{p.accessNotes}</span> : null}
          </Fact>
        ) : null}
        {p.hopes ? <Fact term="Hopes">{p.hopes}</Fact> : null}
      </dl>
      {p.victimsCode ? (
        <div className="victims-code">
          <h4>Victims' Code</h4>
          <VictimsCodeStatus code={p.victimsCode} />
          {canEdit ? (
            <Fold
              className="panel"
              summary={
                <>
                  Record the offer of information<span className="visually-hidden"> for {displayName(p)}</span>
                </>
              }
            >
              <VictimsCodeForm caseId={caseId} participant={p} />
            </Fold>
          ) : null}
        </div>
      ) : null}
      <ConsentPanel caseId={caseId} participant={p} guardians={guardians} canEdit={canEdit} />
      {canEdit ? (
        <div className="participant-actions">
          <Fold
            className="panel"
            summary={
              <>
                Edit details<span className="visually-hidden"> of {displayName(p)}</span>
              </>
            }
          >
            <ParticipantForm caseId={caseId} prefix={`p-${p.id}`} participant={p} others={active} />
          </Fold>
          <RemoveParticipant caseId={caseId} participant={p} />
        </div>
      ) : null}
    </article>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Removal asks once more (a stray tap on a tablet must not remove someone); history is kept. */
function RemoveParticipant({ caseId, participant }: { caseId: string; participant: PrepParticipant }) {
  const { fetcher, busy, formError } = useFormFetcher({ key: REMOVE_FETCHER });
  return (
    <Fold
      className="panel"
      summary={
        <>
          Remove from the case<span className="visually-hidden">: {displayName(participant)}</span>
        </>
      }
    >
      <fetcher.Form method="post" action={peopleAction(caseId, "participants")} className="people-form">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="participantId" value={participant.id} />
        <p>{displayName(participant)} will leave this case's lists and checks. Their consent history and contacts are kept.</p>
        <FormMessage error={formError} />
        <button type="submit" className="danger" disabled={busy}>
          {busy ? "Removing…" : `Remove ${displayName(participant)}`}
        </button>
      </fetcher.Form>
    </Fold>
  );
}
