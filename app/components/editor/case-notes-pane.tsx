import { useCollabDocument } from "~/realtime/use-collab-document";
import { NotesEditor } from "./notes-editor";
import { NotesOpening, NotesShell } from "./notes-shell";

/** The notes' collab document and editor, loaded on demand by CaseNotes (case-notes.tsx). */
export default function CaseNotesPane({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const collab = useCollabDocument(`case:${caseId}:notes`, { readOnly });
  if (!collab) return <NotesOpening />;
  return (
    <NotesShell status={collab.status}>
      <NotesEditor doc={collab.doc} provider={collab.provider} readOnly={readOnly} label="Case notes" />
    </NotesShell>
  );
}
