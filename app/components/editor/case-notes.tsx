import { useCollabDocument } from "~/realtime/use-collab-document";
import { CollabBadge } from "./collab-badge";
import { NotesEditor } from "./notes-editor";

type Props = {
  caseId: string;
  readOnly: boolean;
};

/** Case notes: the collab document `case:<id>:notes` with its badge. Used on the case screen, full screen and live. */
export function CaseNotes({ caseId, readOnly }: Props) {
  const collab = useCollabDocument(`case:${caseId}:notes`, { readOnly });
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <CollabBadge status={collab?.status ?? null} />
      </div>
      {collab ? <NotesEditor doc={collab.doc} provider={collab.provider} readOnly={readOnly} label="Case notes" /> : <p className="hint">Opening the notes…</p>}
    </div>
  );
}
