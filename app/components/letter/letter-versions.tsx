import { formatDateTime } from "~/utils/format";
import { diffStats, diffWords } from "~/utils/diff";
import type { OversightLetter } from "./letter-oversight";

const DECISIONS: Record<string, string> = { APPROVED: "Approved", CHANGES_REQUESTED: "Changes requested" };

/** Every submitted version, frozen and hashed, with what changed since the one before. */
export function LetterVersions({ versions }: { versions: OversightLetter["versions"] }) {
  return (
    <section className="card section-gap" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Submitted versions</h2>
      {versions.length === 0 ? (
        <p className="hint">Nothing submitted yet.</p>
      ) : (
        <ol className="plain letter-versions" reversed>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            const parts = previous ? diffWords(previous.contentText, v.contentText) : null;
            const stats = parts ? diffStats(parts) : null;
            return (
              <li key={v.id} data-testid={`version-${v.number}`}>
                <h3>
                  Version {v.number} <span className="hint">submitted {formatDateTime(v.submittedAt)}</span>
                </h3>
                <p className="meta">
                  <span className="badge">{v.decision ? (DECISIONS[v.decision] ?? v.decision) : "Waiting for review"}</span>
                  {v.decisionReason ? <span>“{v.decisionReason}”</span> : null}
                  <span title="SHA-256 of the frozen version">Fingerprint {v.contentHash.slice(0, 12)}</span>
                </p>
                <details>
                  <summary className="tap">
                    {parts ? `Changes since version ${previous!.number} (${stats!.added} words added, ${stats!.removed} removed)` : "Text of this version"}
                  </summary>
                  <div className="letter-diff">
                    {parts
                      ? parts.map((p, k) => (p.op === "same" ? <span key={k}>{p.text}</span> : p.op === "add" ? <ins key={k}>{p.text}</ins> : <del key={k}>{p.text}</del>))
                      : v.contentText}
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
