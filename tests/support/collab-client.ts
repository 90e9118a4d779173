import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import * as decoding from "lib0/decoding";
import { COLLAB_VERSION_PARAM, MESSAGE_SAVED, PROTOCOL_VERSION } from "~/realtime/protocol";
import { databaseFilePath } from "~/utils/env.server";
import { splitLog } from "../../server/collab/log-load";
import { CollabStorage } from "../../server/collab/storage";

/** What a page of this build sends when it opens a document: the protocol version it speaks. */
export const PAGE_PARAMS = { [COLLAB_VERSION_PARAM]: String(PROTOCOL_VERSION) };

/** The address a page of this build opens for a document. */
export function collabUrl(origin: string, docName: string): string {
  return `${origin.replace(/^http/, "ws")}/collab/${encodeURIComponent(docName)}?${new URLSearchParams(PAGE_PARAMS)}`;
}

/** A ws client class that sends the session cookie and Origin, as a browser would. */
export function authedWebSocket(cookie: string, origin: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: origin } });
    }
  };
}

export type TestPeer = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** State vectors the server confirmed as durably saved, newest last. */
  saved: Uint8Array[];
  closeCodes: number[];
  destroy(): void;
};

/** The real y-websocket client (WebsocketProvider), unchanged, against our server, with the page's parameters unless told otherwise. */
export function connectPeer(origin: string, cookie: string, docName: string, opts: { connect?: boolean; params?: Record<string, string> } = {}): TestPeer {
  const doc = new Y.Doc();
  const wsOrigin = origin.replace(/^http/, "ws");
  const provider = new WebsocketProvider(`${wsOrigin}/collab`, docName, doc, {
    WebSocketPolyfill: authedWebSocket(cookie, origin) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 200,
    params: opts.params ?? PAGE_PARAMS,
  });
  const peer: TestPeer = {
    doc,
    provider,
    text: doc.getText("t"),
    saved: [],
    closeCodes: [],
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    peer.saved.push(decoding.readVarUint8Array(decoder));
  };
  provider.on("connection-close", (event) => {
    if (event) peer.closeCodes.push(event.code);
  });
  return peer;
}

/** True when the server has confirmed everything this peer's own client wrote. */
export function allSaved(peer: TestPeer): boolean {
  const local = Y.decodeStateVector(Y.encodeStateVector(peer.doc)).get(peer.doc.clientID) ?? 0;
  const last = peer.saved.at(-1);
  const confirmed = last ? (Y.decodeStateVector(last).get(peer.doc.clientID) ?? 0) : 0;
  return confirmed >= local;
}

/** A document as stored (snapshot + log, read on a connection of its own): what any client will load. */
export function storedDoc(docName: string): Y.Doc {
  const storage = new CollabStorage(databaseFilePath());
  try {
    const { snapshot, log } = storage.load(docName);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    splitLog(log).forEach((u) => Y.applyUpdate(doc, u));
    return doc;
  } finally {
    storage.close();
  }
}
