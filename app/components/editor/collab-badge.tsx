import type { CollabStatus } from "~/realtime/collab-status";

/** The status badge every shared surface shows: never "Saved" before the server said so. */
export function CollabBadge({ status }: { status: CollabStatus | null }) {
  const label = status?.label ?? "Loading…";
  const tone = !status || status.connection === "connecting" ? "muted" : status.connection === "connected" ? (status.unsaved > 0 ? "muted" : "ok") : "warn";
  return (
    <span className={`badge status-${tone}`} role="status" aria-live="polite" data-testid="collab-status">
      {label}
    </span>
  );
}
