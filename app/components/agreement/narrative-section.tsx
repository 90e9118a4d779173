import { useEffect } from "react";
import { CollabBadge } from "~/components/editor/collab-badge";
import { NotesEditor } from "~/components/editor/notes-editor";
import { useCollabDocument } from "~/realtime/use-collab-document";

/** A version open for signing whose text is still exactly this draft. */
type OpenForSigning = { number: number; onDraftChange: () => void };

/** Long enough to collect a burst of typing into one reload of the page's data. */
const SETTLE_MS = 800;

/**
 * What was agreed, in the participants' words: the Yjs document `agreement:<id>` (field
 * "narrative"), written by both facilitators at once. Read-only once a version is with the
 * supervisor or approved (the collab server also drops a read-only connection's updates).
 * This is the live draft, never the text of a signed version (that is shown from the version).
 */
export function NarrativeSection({ agreementId, editable, signing }: { agreementId: string; editable: boolean; signing?: OpenForSigning }) {
  const collab = useCollabDocument(`agreement:${agreementId}`, { readOnly: !editable });
  const doc = collab?.doc;
  const onDraftChange = signing?.onDraftChange;
  // Any edit, here or on the other tablet, makes the version being signed stale: reload the page's
  // data so the signing panel says so before anyone signs text that is no longer the draft.
  useEffect(() => {
    if (!doc || !onDraftChange) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(onDraftChange, SETTLE_MS);
    };
    doc.on("update", changed);
    return () => {
      clearTimeout(timer);
      doc.off("update", changed);
    };
  }, [doc, onDraftChange]);
  return (
    <section className="card section-gap" aria-labelledby="narrative-heading">
      <div className="row section-head">
        <h2 id="narrative-heading">Narrative</h2>
        <CollabBadge status={collab?.status ?? null} />
      </div>
      <p className="hint">What was agreed and why, in the participants' own words. Both facilitators can write at once.</p>
      {signing ? (
        <p className="alert info" data-testid="narrative-draft-note">
          This is the draft. Version {signing.number} is signed with the text it had when it was prepared, shown under Sign-off in the room; a change here makes a new version that
          everyone signs again.
        </p>
      ) : null}
      {collab ? (
        <NotesEditor
          doc={collab.doc}
          provider={collab.provider}
          readOnly={!editable}
          label="Agreement narrative"
          field="narrative"
          readOnlyHint="The narrative is read-only now: it changes only while the facilitators are drafting."
        />
      ) : (
        <p className="hint">Opening the narrative…</p>
      )}
    </section>
  );
}
