import { useEffect } from "react";
import { useCollabDocument, type CollabDocument } from "~/realtime/use-collab-document";
import { CollabBadge } from "./collab-badge";
import { NotesEditor } from "./notes-editor";

type Props = {
  caseId: string;
  readOnly: boolean;
  userName: string;
  /** Told whenever the shared document or its status changes (the live scribe view adds step headings to it). */
  onDocument?: (collab: CollabDocument | null) => void;
};

/** Case notes: the collab document `case:<id>:notes` with its badge. Used on the case screen, full screen and live. */
export function CaseNotes({ caseId, readOnly, userName, onDocument }: Props) {
  const collab = useCollabDocument(`case:${caseId}:notes`, { readOnly });
  useEffect(() => {
    onDocument?.(collab);
  }, [collab, onDocument]);
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
