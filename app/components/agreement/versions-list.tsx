import { Link } from "@remix-run/react";
import { VERSION_STATE_LABELS } from "~/models/agreement-labels";
import { formatDateTime } from "~/utils/format";
import type { WorkspaceParticipant, WorkspaceVersion } from "./types";
import { Signatures, VersionBody } from "./version-view";

/** Every frozen version, newest first, with its signatures, the review decision and the exports. */
export function VersionsList({ caseId, versions, participants }: { caseId: string; versions: WorkspaceVersion[]; participants: WorkspaceParticipant[] }) {
  return (
    <section className="card section-gap" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions ({versions.length})</h2>
      {versions.length === 0 ? (
        <p className="empty">No version yet. A version is frozen when the participants sign.</p>
      ) : (
        <ol className="version-list" reversed>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            return (
              <li key={v.id} className="version-item" aria-labelledby={`version-${v.id}`}>
                <div className="row version-head">
                  <h3 id={`version-${v.id}`}>Version {v.number}</h3>
                  <span className={`badge version-${v.state.toLowerCase()}`}>{VERSION_STATE_LABELS[v.state]}</span>
                  <span className="hint">
                    {formatDateTime(v.createdAt)} · {v.signatures.length} signature{v.signatures.length === 1 ? "" : "s"} · fingerprint {v.contentHash.slice(0, 12)}
                  </span>
                </div>
                {v.decisionReason ? (
                  <p className="alert warn">
                    {v.decidedBy ?? "The supervisor"} asked for changes: {v.decisionReason}
                  </p>
                ) : null}
                {v.state === "APPROVED" ? (
                  <p className="hint">
                    Approved by {v.decidedBy ?? "the supervisor"}
                    {v.decidedAt ? ` on ${formatDateTime(v.decidedAt)}` : ""}.
                  </p>
                ) : null}
                <div className="row version-links">
                  {previous ? (
                    <Link className="button secondary" to={`/cases/${caseId}/agreement/diff?from=${previous.id}&to=${v.id}`}>
                      Compare with version {previous.number}
                    </Link>
                  ) : null}
                  {v.state === "APPROVED" ? (
                    <>
                      <Link className="button secondary" to={`/cases/${caseId}/agreement/versions/${v.id}/print`}>
                        Print view
                      </Link>
                      <a className="button" href={`/cases/${caseId}/agreement/versions/${v.id}/pdf`} download>
                        Download PDF
                      </a>
                    </>
                  ) : null}
                </div>
                <details>
                  <summary className="tap">Read version {v.number}</summary>
                  <VersionBody version={v} />
                  <h4>Signatures</h4>
                  <Signatures version={v} participants={participants} />
                  {v.comments
                    .filter((c) => !c.termId)
                    .map((c) => (
                      <p key={c.id} className="comment">
                        <strong>{c.author}</strong>: {c.body}
                      </p>
                    ))}
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
