import { CollabBadge } from "~/components/editor/collab-badge";
import { NotesEditor } from "~/components/editor/notes-editor";
import { useCollabDocument } from "~/realtime/use-collab-document";

/**
 * What was agreed, in the participants' words: the Yjs document `agreement:<id>` (field
 * "narrative"), written by both facilitators at once. Read-only once a version is with the
 * supervisor or approved (the collab server also drops a read-only connection's updates).
 */
export function NarrativeSection({ agreementId, editable, userName }: { agreementId: string; editable: boolean; userName: string }) {
  const collab = useCollabDocument(`agreement:${agreementId}`, { readOnly: !editable });
  return (
    <section className="card section-gap" aria-labelledby="narrative-heading">
      <div className="row section-head">
        <h2 id="narrative-heading">Narrative</h2>
        <CollabBadge status={collab?.status ?? null} />
      </div>
      <p className="hint">What was agreed and why, in the participants' own words. Both facilitators can write at once.</p>
      {collab ? (
        <NotesEditor
          doc={collab.doc}
          provider={collab.provider}
          readOnly={!editable}
          user={{ name: userName }}
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
