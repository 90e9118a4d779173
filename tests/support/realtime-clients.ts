import type { IncomingMessage } from "node:http";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/protocol";
import { collabUrl } from "./collab-client";

export type CircleClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SocketOutcome = { connected: true; socket: CircleClientSocket } | { connected: false; message: string };

/**
 * A real Socket.IO client as a browser on `origin` would open it (Origin + Cookie headers).
 * Resolves once the server accepted or refused the connection; never reconnects on its own.
 */
export function connectSocket(origin: string, opts: { cookie?: string; originHeader?: string; transport?: "websocket" | "polling" } = {}): Promise<SocketOutcome> {
  const extraHeaders: Record<string, string> = { Origin: opts.originHeader ?? origin };
  if (opts.cookie) extraHeaders.Cookie = opts.cookie;
  const socket: CircleClientSocket = io(origin, {
    path: "/socket.io",
    transports: [opts.transport ?? "websocket"],
    extraHeaders,
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ connected: true, socket }));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve({ connected: false, message: error.message });
    });
  });
}

/** Connects and throws unless the server accepted. */
export async function requireSocket(origin: string, cookie: string): Promise<CircleClientSocket> {
  const outcome = await connectSocket(origin, { cookie });
  if (!outcome.connected) throw new Error(`socket refused: ${outcome.message}`);
  return outcome.socket;
}

export type CollabClosed = { code: number; reason: string };
export type CollabOutcome = { opened: true; ws: WebSocket; closed: Promise<CollabClosed> } | { opened: false; status: number; body: string };

/**
 * Opens /collab/<docName> with the `ws` client. A refusal before any WebSocket exists comes back
 * as the HTTP status; an accepted upgrade (101) as the open socket and a promise of its close.
 */
export function openCollab(origin: string, docName: string, opts: { cookie?: string; originHeader?: string } = {}): Promise<CollabOutcome> {
  const headers: Record<string, string> = { Origin: opts.originHeader ?? origin };
  if (opts.cookie) headers.Cookie = opts.cookie;
  const url = collabUrl(origin, docName);
  const ws = new WebSocket(url, { headers, handshakeTimeout: 5_000 });
  const closed = new Promise<CollabClosed>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    let settled = false;
    ws.on("error", (error) => {
      if (!settled) reject(error);
    });
    ws.once("open", () => {
      settled = true;
      resolve({ opened: true, ws, closed });
    });
    ws.once("unexpected-response", (req: { destroy(): void }, res: IncomingMessage) => {
      settled = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        req.destroy();
        resolve({ opened: false, status: res.statusCode ?? 0, body });
      });
    });
  });
}

/** Resolves when the socket disconnects, with the "session:ended" reason if one arrived first. */
export function watchSocketEnd(socket: CircleClientSocket) {
  const state: { ended?: string; disconnected?: string } = {};
  socket.on("session:ended", ({ reason }) => (state.ended = reason));
  socket.on("disconnect", (reason) => (state.disconnected = reason));
  return state;
}
