import { FormMessage } from "~/components/ui/form-controls";
import { displayName, PARTICIPANT_ROLE_LABELS, PARTICIPANT_ROLES } from "~/utils/preparation";
import { ParticipantCard } from "./people-card";
import { REMOVE_FETCHER } from "./people-fetcher";
import { ParticipantForm } from "./people-participant-form";
import type { SectionProps } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { Fold } from "~/components/ui/fold";

/**
 * People and consent: everyone taking part in the case, grouped by role, each with
 * their consent; facilitators add, edit and remove inline, the case supervisor reads.
 */
export function ParticipantsSection({ caseId, prep, canEdit }: SectionProps) {
  const removal = useFormFetcher({ key: REMOVE_FETCHER });
  const active = prep.participants.filter((p) => !p.removed).sort((a, b) => PARTICIPANT_ROLES.indexOf(a.role) - PARTICIPANT_ROLES.indexOf(b.role));
  const removed = prep.participants.filter((p) => p.removed);
  return (
    <section id="participants" className="card case-section" aria-labelledby="participants-heading">
      <h2 id="participants-heading">People and consent</h2>
      {!canEdit ? <p className="hint">You can read this section; the case's facilitators make changes.</p> : null}
      <FormMessage done={removal.done} />
      {active.length === 0 ? (
        <p className="empty">No one has been added yet. Start with the person harmed and the person responsible.</p>
      ) : (
        <ul className="participant-list">
          {active.map((p) => (
            <li key={p.id}>
              <ParticipantCard caseId={caseId} participant={p} all={prep.participants} canEdit={canEdit} />
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <Fold className="panel add-panel" summary="Add a person">
          <ParticipantForm caseId={caseId} prefix="new-participant" others={active} />
        </Fold>
      ) : null}
      {removed.length ? (
        <details className="removed">
          <summary>Removed from the case ({removed.length})</summary>
          <ul className="plain">
            {removed.map((p) => (
              <li key={p.id}>
                {displayName(p)}{" "}
                <span className="hint">
                  ({PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()}; {p.consentHistory.length} consent entries kept)
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
