import type { WebSocket } from "ws";

/**
 * What a room needs of one connection, and all it knows of the transport: send a complete binary
 * message, close with a code and a reason. index.ts gives each peer one over its ws socket.
 */
export interface PeerSocket {
  /** Send one message; nothing happens once the connection is closing or closed. */
  send(message: OutgoingMessage): void;
  close(code: number, reason: string): void;
}

/** A message ready to send: made once, then handed as the same bytes to every peer it is for. */
export type OutgoingMessage = Buffer & { readonly __outgoing: true };

/**
 * A message encoded once for any number of peers: a Buffer over the same memory (no copy). Each
 * peer's send then adds only ws's own frame header (2 to 10 bytes) in front of this one payload.
 */
export function outgoing(message: Uint8Array): OutgoingMessage {
  const buffer = Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  return buffer as OutgoingMessage;
}

/**
 * A PeerSocket over a ws WebSocket, through its public API only. Server frames are never masked,
 * so ws writes the header it builds and then this very buffer: nothing is copied per peer. (Until
 * 2026-12-06 Circle framed each message once itself and wrote it through ws's private `_sender`,
 * which saved about 2 µs of CPU per relayed message; see the README's Decisions for why it went.)
 * Collab sockets never compress (upgrade.ts), which `compress: false` says again per message.
 */
export function wsPeerSocket(ws: WebSocket): PeerSocket {
  return {
    send(message) {
      if (ws.readyState === ws.OPEN) ws.send(message, { binary: true, compress: false });
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}
