import { NotesEditor } from "~/components/editor/notes-editor";
import { NotesOpening, NotesShell } from "~/components/editor/notes-shell";
import { SESSION_NOTE_SECTIONS } from "~/models/programme-labels";
import { useCollabDocument } from "~/realtime/use-collab-document";

/**
 * One session's notes document with a field per heading (programme-labels.ts), so each heading
 * keeps its own text whoever types where. Loaded on demand by SessionNotes (session-notes.tsx).
 */
export default function SessionNotesPane({ sessionId, title, readOnly }: { sessionId: string; title: string; readOnly: boolean }) {
  const collab = useCollabDocument(`programme-session:${sessionId}:notes`, { readOnly });
  if (!collab) return <NotesOpening />;
  return (
    <NotesShell status={collab.status}>
      {SESSION_NOTE_SECTIONS.map((section) => (
        <section key={section.field} className="programme-notes-section" aria-label={section.heading}>
          <h4>{section.heading}</h4>
          <NotesEditor
            doc={collab.doc}
            provider={collab.provider}
            readOnly={readOnly}
            field={section.field}
            label={`${section.heading}: ${title}`}
            readOnlyHint="You can read these notes; only the case's facilitators write them."
          />
        </section>
      ))}
    </NotesShell>
  );
}
