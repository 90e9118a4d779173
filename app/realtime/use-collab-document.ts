import * as decoding from "lib0/decoding";
import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { describeStatus, SaveTracker, type CollabStatus, type Connection } from "./collab-status";
import { COLLAB_OUTDATED_REASON, COLLAB_VERSION_PARAM, CollabClose, MESSAGE_SAVED, PROTOCOL_VERSION, SERVER_CLIENT_ID } from "./collab-codes";
import { askForSessionCheck } from "~/utils/session-status";

export type CollabDocument = { doc: Y.Doc; provider: WebsocketProvider; status: CollabStatus };

const clockOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;

/**
 * The one way components reach a shared document (docs/conventions.md §7): a Y.Doc cached in IndexedDB
 * (so a tablet that loses Wi-Fi keeps working), synced over y-websocket at /collab/<name>, with a
 * status that says "Saved" only after the server confirmed a durable write. Browser-only:
 * returns null during server rendering and until the cache is loaded.
 */
export function useCollabDocument(name: string, options: { readOnly: boolean }): CollabDocument | null {
  const [state, setState] = useState<CollabDocument | null>(null);
  const { readOnly } = options;

  useEffect(() => {
    const doc = new Y.Doc();
    // The server's own id (one chance in 2^32): taking it would mix this tablet's edits with the server's.
    if (doc.clientID === SERVER_CLIENT_ID) doc.clientID = SERVER_CLIENT_ID - 1;
    const cache = new IndexeddbPersistence(`circle:${name}`, doc);
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    // The page says which protocol it speaks; a server on another one closes with CollabClose.outdated.
    const params = { [COLLAB_VERSION_PARAM]: String(PROTOCOL_VERSION) };
    const provider = new WebsocketProvider(url, name, doc, { connect: false, disableBc: true, maxBackoffTime: 5000, params });
    const tracker = new SaveTracker(doc.clientID);
    let connection: Connection = "connecting";
    let endedBecause: string | null = null;
    let disposed = false;
    let ready = false;
    const publish = () => !disposed && ready && setState({ doc, provider, status: describeStatus(connection, tracker.unsaved, readOnly, tracker.unsavedSince, endedBecause) });

    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      tracker.confirmed(decoding.readVarUint8Array(decoder));
      publish();
    };
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (readOnly || origin === provider || origin === cache) return;
      tracker.localChange(clockOf(doc), new Date());
      publish();
    });
    provider.on("status", ({ status }: { status: Connection }) => {
      if (connection !== "ended") connection = status;
      publish();
    });
    provider.on("connection-close", (event: CloseEvent | null) => {
      // 4400-4499: the server decided (signed out, access removed, bad input); do not retry.
      if (event && event.code >= 4400 && event.code < 4500) connection = "ended";
      // This page is older (or newer) than the server: only a reload helps, and the server says so.
      if (event?.code === CollabClose.outdated) endedBecause = event.reason || COLLAB_OUTDATED_REASON;
      if (event?.code === CollabClose.sessionEnded) askForSessionCheck();
      publish();
    });
    // The document is shown once it holds what exists: the tablet's own copy, or (with none) the
    // server's after the first sync. Typing into an empty stand-in would anchor those words to the
    // start of nothing, and they would land at the top of the real document when it arrives.
    const becomeReady = () => {
      if (ready || disposed) return;
      ready = true;
      publish();
    };
    provider.on("sync", (synced: boolean) => synced && becomeReady());
    // Open the socket only once the local cache is in the doc, so offline edits are sent on connect.
    void cache.whenSynced.then(() => {
      if (disposed) return;
      if (doc.store.clients.size > 0) becomeReady();
      provider.connect();
    });
    // A tablet that loses Wi-Fi says so at once; do not wait for the socket's own timeout.
    const goOffline = () => provider.disconnect();
    const goOnline = () => void cache.whenSynced.then(() => !disposed && provider.connect());
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      disposed = true;
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.destroy();
      void cache.destroy();
      doc.destroy();
    };
  }, [name, readOnly]);

  return state;
}

/**
 * Deletes this browser's cached copies (IndexedDB) of documents whose name starts with `prefix`
 * and is not in `keep`: e.g. a destroyed or closed letter on the author's device. Browsers without
 * `indexedDB.databases()` keep their caches (nothing to enumerate).
 */
export async function forgetCachedDocuments(prefix: string, keep: ReadonlySet<string>): Promise<string[]> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return [];
  const dropped: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith(`circle:${prefix}`) || keep.has(name.slice("circle:".length))) continue;
    indexedDB.deleteDatabase(name);
    dropped.push(name);
  }
  return dropped;
}
