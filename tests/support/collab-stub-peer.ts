import * as Y from "yjs";
import type { DocumentStore } from "../../server/collab/document-store";
import { splitLog } from "../../server/collab/log-load";
import type { RoomPeer } from "../../server/collab/room";

/** A room's peer without a network: it keeps what `record` makes of each message, and the close codes. */
export type StubPeer<S> = RoomPeer & { sent: S[]; closed: number[] };

/**
 * A stub peer for DocumentRoom tests. Like a real PeerSocket it sends nothing once closed; `record`
 * turns each message into what the test keeps (and may assert on it at the moment it is sent).
 */
export function stubPeer<S>(label: string, record: (data: Uint8Array) => S): StubPeer<S> {
  const peer: StubPeer<S> = {
    sent: [],
    closed: [],
    canWrite: true,
    identity: { userId: label, name: label, color: "#000000", role: "editor" },
    clientIds: new Set<number>(),
    socket: {
      send(data: Uint8Array) {
        if (peer.closed.length > 0) return;
        peer.sent.push(record(data));
      },
      close(code: number) {
        peer.closed.push(code);
      },
    },
  } as unknown as StubPeer<S>;
  return peer;
}

/** Everything a store holds for the document (snapshot, then its log), applied to a fresh Y.Doc. */
export function storedDoc(store: Pick<DocumentStore, "load">, name: string): Y.Doc {
  const { snapshot, log } = store.load(name);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  splitLog(log).forEach((u) => Y.applyUpdate(doc, u));
  return doc;
}
