import { lazy, Suspense, useEffect, useState } from "react";
import { NotesOpening } from "./notes-shell";

// The editor (Tiptap, ProseMirror) and the shared document (Yjs, y-websocket, IndexedDB) are most
// of a case page's JavaScript. Loaded after the page is interactive, they no longer hold up its
// buttons and links; the notes could not open before hydration anyway (the document is browser-only).
const CaseNotesPane = lazy(() => import("./case-notes-pane"));

/** Case notes: the collab document `case:<id>:notes` with its badge. Used on the case screen, full screen and live. */
export function CaseNotes({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  // The server and the first browser render show the same placeholder; the pane loads after that.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <NotesOpening />;
  return (
    <Suspense fallback={<NotesOpening />}>
      <CaseNotesPane caseId={caseId} readOnly={readOnly} />
    </Suspense>
  );
}
