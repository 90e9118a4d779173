import { log, stackOf } from "../log";
import type { DocumentRoom } from "./room";
import type { CollabStorage } from "./storage";

/**
 * Group commit across documents: every room with new updates in this event-loop pass is written
 * in ONE SQLite transaction, then each room applies, relays and confirms. With hundreds of busy
 * documents this turns hundreds of small transactions per tick into one.
 */
export class CommitScheduler {
  private readonly waiting = new Set<DocumentRoom>();
  private scheduled = false;

  constructor(private readonly storage: CollabStorage) {}

  request(room: DocumentRoom): void {
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
