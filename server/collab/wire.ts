import type { WebSocket } from "ws";

/** A complete server-to-client WebSocket message: header and payload in one buffer. */
export type WireFrame = Buffer & { readonly __wireFrame: true };

type SenderInternals = { _sender?: { sendFrame?: (list: Buffer[]) => void } };

/**
 * Frame a binary message once (RFC 6455 §5.2: FIN, opcode 2, unmasked as every server frame is),
 * so that relaying one update to four peers builds one buffer instead of four header-and-payload
 * pairs, and each peer costs one plain socket write instead of ws's cork/writev of two buffers.
 */
export function frameBinary(payload: Uint8Array): WireFrame {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (length < 126) frame[1] = length;
  else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, header);
  return frame as WireFrame;
}

/** The payload of a frame made by frameBinary. */
export function framePayload(frame: WireFrame): Buffer {
  const marker = frame[1]!;
  return frame.subarray(marker < 126 ? 2 : marker === 126 ? 4 : 10);
}

/**
 * Write a framed message to an open socket. This hands the finished frame to ws's own Sender,
 * exactly as Socket.IO does for its broadcasts (socket.io-adapter's `wsPreEncodedFrame`, written
 * by engine.io through `_sender.sendFrame`). It is sound only because collab sockets never
 * compress (perMessageDeflate is off in upgrade.ts) and never send Blobs: those are the only
 * states in which ws's Sender queues frames instead of writing them. Should ws ever drop the
 * method, the frame's payload goes through the public `send`.
 */
export function sendFrame(ws: WebSocket, frame: WireFrame): void {
  if (ws.readyState !== ws.OPEN) return;
  const sender = (ws as unknown as SenderInternals)._sender;
  if (typeof sender?.sendFrame === "function") sender.sendFrame([frame]);
  else ws.send(framePayload(frame));
}
