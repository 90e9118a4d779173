// Apart from protocol.ts because the browser's collab hook needs these numbers, and protocol.ts
// brings zod (its event schemas) into every page that imports it.

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
  rateLimited: 4429,
  /** Access level changed (e.g. demoted to read-only): reconnect and be authorized afresh. */
  accessChanged: 4500,
  unavailable: 4503,
} as const;

/** Circle's one message type beyond y-websocket's: the server's state vector after a durable write. */
export const MESSAGE_SAVED = 100;
