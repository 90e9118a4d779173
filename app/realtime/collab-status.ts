import * as Y from "yjs";

/**
 * Pure bookkeeping of what the server has confirmed as durably saved (unit-tested).
 * Each local change is remembered by the clock its client reached; a "saved" state vector
 * from the server settles every change at or below its entry for this client.
 */
export class SaveTracker {
  private pending: number[] = [];
  constructor(private readonly clientId: number) {}

  localChange(clockAfter: number): void {
    if (this.pending.at(-1) !== clockAfter) this.pending.push(clockAfter);
  }

  confirmed(stateVector: Uint8Array): void {
    const upTo = Y.decodeStateVector(stateVector).get(this.clientId) ?? 0;
    this.pending = this.pending.filter((clock) => clock > upTo);
  }

  get unsaved(): number {
    return this.pending.length;
  }
}

export type Connection = "connecting" | "connected" | "disconnected" | "ended";

export type CollabStatus = {
  connection: Connection;
  unsaved: number;
  readOnly: boolean;
  /** What the badge says: Live, Saved, Saving…, Connecting…, Offline — N changes not yet saved. */
  label: string;
};

export function describeStatus(connection: Connection, unsaved: number, readOnly: boolean): CollabStatus {
  const changes = `${unsaved} change${unsaved === 1 ? "" : "s"} not yet saved`;
  let label: string;
  if (connection === "ended") label = unsaved > 0 ? `Access ended — ${changes}` : "Access ended";
  else if (connection === "disconnected") label = unsaved > 0 ? `Offline — ${changes}` : "Offline";
  else if (connection === "connecting") label = unsaved > 0 ? `Connecting — ${changes}` : "Connecting…";
  else if (readOnly) label = "Live · read only";
  else label = unsaved > 0 ? "Saving…" : "Saved";
  return { connection, unsaved, readOnly, label };
}
