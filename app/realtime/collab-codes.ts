// Apart from protocol.ts because the browser's collab hook needs these values, and protocol.ts
// brings zod (its event schemas) into every page that imports it.

/**
 * The wire contract's version (docs/architecture.md §3), for both real-time channels. Bump it when
 * an event or payload changes incompatibly: a page still speaking the old one is told to reload.
 */
export const PROTOCOL_VERSION = 1;

/**
 * WebSocket close codes the collab server uses. 4400-4499 tell y-websocket clients not to
 * reconnect (a decision reconnecting cannot fix); 4500-4599 mean "try again later".
 */
export const CollabClose = {
  goingAway: 1001,
  messageTooBig: 1009,
  malformed: 4400,
  sessionEnded: 4401,
  accessRemoved: 4403,
  /** The page speaks another PROTOCOL_VERSION than the server: it must be reloaded (never change this code). */
  outdated: 4426,
  rateLimited: 4429,
  /** Access level changed (e.g. demoted to read-only): reconnect and be authorized afresh. */
  accessChanged: 4500,
  unavailable: 4503,
} as const;

/**
 * The Yjs client id the server writes its own changes under (a live step's heading in the notes).
 * Yjs places insertions made at the same spot at the same time by client id, lowest first; the
 * largest id there is puts the server's text after whatever a person was typing at that spot and
 * the server had not received yet, so a heading that arrives mid-word never splits the word. A
 * browser's document never uses it (use-collab-document.ts).
 */
export const SERVER_CLIENT_ID = 0xffffffff;

/** Circle's one message type beyond y-websocket's: the server's state vector after a durable write. */
export const MESSAGE_SAVED = 100;

/**
 * A page opens a collab document as `/collab/<name>?version=<PROTOCOL_VERSION>`. The parameter
 * name, CollabClose.outdated and the page's handling of it must never change: they are how a page
 * loaded before a deployment learns that it is out of date.
 */
export const COLLAB_VERSION_PARAM = "version";

/**
 * What the server says, and the page shows, when the page speaks another protocol version. The
 * changes are kept: they are in the tablet's own copy (IndexedDB) and are sent after the reload.
 */
export const COLLAB_OUTDATED_REASON = "Circle has been updated. Reload the page to carry on; your changes on this tablet are kept.";
