import { useCollabDocument } from "~/realtime/use-collab-document";
import { CollabBadge } from "./collab-badge";
import { NotesEditor } from "./notes-editor";

/** Case notes: the collab document `case:<id>:notes` with its badge. Used on the case screen and full screen. */
export function CaseNotes({ caseId, readOnly, userName }: { caseId: string; readOnly: boolean; userName: string }) {
  const collab = useCollabDocument(`case:${caseId}:notes`, { readOnly });
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <CollabBadge status={collab?.status ?? null} />
      </div>
      {collab ? (
        <NotesEditor doc={collab.doc} provider={collab.provider} readOnly={readOnly} user={{ name: userName }} label="Case notes" />
      ) : (
        <p className="hint">Opening the notes…</p>
      )}
    </div>
  );
}
