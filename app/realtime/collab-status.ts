import * as Y from "yjs";
import { formatTime } from "~/utils/format";

/**
 * Pure bookkeeping of what the server has confirmed as durably saved (unit-tested).
 * Each local change is remembered by the clock its client reached and the time it was made (the
 * caller passes the time in, so this stays pure); a "saved" state vector from the server settles
 * every change at or below its entry for this client.
 */
export class SaveTracker {
  private pending: { clock: number; at: Date }[] = [];
  constructor(private readonly clientId: number) {}

  localChange(clockAfter: number, at: Date): void {
    if (this.pending.at(-1)?.clock !== clockAfter) this.pending.push({ clock: clockAfter, at });
  }

  confirmed(stateVector: Uint8Array): void {
    const upTo = Y.decodeStateVector(stateVector).get(this.clientId) ?? 0;
    this.pending = this.pending.filter((change) => change.clock > upTo);
  }

  get unsaved(): number {
    return this.pending.length;
  }

  /** When the oldest change the server has not yet confirmed was made; null when all are saved. */
  get unsavedSince(): Date | null {
    return this.pending[0]?.at ?? null;
  }
}

export type Connection = "connecting" | "connected" | "disconnected" | "ended";

export type CollabStatus = {
  connection: Connection;
  unsaved: number;
  /** The oldest unconfirmed local change, as an ISO time; null when nothing is pending. */
  unsavedSince: string | null;
  readOnly: boolean;
  /** What the badge says: Saved, Saving…, Live · read only, Connecting…, Offline, Offline — changes kept on this tablet…, Access ended, or why it ended (reload the page). */
  label: string;
};

/**
 * Without a connection the facilitator needs to know their words are safe on this device but not
 * yet with the server, and since when (how much would be lost with the tablet); a count of
 * keystrokes tells them neither. Kept short to fit one line of a 768px-wide tablet header.
 */
function kept(since: Date | null): string {
  return `changes kept on this tablet, not yet sent${since ? ` (since ${formatTime(since)})` : ""}`;
}

/**
 * `endedBecause`: what the server said when it ended the connection, where the person can act on
 * it (a page out of date: reload it); otherwise an ended connection reads "Access ended".
 */
export function describeStatus(connection: Connection, unsaved: number, readOnly: boolean, unsavedSince: Date | null = null, endedBecause: string | null = null): CollabStatus {
  const pending = unsaved > 0;
  let label: string;
  if (connection === "ended" && endedBecause) label = endedBecause;
  else if (connection === "ended") label = pending ? `Access ended — ${kept(unsavedSince)}` : "Access ended";
  else if (connection === "disconnected") label = pending ? `Offline — ${kept(unsavedSince)}` : "Offline";
  else if (connection === "connecting") label = pending ? `Connecting — ${kept(unsavedSince)}` : "Connecting…";
  else if (readOnly) label = "Live · read only";
  else label = pending ? "Saving…" : "Saved";
  return { connection, unsaved, unsavedSince: pending && unsavedSince ? unsavedSince.toISOString() : null, readOnly, label };
}
