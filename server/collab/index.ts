import * as Y from "yjs";
import type { RawData, WebSocket } from "ws";
import type { CollabAccess } from "~/models/collab-access";
import { CollabClose, type CollabDocName } from "~/realtime/protocol";
import { isLetterAuthor } from "~/utils/permissions";
import type { RequestAuditEntry, RequestOrigin } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/session.server";
import { ConnectionRegistry, type TrackedConnection } from "../connections";
import { log, stackOf } from "../log";
import { CommitScheduler } from "./commits";
import { isEmptyUpdate, parseFrame, type Frame } from "./frames";
import { loadStored } from "./log-load";
import { copyLegacyRichText, hasLegacyRichText } from "~/realtime/flat-legacy";
import { COLLAB_LIMITS, colourFor, createRateLimiter } from "./limits";
import { wsPeerSocket } from "./peer-socket";
import { DocumentRoom, type RoomPeer } from "./room";
import type { DocumentStore } from "./document-store";
import { CollabStorage } from "./storage";
import type { CollabConnectionContext } from "./upgrade";
import { UpdateValidator } from "./validator";

type Conn = TrackedConnection & { ws: WebSocket; docName: string };

/**
 * What the collab server asks of the rest of Circle. server/app.ts passes the real ones (can()
 * through getCollabAccess, the audit trail, the session table); passing them in keeps this module
 * free of the models' imports and lets a test or a benchmark host say exactly what it runs with.
 */
export type CollabServices = {
  /** What this person may do with this document now: write, read, or nothing (null). Asked again whenever access may have changed. */
  getAccess(user: SessionUser, doc: CollabDocName): Promise<CollabAccess | null>;
  /** Who is signed in to a session now, or null once it ended. The look-up must not count as activity (a background check). */
  getSessionUser(sessionId: string): Promise<SessionUser | null>;
  /** A throttled "this session is in use" for one session, called on every write: writing keeps a tablet signed in. */
  sessionToucher(sessionId: string): () => void;
  /** Append one entry to the audit trail (a write refused on a read-only document), with the address the connection came from. */
  audit(origin: RequestOrigin, entry: RequestAuditEntry): Promise<void>;
};

export type CollabServerOptions = CollabServices & {
  /** Where documents live; by default the SQLite store on the server's database file. */
  storage?: DocumentStore;
};

/**
 * The collab server: rooms by document name, transport handling (limits, parsing, validation)
 * and the connection registry that lets access changes close sockets.
 */
export function createCollabServer(options: CollabServerOptions) {
  const { getAccess, getSessionUser, sessionToucher, audit } = options;
  const storage = options.storage ?? new CollabStorage();
  const registry = new ConnectionRegistry<Conn>();
  const rooms = new Map<string, DocumentRoom>();
  const unloadTimers = new Map<string, NodeJS.Timeout>();
  const validator = new UpdateValidator();
  const commits = new CommitScheduler(storage);
  storage.startMaintenance();
  let stopped = false;
  /** One throttled session toucher per session (a user's tabs and tablets share it), dropped with its last connection. */
  const touchers = new Map<string, { touch: () => void; conns: number }>();
  function toucherFor(sessionId: string) {
    let entry = touchers.get(sessionId);
    if (!entry) touchers.set(sessionId, (entry = { touch: sessionToucher(sessionId), conns: 0 }));
    entry.conns++;
    return entry.touch;
  }
  function releaseToucher(sessionId: string) {
    const entry = touchers.get(sessionId);
    if (entry && --entry.conns <= 0) touchers.delete(sessionId);
  }

  function openRoom(name: string): DocumentRoom {
    clearTimeout(unloadTimers.get(name));
    unloadTimers.delete(name);
    let room = rooms.get(name);
    if (room?.broken) {
      // It failed (DocumentRoom.fail): its connections are closing; whoever comes next gets the stored document.
      rooms.delete(name);
      room.discard();
      room = undefined;
    }
    if (!room) {
      rooms.set(name, (room = new DocumentRoom(name, storage, commits)));
      const opened = room;
      // Text from before the flat rich-text model is copied into it once, stored before anyone syncs.
      if (hasLegacyRichText(opened.doc)) opened.changeFromServer((doc) => void copyLegacyRichText(doc));
    }
    return room;
  }

  /**
   * Unload a document some time after its last peer left. If it cannot be committed or compacted
   * then (a failing disk), it stays loaded, served from memory with every update in its log, and
   * the unload is tried again after the same wait (its compaction retries on its own backoff).
   */
  function scheduleUnload(room: DocumentRoom) {
    // A room already replaced (a failed one is) must not touch its successor's timer.
    if (stopped || room.peers.size > 0 || rooms.get(room.name) !== room) return;
    clearTimeout(unloadTimers.get(room.name));
    const timer = setTimeout(() => {
      if (unloadTimers.get(room.name) === timer) unloadTimers.delete(room.name);
      // Replaced meanwhile (a failed room is), or someone came back.
      if (rooms.get(room.name) !== room || room.peers.size > 0) return;
      let unloaded = false;
      try {
        unloaded = room.unload();
      } catch (error) {
        log.error({ doc: room.name, err: stackOf(error) }, "collab unload failed");
      }
      if (unloaded) rooms.delete(room.name);
      else scheduleUnload(room);
    }, COLLAB_LIMITS.idleUnloadMs);
    timer.unref();
    unloadTimers.set(room.name, timer);
  }

  function admit(userId: string): boolean {
    return registry.forUser(userId).length < COLLAB_LIMITS.connectionsPerUser;
  }

  function onConnection(ws: WebSocket, ctx: CollabConnectionContext) {
    const { user, doc, access } = ctx;
    const conn: Conn = {
      userId: user.id,
      sessionId: user.sessionId,
      ws,
      docName: doc.name,
      caseIds: () => [access.caseId],
      close: (reason: string) => ws.close(CollabClose.sessionEnded, reason.slice(0, 120)),
      recheck: async (current) => {
        const now = await getAccess(current, doc);
        if (!now) ws.close(CollabClose.accessRemoved, "You no longer have access to this document");
        else if (now.level !== access.level) ws.close(CollabClose.accessChanged, "Your access changed");
      },
    };
    registry.add(conn);
    let room: DocumentRoom;
    try {
      room = openRoom(doc.name);
    } catch (error) {
      log.error({ doc: doc.name, err: stackOf(error) }, "collab document failed to load");
      registry.remove(conn);
      ws.close(CollabClose.unavailable, "Document unavailable");
      return;
    }
    const touch = toucherFor(user.sessionId);
    const peer: RoomPeer = {
      socket: wsPeerSocket(ws),
      canWrite: access.level === "write",
      identity: { userId: user.id, name: user.name, color: colourFor(user.id), role: access.level === "write" ? "editor" : "reader" },
      anonymousPresence: isLetterAuthor(user),
      clientIds: new Set(),
    };
    const allow = createRateLimiter();
    const allowAwareness = createRateLimiter(COLLAB_LIMITS.awarenessBytesPerSecond, COLLAB_LIMITS.awarenessBurstBytes);
    let closed = false;
    let refusedWriteAudited = false;
    let chain = Promise.resolve();
    /** Frames of this peer still waiting on the worker: later frames queue behind them, in order. */
    let waiting = 0;

    const fail = (error: unknown) => {
      log.error({ doc: doc.name, err: stackOf(error) }, "collab message failed");
      ws.close(CollabClose.unavailable, "Server error");
    };
    const deliver = (frame: Frame, valid: boolean) => {
      if (closed) return;
      if (!valid) {
        log.warn({ doc: doc.name, userId: user.id }, "invalid Yjs update; closing");
        return void ws.close(CollabClose.malformed, "Invalid update");
      }
      if (!room.receive(peer, frame)) ws.close(CollabClose.malformed, "Malformed awareness");
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (closed) return;
      if (!allow()) return void ws.close(CollabClose.rateLimited, "Too many messages");
      const bytes = isBinary ? toBytes(data) : null;
      const frame = bytes ? parseFrame(bytes) : null;
      if (!frame) {
        log.warn({ doc: doc.name, userId: user.id }, "malformed collab frame; closing");
        return void ws.close(CollabClose.malformed, "Malformed message");
      }
      if (frame.type === "awareness") {
        if (bytes!.length > COLLAB_LIMITS.awarenessMaxBytes) return void ws.close(CollabClose.malformed, "Awareness too large");
        if (!allowAwareness(bytes!.length)) return void ws.close(CollabClose.rateLimited, "Too much awareness");
      }
      const isWrite = frame.type === "update" || frame.type === "sync-step2";
      // An empty update (no structs, no deletions) is what a client with nothing new answers on sync.
      if (isWrite && isEmptyUpdate(frame.update)) return;
      if (isWrite) touch();
      if (isWrite && !peer.canWrite) {
        log.warn({ doc: doc.name, userId: user.id }, "update from read-only connection dropped");
        // Audited once per connection (e.g. an attempt to change an approved agreement), not per keystroke.
        if (!refusedWriteAudited) {
          refusedWriteAudited = true;
          void audit(ctx, { actor: user, action: "collab.write.refused", target: doc.name, caseId: access.caseId, details: { reason: "read-only" } }).catch((err) =>
            log.error({ err: String(err) }, "audit of a refused collab write failed"),
          );
        }
        return;
      }
      // Small updates are decoded inline (a verdict now); large ones by the worker (a promise).
      const verdict = isWrite ? validator.check(frame.update) : true;
      if (waiting === 0 && typeof verdict === "boolean") {
        try {
          return deliver(frame, verdict);
        } catch (error) {
          return fail(error);
        }
      }
      // Handled here at once: a verdict that fails (no worker) may settle before the chain awaits it,
      // and an unhandled rejection is fatal to the process (server/index.ts).
      if (typeof verdict !== "boolean") verdict.catch(() => undefined);
      waiting++;
      chain = chain
        .then(async () => deliver(frame, await verdict))
        .catch(fail)
        .finally(() => void waiting--);
    });
    ws.on("close", () => {
      closed = true;
      releaseToucher(user.sessionId);
      registry.remove(conn);
      room.leave(peer);
      scheduleUnload(room);
    });
    ws.on("error", () => ws.terminate());
    room.join(peer);
  }

  /**
   * Close every connection, commit what is queued and (unless `compact` is false) compact every
   * loaded document. One document's failure does not keep the others from closing.
   */
  async function close(opts: { compact?: boolean } = {}) {
    stopped = true;
    for (const conns of registry.sessions().values()) conns.forEach((c) => c.ws.close(CollabClose.goingAway, "Server shutting down"));
    for (const timer of unloadTimers.values()) clearTimeout(timer);
    for (const room of rooms.values()) {
      try {
        room.destroy(opts);
      } catch (error) {
        log.error({ doc: room.name, err: stackOf(error) }, "collab document failed to close");
      }
    }
    rooms.clear();
    await validator.close();
    storage.close();
  }

  const connectionsTo = (name: string) => [...registry.sessions().values()].flat().filter((c) => c.docName === name);

  /**
   * The document's current state as a fresh Y.Doc (the caller owns it): from the open room, or
   * from storage. Everything in it is durable: rooms apply only committed updates.
   */
  function readDocument(name: string): Y.Doc {
    const room = rooms.get(name);
    // A failed room's copy is not trusted (DocumentRoom.fail): read what is stored.
    if (!room || room.broken) return loadStored(storage.load(name));
    const out = new Y.Doc();
    Y.applyUpdate(out, Y.encodeStateAsUpdate(room.doc));
    return out;
  }

  /**
   * Change a document on the server's own account (no user connection involved): stored at once,
   * then relayed (DocumentRoom.changeFromServer). Used for the notes' step headings in a live
   * conference.
   */
  function changeDocument(name: string, change: (doc: Y.Doc) => void): void {
    if (stopped) return;
    const room = openRoom(name);
    try {
      room.changeFromServer(change);
    } finally {
      scheduleUnload(room);
    }
  }

  /** Re-authorize every open connection to one document (e.g. it was frozen or locked). */
  async function recheckDocument(name: string): Promise<void> {
    for (const conn of connectionsTo(name)) {
      const user = await getSessionUser(conn.sessionId);
      if (!user) conn.close("Your session has ended");
      else await conn.recheck?.(user);
    }
  }

  /** Close every connection to a document, unload it and delete its log and snapshot. */
  function destroyDocument(name: string): void {
    for (const conn of connectionsTo(name)) conn.ws.close(CollabClose.accessRemoved, "This document no longer exists");
    clearTimeout(unloadTimers.get(name));
    unloadTimers.delete(name);
    const room = rooms.get(name);
    if (room) {
      // Nothing of it is kept: no need to commit its queue or compact it first.
      rooms.delete(name);
      room.discard();
    }
    storage.deleteDocument(name);
  }

  return { registry, onConnection, admit, close, readDocument, changeDocument, recheckDocument, destroyDocument };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
