import { log, stackOf } from "../log";
import type { DocumentStore, UpdateBatch } from "./document-store";

/**
 * What the group commit needs of a document with updates waiting (room.ts's DocumentRoom): hand
 * them over numbered, then hear how the commit went. Declared here, where it is used, so that the
 * scheduler does not import the room that imports it.
 */
export interface CommitTarget {
  /** The updates queued since the last commit, numbered for the log; null if there are none. */
  drain(): UpdateBatch | null;
  /** The commit stored them: apply, relay and confirm. Must not throw (see fail). */
  committed(): void;
  /** The commit failed: nothing was stored; close the writers so that they resend. */
  abortDrained(): void;
  /** A follow-up threw after the commit: the document must not go on as it is. */
  fail(error: unknown, during: string): void;
}

/**
 * Group commit across documents: every room with new updates in this event-loop pass is written
 * in ONE SQLite transaction, then each room applies, relays and confirms. With hundreds of busy
 * documents this turns hundreds of small transactions per tick into one.
 */
export class CommitScheduler {
  private readonly waiting = new Set<CommitTarget>();
  private scheduled = false;

  constructor(private readonly storage: DocumentStore) {}

  request(room: CommitTarget): void {
    this.waiting.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commit());
  }

  commit(): void {
    this.scheduled = false;
    const rooms = [...this.waiting];
    this.waiting.clear();
    const batches = rooms.map((room) => ({ room, batch: room.drain() })).filter((r) => r.batch !== null);
    if (batches.length === 0) return;
    try {
      this.storage.appendMany(batches.map((b) => b.batch!));
    } catch (error) {
      // Nothing was relayed or confirmed: writers keep their unsaved changes and resend on reconnect.
      log.error({ err: stackOf(error), docs: batches.length }, "collab commit failed; closing writers");
      for (const { room } of batches) room.abortDrained();
      return;
    }
    // Each room's follow-up is its own: one that fails (committed() contains it, this is a second
    // guard) must not leave the rooms after it with stored updates they never applied or confirmed.
    for (const { room } of batches) {
      try {
        room.committed();
      } catch (error) {
        room.fail(error, "apply after the commit");
      }
    }
  }
}
