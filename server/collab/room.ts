import * as Y from "yjs";
import { encodeAwareness, encodeAwarenessEntries, encodeSavedFromStore, encodeSyncStep1, encodeSyncStep2, encodeUpdate, parseAwareness, type Frame } from "./frames";
import { CollabClose, SERVER_CLIENT_ID } from "~/realtime/protocol";
import type { CommitScheduler, CommitTarget } from "./commits";
import type { DocumentStore, UpdateBatch } from "./document-store";
import { loadStored } from "./log-load";
import { log, stackOf } from "../log";
import { backoffMs } from "../retry";
import { outgoing, type OutgoingMessage, type PeerSocket } from "./peer-socket";

export type RoomPeer = {
  socket: PeerSocket;
  canWrite: boolean;
  /** The presence the server vouches for: name, colour and role from the session. */
  identity: { userId: string; name: string; color: string; role: string };
  /** Awareness client ids this peer has announced; it may only speak for these. */
  clientIds: Set<number>;
  /**
   * A letter author sees nothing of the case, staff names and ids included: everyone else's
   * presence reaches them as "Your facilitator", with a colour and nothing more.
   */
  anonymousPresence?: boolean;
};

type PresenceEntry = { clientId: number; clock: number; state: unknown };

/** Presence as a letter author may see it (see RoomPeer.anonymousPresence). */
function anonymised(entries: PresenceEntry[]): PresenceEntry[] {
  return entries.map((e) => {
    if (e.state === null || typeof e.state !== "object") return e;
    const { user, ...rest } = e.state as { user?: { color?: unknown } };
    return { ...e, state: { ...rest, user: { name: "Your facilitator", color: user?.color ?? "#2454a6" } } };
  });
}

const COMPACT_EVERY = 500;
/**
 * A document with updates logged since its last snapshot compacts at its next commit once the
 * first of them is 10–20 s old (COMPACT_AGE_MS, give or take a third, drawn each time: documents
 * that start together must not all compact in the same second), so that the journal's rows are
 * covered by a snapshot before the journal sweeps them (storage.ts: an uncovered row is moved to
 * the per-document log instead).
 */
export const COMPACT_AGE_MS = 15_000;
const compactionAge = () => COMPACT_AGE_MS * (2 / 3 + (Math.random() * 2) / 3);
/** A document loaded from a long log is compacted this long after loading (its first sync goes first). */
export const COMPACT_AFTER_LOAD_MS = 200;
/**
 * A compaction that fails (a full or failing disk) is tried again after 1 s, then 2, 4, ... up to
 * a minute: nothing waits for it, since the log already holds every update (the snapshot only
 * makes loads shorter and lets the journal drop its rows).
 */
export const COMPACT_RETRY_BASE_MS = 1_000;
export const COMPACT_RETRY_MAX_MS = 60_000;
/** The transaction origin of changes the server makes itself (see changeFromServer). */
const SERVER_ORIGIN = Symbol("server");
/** A message for one peer. A message for several is made ready once and sent to each as the same buffer (see relay). */
const send = (peer: RoomPeer, data: Uint8Array) => peer.socket.send(outgoing(data));

/** `message`: the frame as the writer sent it, when it can be relayed unchanged (a sync "update"). */
type Pending = { peer: RoomPeer; update: Uint8Array; message: Uint8Array | undefined };

/**
 * One loaded document. Updates are persisted (one group commit per tick across all documents,
 * see commits.ts) BEFORE they are applied, relayed to other peers, or confirmed to the writer.
 * What one tick committed for a room is applied in one Yjs transaction; only if the document takes
 * every update is each relayed, as the frame its writer sent, to every other peer, followed by one
 * "saved" per writer. Relaying the received frames (not a re-encoded transaction update) means the
 * document needs no update listener: Yjs then encodes nothing per transaction.
 */
export class DocumentRoom implements CommitTarget {
  private current: Y.Doc;
  readonly peers = new Set<RoomPeer>();
  private seq = 0;
  private sinceCompaction = 0;
  /** When the updates logged since the last snapshot are due to be compacted (Infinity: none are). */
  private compactBy = Infinity;
  private queue: Pending[] = [];
  private draining: Pending[] = [];
  private drainedFrom = 0;
  private destroyed = false;
  /**
   * Set when something failed that leaves the document in memory not known to equal what is
   * stored (see fail()): the room then takes nothing more, never compacts, and the collab server
   * replaces it with a fresh load from storage.
   */
  private brokenBy: unknown = null;
  /** Compactions failed in a row, the earliest time to try again, and the timer that will. */
  private compactFailures = 0;
  private compactRetryAt = 0;
  private compactRetry: NodeJS.Timeout | null = null;
  /** Last awareness entry per client id, so newcomers see who is here. */
  private readonly presence = new Map<number, { clock: number; state: unknown; peer: RoomPeer }>();

  constructor(
    readonly name: string,
    private readonly storage: DocumentStore,
    private readonly commits: CommitScheduler,
  ) {
    this.current = this.load();
  }

  get doc(): Y.Doc {
    return this.current;
  }

  /** Snapshot + log (see loadStored). A log the document refuses, or that cannot be read whole, is salvaged (see salvage()). */
  private load(): Y.Doc {
    let doc: Y.Doc;
    try {
      const stored = this.storage.load(this.name);
      doc = loadStored(stored);
      this.seq = Math.max(this.seq, stored.lastSeq);
      this.sinceCompaction = stored.log.ends.length;
    } catch (error) {
      log.error({ doc: this.name, err: String(error) }, "collab log refused by the document; salvaging");
      doc = this.salvage();
    }
    this.compactBy = this.sinceCompaction > 0 ? Date.now() + compactionAge() : Infinity;
    // A long log is folded into a snapshot soon (after this load has answered), so the next load reads one row.
    if (this.sinceCompaction >= COMPACT_EVERY) setTimeout(() => this.tryCompact("after load"), COMPACT_AFTER_LOAD_MS).unref();
    return doc;
  }

  /** Replace the document with what is stored (it may hold something that is not). */
  private reload(): void {
    const old = this.current;
    this.current = this.load();
    old.destroy();
  }

  /** Rebuild from the log one update at a time, dropping (from the log too) every update the document throws on. */
  private salvage(): Y.Doc {
    const { snapshot, rows } = this.storage.loadRows(this.name);
    const build = (updates: Uint8Array[]) => {
      const doc = new Y.Doc();
      Y.transact(doc, () => {
        if (snapshot) Y.applyUpdate(doc, snapshot);
        for (const u of updates) Y.applyUpdate(doc, u);
      });
      return doc;
    };
    const kept: Uint8Array[] = [];
    const dropped: number[] = [];
    let doc = build([]);
    for (const row of rows) {
      try {
        Y.applyUpdate(doc, row.data);
        kept.push(row.data);
      } catch {
        dropped.push(row.seq);
        doc.destroy();
        doc = build(kept); // the throw may have left part of the update in the document
      }
    }
    if (dropped.length > 0) this.storage.dropUpdates(this.name, dropped);
    log.error({ doc: this.name, dropped: dropped.length }, "collab log salvaged");
    this.seq = rows.reduce((max, r) => Math.max(max, r.seq), this.seq);
    this.sinceCompaction = kept.length;
    return doc;
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    send(peer, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const known = [...this.presence].map(([clientId, p]) => ({ clientId, clock: p.clock, state: p.state }));
    if (known.length > 0) this.sendPresence(peer, known);
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
        send(peer, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
        return true;
      case "sync-step2":
        if (peer.canWrite) this.enqueue(peer, frame.update, undefined);
        return true;
      case "update":
        if (peer.canWrite) this.enqueue(peer, frame.update, frame.message);
        return true;
      case "awareness":
        return this.receiveAwareness(peer, frame.update);
      case "query-awareness": {
        const known = [...this.presence].map(([clientId, p]) => ({ clientId, clock: p.clock, state: p.state }));
        this.sendPresence(peer, known);
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
      // The server, not the client, says who this is: nobody can appear under another name.
      const state = entry.state === null ? null : { ...(entry.state as object), user: { ...peer.identity } };
      if (state === null) this.presence.delete(entry.clientId);
      else this.presence.set(entry.clientId, { clock: entry.clock, state, peer });
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    if (accepted.length > 0) this.broadcastPresence(accepted);
    return true;
  }

  private sendPresence(peer: RoomPeer, entries: PresenceEntry[]) {
    send(peer, encodeAwareness(encodeAwarenessEntries(peer.anonymousPresence ? anonymised(entries) : entries)));
  }

  /** Presence to everyone: as it is to staff, anonymised to letter authors. */
  private broadcastPresence(entries: PresenceEntry[]) {
    const message = encodeAwareness(encodeAwarenessEntries(entries));
    let ready: OutgoingMessage | null = null;
    let forAuthors: OutgoingMessage | null = null;
    for (const peer of this.peers) {
      if (peer.anonymousPresence) peer.socket.send((forAuthors ??= outgoing(encodeAwareness(encodeAwarenessEntries(anonymised(entries))))));
      else peer.socket.send((ready ??= outgoing(message)));
    }
  }

  private broadcast(message: Uint8Array) {
    this.relay(message, null);
  }

  /** Send one message to every peer but `except`, made ready once (and not at all for a writer alone in the room). */
  private relay(message: Uint8Array, except: RoomPeer | this | null) {
    let ready: OutgoingMessage | null = null;
    for (const peer of this.peers) if (peer !== except) peer.socket.send((ready ??= outgoing(message)));
  }

  /**
   * A change the server itself makes (e.g. a live step's heading in the notes), stored before anyone
   * sees it, like a writer's update, without copying the document. Whatever is queued is committed
   * first, so the document equals what is stored; then `change` edits the document in one
   * transaction, and the update it made is appended at once, synchronously, before anything else
   * can run: no peer and no sync can observe the document in between. Only then is it relayed. If
   * `change` throws or the append fails, the document (which may now hold an unstored change that
   * no peer has seen) is reloaded from storage and the error is rethrown. Returns whether `change`
   * changed anything.
   */
  changeFromServer(change: (doc: Y.Doc) => void): boolean {
    this.flush();
    if (this.broken) throw new Error(`collab document ${this.name} failed and is being loaded again`);
    const doc = this.current;
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => void updates.push(update);
    doc.on("update", capture);
    try {
      // Set each time: Yjs gives a document a new id when an update it applies uses its own.
      doc.clientID = SERVER_CLIENT_ID;
      Y.transact(doc, () => change(doc), SERVER_ORIGIN);
      if (updates.length > 0) this.storage.appendMany([{ docName: this.name, firstSeq: this.seq + 1, updates }]);
    } catch (error) {
      // `change` threw part-way, or the append failed: the document may hold what is not stored.
      try {
        this.reload();
      } catch (reloadError) {
        // Storage cannot be read either: this copy must not be served or compacted.
        this.fail(reloadError, "reload after a failed server change");
      }
      throw error;
    } finally {
      doc.off("update", capture);
    }
    if (updates.length === 0) return false;
    this.seq += updates.length;
    this.logged(updates.length);
    for (const update of updates) this.broadcast(encodeUpdate(update));
    if (this.compactionDue()) this.tryCompact("server change");
    return true;
  }

  /** True once the room failed (see fail()); the collab server then loads the document afresh. */
  get broken(): boolean {
    return this.brokenBy !== null;
  }

  private enqueue(peer: RoomPeer, update: Uint8Array, message: Uint8Array | undefined) {
    if (this.broken) return; // its writer is being closed, and will resend after reconnecting
    this.queue.push({ peer, update, message });
    this.commits.request(this);
  }

  /** Hand over what arrived since the last commit, numbered for the log. */
  drain(): UpdateBatch | null {
    if (this.queue.length === 0 || this.broken || this.destroyed) return null;
    this.draining = this.queue;
    this.queue = [];
    const firstSeq = this.seq + 1;
    this.drainedFrom = firstSeq;
    this.seq += this.draining.length;
    return { docName: this.name, firstSeq, updates: this.draining.map((b) => b.update) };
  }

  /**
   * After the commit: apply (one transaction), relay, and confirm to each writer. A batch of one
   * update (the usual case) is relayed as the frame its writer sent, and Yjs encodes nothing. A
   * larger batch is relayed as ONE message per peer, the transaction's update (every struct and
   * deletion of the batch): with one writer its own edits are not echoed; with several, everyone
   * gets the whole batch (a writer that receives its own structs back ignores them).
   *
   * Never throws: anything that fails here after the batch was stored (a refused update whose
   * removal or reload the disk refuses, a bug) breaks this room alone (fail()), and the other
   * rooms of the same group commit carry on. A failed compaction is retried later (tryCompact()).
   */
  committed(): void {
    try {
      this.applyCommitted();
    } catch (error) {
      this.fail(error, "apply after the commit");
    }
  }

  private applyCommitted(): void {
    const batch = this.draining;
    this.draining = [];
    if (batch.length === 0) return;
    this.logged(batch.length);
    const refused: number[] = [];
    const doc = this.current;
    const single = batch.length === 1 ? batch[0]! : null;
    let writers: Set<RoomPeer> | null = null;
    // The transaction's origin: the one writing peer, or the room itself for a mixed batch.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let origin: RoomPeer | this = this;
    if (!single) {
      writers = new Set(batch.map((b) => b.peer));
      if (writers.size === 1) origin = batch[0]!.peer;
    }
    // Only a batch of several updates needs the transaction's own update (see above).
    let produced: Uint8Array | null = null;
    const capture = single ? null : (update: Uint8Array) => void (produced = update);
    if (capture) doc.on("update", capture);
    try {
      Y.transact(
        doc,
        () => {
          for (let i = 0; i < batch.length; i++) {
            try {
              Y.applyUpdate(doc, batch[i]!.update, origin);
            } catch {
              refused.push(i);
            }
          }
        },
        origin,
      );
    } finally {
      if (capture) doc.off("update", capture);
    }
    if (refused.length > 0) return this.refuse(batch, refused);
    const saved = this.savedMessage();
    if (single) {
      this.relay(single.message ?? encodeUpdate(single.update), single.peer);
      send(single.peer, saved);
    } else {
      if (produced) this.relay(encodeUpdate(produced), origin);
      for (const writer of writers!) send(writer, saved);
    }
    if (this.compactionDue()) this.tryCompact("commit");
  }

  private logged(count: number): void {
    if (this.sinceCompaction === 0) this.compactBy = Date.now() + compactionAge();
    this.sinceCompaction += count;
  }

  private compactionDue(): boolean {
    const now = Date.now();
    return now >= this.compactRetryAt && (this.sinceCompaction >= COMPACT_EVERY || now >= this.compactBy);
  }

  /** "Everything up to the document's state vector is stored." */
  private savedMessage(): Uint8Array {
    return encodeSavedFromStore(this.current.store.clients);
  }

  /**
   * Some updates decoded but the document threw while applying them (the validator only proves that
   * an update parses). They were stored but never relayed or confirmed: drop them from the log,
   * rebuild the document from storage (the throw may have left part of an update in it), close their
   * writers, and relay and confirm the rest of the batch.
   */
  private refuse(batch: Pending[], refused: number[]): void {
    const bad = new Set(refused);
    this.storage.dropUpdates(
      this.name,
      refused.map((i) => this.drainedFrom + i),
    );
    log.warn({ doc: this.name, refused: refused.length }, "updates refused by the document; writers closed");
    this.reload();
    const badWriters = new Set(refused.map((i) => batch[i]!.peer));
    for (const peer of badWriters) peer.socket.close(CollabClose.malformed, "Invalid update");
    const goodWriters = new Set<RoomPeer>();
    batch.forEach(({ peer, update }, i) => {
      if (bad.has(i)) return;
      goodWriters.add(peer);
      this.relay(encodeUpdate(update), peer);
    });
    const saved = this.savedMessage();
    for (const writer of goodWriters) if (!badWriters.has(writer)) send(writer, saved);
  }

  /** The commit failed: nothing was stored, relayed or confirmed. Writers reconnect and resend. */
  abortDrained(): void {
    const batch = this.draining;
    this.draining = [];
    this.seq -= batch.length;
    for (const peer of new Set(batch.map((b) => b.peer))) peer.socket.close(CollabClose.unavailable, "Could not save; reconnecting");
  }

  /** Commit this room's queue now, on its own (before a server change, unload, shutdown). */
  flush(): void {
    const batch = this.drain();
    if (!batch) return;
    try {
      this.storage.appendMany([batch]);
    } catch (error) {
      this.abortDrained();
      throw error;
    }
    this.committed();
  }

  /** Replace the log so far with a snapshot of the document. Throws what the disk throws. */
  compact(): void {
    if (this.sinceCompaction === 0 || this.broken) return;
    this.storage.compact(this.name, this.seq, Y.encodeStateAsUpdate(this.current));
    this.sinceCompaction = 0;
    this.compactBy = Infinity;
  }

  /**
   * Compact unless a retry is not yet due, and never throw: a failure is logged with its stack and
   * tried again after a backoff (on a timer, or at a commit, whichever comes first). Until then the
   * document is served from memory and every update stays in the log, so nothing is lost; the log
   * only grows. Returns whether nothing is left to compact.
   */
  tryCompact(reason: string): boolean {
    if (this.destroyed || this.broken) return false;
    if (this.sinceCompaction === 0) return true;
    if (Date.now() < this.compactRetryAt) return false;
    try {
      this.compact();
    } catch (error) {
      this.compactFailures++;
      const retryInMs = backoffMs(this.compactFailures, COMPACT_RETRY_BASE_MS, COMPACT_RETRY_MAX_MS);
      this.compactRetryAt = Date.now() + retryInMs;
      log.error(
        { doc: this.name, reason, failures: this.compactFailures, retryInMs, logged: this.sinceCompaction, err: stackOf(error) },
        "collab compaction failed; the document stays in memory and every update in its log; trying again later",
      );
      if (this.compactRetry) clearTimeout(this.compactRetry);
      this.compactRetry = setTimeout(() => {
        this.compactRetry = null;
        this.tryCompact("retry");
      }, retryInMs);
      this.compactRetry.unref();
      return false;
    }
    if (this.compactFailures > 0) log.warn({ doc: this.name, failures: this.compactFailures }, "collab compaction works again");
    this.compactFailures = 0;
    this.compactRetryAt = 0;
    if (this.compactRetry) clearTimeout(this.compactRetry);
    this.compactRetry = null;
    return true;
  }

  /**
   * Something failed after updates were stored that leaves this copy of the document not known to
   * equal what is stored (an update half-applied, a reload the disk refused, a bug). The room must
   * not go on: a compaction of it could replace stored updates with a state that lacks them. So it
   * drops what is queued (nothing of it was confirmed), closes every peer as "unavailable" (they
   * reconnect, get the document as stored, and send again what was not confirmed), and takes
   * nothing more; the collab server loads the document afresh for the next connection.
   */
  fail(error: unknown, during: string): void {
    if (this.broken) return;
    this.brokenBy = error ?? new Error("unknown failure");
    log.error({ doc: this.name, during, peers: this.peers.size, err: stackOf(error) }, "collab document failed; closing its connections to load it again");
    this.queue = [];
    this.draining = [];
    if (this.compactRetry) clearTimeout(this.compactRetry);
    this.compactRetry = null;
    for (const peer of this.peers) peer.socket.close(CollabClose.unavailable, "Server error; reconnecting");
  }

  /**
   * Unload an idle document: commit what is queued and compact. Returns false, leaving the room
   * loaded and working, if either fails (the caller tries again later); never throws.
   */
  unload(): boolean {
    if (this.destroyed) return true;
    if (this.broken) {
      this.discard();
      return true;
    }
    try {
      this.flush();
    } catch (error) {
      log.error({ doc: this.name, err: stackOf(error) }, "collab unload could not commit; the document stays loaded");
      return false;
    }
    if (!this.tryCompact("unload")) return false;
    this.discard();
    return true;
  }

  /**
   * Close for good (shutdown, tests): commit what is queued and, unless `compact` is false or the
   * room failed, compact. Failures are logged, never thrown: everything confirmed is in the log.
   */
  destroy(opts: { compact?: boolean } = {}): void {
    if (this.destroyed) return;
    if (!this.broken) {
      try {
        this.flush();
      } catch (error) {
        log.error({ doc: this.name, err: stackOf(error) }, "collab document could not commit its queue on closing; its writers resend after reconnecting");
      }
      if (opts.compact !== false) {
        try {
          this.compact();
        } catch (error) {
          log.error({ doc: this.name, err: stackOf(error) }, "collab compaction failed on closing; the log keeps every update");
        }
      }
    }
    this.discard();
  }

  /** Drop the document from memory without storing anything more (deleted, broken, or already stored). */
  discard(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // A commit may still be scheduled for this room: it must find nothing (a deleted document's
    // queued updates must not be appended after its deletion).
    this.queue = [];
    if (this.compactRetry) clearTimeout(this.compactRetry);
    this.compactRetry = null;
    this.current.destroy();
  }
}
