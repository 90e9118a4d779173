import type { ReactNode } from "react";
import { RichTextView } from "~/components/ui/rich-text-view";
import { TERM_TYPE_LABELS, termSpecifics, type FrozenTerm } from "~/models/agreement-labels";
import { formatDateTime } from "~/utils/format";
import type { WorkspaceParticipant, WorkspaceVersion } from "./types";

/** A frozen version's terms, with optional per-term extras (the supervisor's comment forms). */
export function FrozenTerms({ version, extra }: { version: WorkspaceVersion; extra?: (term: FrozenTerm) => ReactNode }) {
  if (version.terms.length === 0) return <p className="empty">This version has no terms.</p>;
  return (
    <ol className="term-list frozen">
      {version.terms.map((t, i) => {
        const comments = version.comments.filter((c) => c.termId === t.id);
        const specifics = termSpecifics(t);
        return (
          <li key={t.id} className="term-card" aria-labelledby={`v${version.number}-term-${t.id}`}>
            <h3 id={`v${version.number}-term-${t.id}`}>
              {i + 1}. {TERM_TYPE_LABELS[t.type] ?? "Term"}
            </h3>
            <p className="term-description">{t.description}</p>
            <p className="hint">
              Responsible: {t.responsibleName ?? "—"}
              {t.beneficiaryName ? ` · For: ${t.beneficiaryName}` : ""}
              {specifics ? ` · ${specifics}` : ""}
            </p>
            {t.verification ? <p className="hint">Checked by: {t.verification}</p> : null}
            {comments.length ? (
              <ul className="comments" aria-label={`Comments on term ${i + 1}`}>
                {comments.map((c) => (
                  <li key={c.id} className="comment">
                    <strong>{c.author}</strong> <span className="hint">{formatDateTime(c.createdAt)}</span>
                    <p>{c.body}</p>
                  </li>
                ))}
              </ul>
            ) : null}
            {extra?.(t)}
          </li>
        );
      })}
    </ol>
  );
}

export function Signatures({ version, participants }: { version: WorkspaceVersion; participants: WorkspaceParticipant[] }) {
  if (version.signatures.length === 0) return <p className="hint">No signatures on version {version.number}.</p>;
  const name = (id: string) => participants.find((p) => p.id === id)?.name ?? "A participant";
  return (
    <ul className="signature-list" aria-label={`Signatures on version ${version.number}`}>
      {version.signatures.map((s) => (
        <li key={s.id} className="signature">
          {s.drawing ? (
            <svg viewBox="0 0 600 200" role="img" aria-label={`Signature of ${name(s.participantId)}`} className="signature-drawing">
              <path d={s.drawing} fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          ) : null}
          <span>
            Signed by <strong>{name(s.participantId)}</strong> on {formatDateTime(s.signedAt)} (
            {s.method === "DRAWN" ? "drawn" : `typed as “${s.typedName}”, attested by ${s.attestedBy ?? "a facilitator"}`})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The whole frozen version: terms, narrative (text nodes only), fingerprint. */
export function VersionBody({ version, extra }: { version: WorkspaceVersion; extra?: (term: FrozenTerm) => ReactNode }) {
  return (
    <div className="version-body">
      <FrozenTerms version={version} extra={extra} />
      <h3>Narrative</h3>
      <RichTextView doc={version.narrative} label={`Narrative of version ${version.number}`} />
      <p className="hint fingerprint">
        Version {version.number} · fingerprint {version.contentHash.slice(0, 16)}
      </p>
    </div>
  );
}
