import { lazy, Suspense, useState } from "react";
import { NotesOpening } from "~/components/editor/notes-shell";

// The editor and the shared document are most of the page's JavaScript, and each open panel is a
// socket: a programme of twelve sessions must not open twelve documents at once, so a session's
// notes load only when someone opens them.
const SessionNotesPane = lazy(() => import("./session-notes-pane"));

/** A session's notes (`programme-session:<id>:notes`), written by both facilitators at once, opened on request. */
export function SessionNotes({ sessionId, title, readOnly }: { sessionId: string; title: string; readOnly: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="programme-notes">
      <button type="button" className="secondary" aria-expanded={open} aria-controls={`notes-${sessionId}`} onClick={() => setOpen((o) => !o)}>
        {open ? "Close the notes" : "Notes"}
        <span className="visually-hidden"> of &ldquo;{title}&rdquo;</span>
      </button>
      <div id={`notes-${sessionId}`} hidden={!open}>
        {open ? (
          <Suspense fallback={<NotesOpening />}>
            <SessionNotesPane sessionId={sessionId} title={title} readOnly={readOnly} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
