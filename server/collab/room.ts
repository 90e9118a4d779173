import type { WebSocket } from "ws";
import * as Y from "yjs";
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseAwareness,
  type Frame,
} from "./frames";
import { CollabClose } from "~/realtime/protocol";
import type { CommitScheduler } from "./commits";
import type { CollabStorage } from "./storage";

export type RoomPeer = {
  ws: WebSocket;
  canWrite: boolean;
  /** The presence the server vouches for: name, colour and role from the session. */
  identity: { userId: string; name: string; color: string; role: string };
  /** Awareness client ids this peer has announced; it may only speak for these. */
  clientIds: Set<number>;
};

const COMPACT_EVERY = 500;
const send = (ws: WebSocket, data: Uint8Array) => {
  if (ws.readyState === ws.OPEN) ws.send(data);
};

/**
 * One loaded document. Updates are persisted (one group commit per tick across all documents,
 * see commits.ts) BEFORE they are applied, relayed to other peers, or confirmed to the writer.
 */
export class DocumentRoom {
  readonly doc = new Y.Doc();
  readonly peers = new Set<RoomPeer>();
  private seq: number;
  private sinceCompaction = 0;
  private queue: { peer: RoomPeer; update: Uint8Array }[] = [];
  private draining: { peer: RoomPeer; update: Uint8Array }[] = [];
  /** Last awareness entry per client id, so newcomers see who is here. */
  private readonly presence = new Map<number, { clock: number; state: unknown; peer: RoomPeer }>();

  constructor(
    readonly name: string,
    private readonly storage: CollabStorage,
    private readonly commits: CommitScheduler,
  ) {
    const stored = storage.load(name);
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    });
    this.seq = stored.lastSeq;
    this.sinceCompaction = stored.updates.length;
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      const frame = encodeUpdate(update);
      for (const peer of this.peers) if (peer !== origin) send(peer.ws, frame);
    });
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    send(peer.ws, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const known = [...this.presence].map(([clientId, p]) => ({ clientId, clock: p.clock, state: p.state }));
    if (known.length > 0) send(peer.ws, encodeAwareness(encodeAwarenessEntries(known)));
  }

  leave(peer: RoomPeer): void {
    this.peers.delete(peer);
    const gone = [...this.presence].filter(([, p]) => p.peer === peer).map(([clientId, p]) => ({ clientId, clock: p.clock + 1, state: null }));
    gone.forEach((g) => this.presence.delete(g.clientId));
    if (gone.length > 0) this.broadcast(encodeAwareness(encodeAwarenessEntries(gone)));
  }

  /** Handle one parsed frame. Updates must already have passed the validator. Returns false to close the peer. */
  receive(peer: RoomPeer, frame: Frame): boolean {
    switch (frame.type) {
      case "sync-step1":
        send(peer.ws, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
        return true;
      case "sync-step2":
      case "update":
        if (peer.canWrite) this.enqueue(peer, frame.update);
        return true;
      case "awareness":
        return this.receiveAwareness(peer, frame.update);
      case "query-awareness": {
        const known = [...this.presence].map(([clientId, p]) => ({ clientId, clock: p.clock, state: p.state }));
        send(peer.ws, encodeAwareness(encodeAwarenessEntries(known)));
        return true;
      }
    }
  }

  private receiveAwareness(peer: RoomPeer, update: Uint8Array): boolean {
    const entries = parseAwareness(update);
    if (!entries) return false;
    const accepted = [];
    for (const entry of entries) {
      const owner = this.presence.get(entry.clientId)?.peer;
      if (owner && owner !== peer) continue; // never speak for someone else's client id
      if (!owner && peer.clientIds.size >= 4) continue;
      peer.clientIds.add(entry.clientId);
      // The server, not the client, says who this is (issue 3: no impersonation in presence).
      const state = entry.state === null ? null : { ...(entry.state as object), user: { ...peer.identity } };
      if (state === null) this.presence.delete(entry.clientId);
      else this.presence.set(entry.clientId, { clock: entry.clock, state, peer });
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    if (accepted.length > 0) this.broadcast(encodeAwareness(encodeAwarenessEntries(accepted)));
    return true;
  }

  private broadcast(frame: Uint8Array) {
    for (const peer of this.peers) send(peer.ws, frame);
  }

  private enqueue(peer: RoomPeer, update: Uint8Array) {
    this.queue.push({ peer, update });
    this.commits.request(this);
  }

  /** Hand over what arrived since the last commit, numbered for the log. */
  drain(): { docName: string; firstSeq: number; updates: Uint8Array[] } | null {
    if (this.queue.length === 0) return null;
    this.draining = this.queue;
    this.queue = [];
    const firstSeq = this.seq + 1;
    this.seq += this.draining.length;
    return { docName: this.name, firstSeq, updates: this.draining.map((b) => b.update) };
  }

  /** After the commit: apply, relay to the other peers, and confirm to each writer. */
  committed(): void {
    const batch = this.draining;
    this.draining = [];
    this.sinceCompaction += batch.length;
    const writers = new Set<RoomPeer>();
    for (const { peer, update } of batch) {
      Y.applyUpdate(this.doc, update, peer);
      writers.add(peer);
    }
    const saved = encodeSaved(Y.encodeStateVector(this.doc));
    for (const writer of writers) send(writer.ws, saved);
    if (this.sinceCompaction >= COMPACT_EVERY) this.compact();
  }

  /** The commit failed: nothing was stored, relayed or confirmed. Writers reconnect and resend. */
  abortDrained(): void {
    const batch = this.draining;
    this.draining = [];
    this.seq -= batch.length;
    for (const peer of new Set(batch.map((b) => b.peer))) peer.ws.close(CollabClose.unavailable, "Could not save; reconnecting");
  }

  /** Commit this room's queue now, on its own (unload, shutdown). */
  flush(): void {
    const batch = this.drain();
    if (!batch) return;
    this.storage.appendMany([batch]);
    this.committed();
  }

  compact(): void {
    if (this.sinceCompaction === 0) return;
    this.storage.compact(this.name, this.seq, Y.encodeStateAsUpdate(this.doc));
    this.sinceCompaction = 0;
  }

  destroy(): void {
    this.flush();
    this.compact();
    this.doc.destroy();
  }
}
