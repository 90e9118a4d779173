import type { ReactNode } from "react";
import type { CollabStatus } from "~/realtime/collab-status";
import { CollabBadge } from "./collab-badge";

/** The notes' frame: the save badge above the editor (or above what stands in for it while it opens). */
export function NotesShell({ status, children }: { status: CollabStatus | null; children: ReactNode }) {
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <CollabBadge status={status} />
      </div>
      {children}
    </div>
  );
}

/** What the notes show until their document is open; also what the server renders. */
export function NotesOpening() {
  return (
    <NotesShell status={null}>
      <p className="hint">Opening the notes…</p>
    </NotesShell>
  );
}
