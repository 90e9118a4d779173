import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { LettersSummary } from "~/models/letter.server";
import { LETTER_STATUS_LABELS } from "~/models/letter-labels";
import type { SectionProps } from "./types";

export type LettersSectionProps = SectionProps & { letters: SerializeFrom<LettersSummary> };

/** The case screen's letters card: each letter with its status, and "Open a letter" for facilitators. */
export function LettersSection({ caseId, canEdit, letters }: LettersSectionProps) {
  return (
    <section className="card case-section" id="letters" aria-labelledby="letters-section-heading">
      <h2 id="letters-section-heading">Letters</h2>
      {letters.length === 0 ? (
        <p className="hint">No letter has been opened on this case.</p>
      ) : (
        <ul className="plain">
          {letters.map((l) => (
            <li key={l.id}>
              <Link className="tap" to={`/cases/${caseId}/letters/${l.id}`}>
                From {l.writer} to {l.recipient}
              </Link>{" "}
              <span className="badge">{LETTER_STATUS_LABELS[l.status] ?? l.status}</span>
              {l.locked ? <span className="badge muted"> Editing paused</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link className="button secondary" to={`/cases/${caseId}/letters`}>
          {canEdit ? "Open a letter" : "All letters"}
        </Link>
      </p>
    </section>
  );
}
