import type { Socket } from "socket.io-client";
import { askForSessionCheck, fetchSessionStatus } from "~/utils/session-status";
import type { ClientToServerEvents, ServerToClientEvents } from "./protocol";

export type CircleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket as its maker hands it over, with the way to end it and whatever the maker set up around it. */
export type OpenedSocket = { socket: CircleSocket; close: () => void };

/** What a hook listens for on the tab's socket: the server's events and the socket's own. */
export type SocketHandlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] } & {
  connect?: () => void;
  disconnect?: (reason: Socket.DisconnectReason) => void;
  connect_error?: (error: Error) => void;
};

/**
 * One hook's hold on the tab's socket. `socket` resolves once socket.io-client is loaded.
 * `attach(handlers, then)` adds the hook's listeners once it has (unless the hook has been
 * released by then) and calls `then` with the socket; `release()` removes exactly those
 * listeners, so the hooks sharing the socket never touch each other's.
 * `hold(room)` / `letGo(room)` count the rooms the hooks follow (keys such as "case:<id>"): the
 * server keeps one set of rooms per socket, so a hook that leaves a room another hook in this tab
 * still follows would drop it for both. `letGo` answers whether this was the last holder in the
 * tab, that is, whether to tell the server.
 */
export type SocketLease = {
  socket: Promise<CircleSocket>;
  attach: (handlers: SocketHandlers, then?: (socket: CircleSocket) => void) => void;
  hold: (room: string) => void;
  letGo: (room: string) => boolean;
  release: () => void;
};

/**
 * Reference counting around one socket: the first `acquire` opens it, the last `release` closes
 * it, and an `acquire` after that opens a new one. Pure apart from `open`, so it is unit tested
 * with a stand-in (tests/unit/socket-share.test.ts); the app uses `acquireSocket` below.
 */
export function createSocketShare(open: () => Promise<OpenedSocket>) {
  type Shared = { opened: Promise<OpenedSocket>; holders: number; rooms: Map<string, number> };
  let current: Shared | null = null;

  function acquire(): SocketLease {
    if (!current) {
      const shared: Shared = { opened: open(), holders: 0, rooms: new Map() };
      // A failed load (the chunk did not arrive) is not kept: the next hook that asks tries again.
      shared.opened.catch(() => {
        if (current === shared) current = null;
      });
      current = shared;
    }
    const shared = current;
    shared.holders += 1;
    const mine = new Set<string>();
    let released = false;
    const detach: (() => void)[] = [];

    const letGo = (room: string) => {
      if (!mine.delete(room)) return false;
      const left = (shared.rooms.get(room) ?? 1) - 1;
      if (left > 0) shared.rooms.set(room, left);
      else shared.rooms.delete(room);
      return left === 0;
    };

    return {
      socket: shared.opened.then((o) => o.socket),
      attach: (handlers, then) => {
        shared.opened.then(
          ({ socket }) => {
            if (released) return;
            const pairs = Object.entries(handlers).filter((pair): pair is [string, (...args: never[]) => void] => typeof pair[1] === "function");
            // Socket.IO's typed on/off take one event name at a time; these pairs come from SocketHandlers.
            for (const [event, fn] of pairs) socket.on(event as "connect", fn as () => void);
            detach.push(() => pairs.forEach(([event, fn]) => socket.off(event as "connect", fn as () => void)));
            then?.(socket);
          },
          () => undefined,
        );
      },
      hold: (room) => {
        if (released || mine.has(room)) return;
        mine.add(room);
        shared.rooms.set(room, (shared.rooms.get(room) ?? 0) + 1);
      },
      letGo,
      release: () => {
        if (released) return;
        released = true;
        for (const off of detach.splice(0)) off();
        for (const room of [...mine]) letGo(room);
        shared.holders -= 1;
        if (shared.holders > 0) return;
        if (current === shared) current = null;
        shared.opened.then(
          (o) => o.close(),
          () => undefined,
        );
      },
    };
  }

  return { acquire, holders: () => current?.holders ?? 0 };
}

/**
 * The tab's one Socket.IO connection (docs/architecture.md, "One socket per tab"). Every setting
 * is here: WebSocket first, the session cookie, and retries at most 3 s apart, which the live
 * conference needs to be back on the current step quickly (the others do not mind).
 * socket.io-client is imported on first use, after hydration: a page whose only socket is the
 * header's does not wait for it.
 */
async function openTabSocket(): Promise<OpenedSocket> {
  const { io } = await import("socket.io-client");
  const socket: CircleSocket = io({ path: "/socket.io", transports: ["websocket", "polling"], withCredentials: true, reconnectionDelayMax: 3_000 });
  let closed = false;
  let told = false;
  // The server ended it (signed out, idle, access removed): the sign-out dialog looks at the session and says so, once for the tab.
  socket.on("session:ended", () => {
    told = true;
    askForSessionCheck();
  });
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") askForSessionCheck();
  });
  // Socket.IO does not reconnect after the server closed a socket. When the session is still
  // live (access to one case was removed), the others (the header's count) carry on over a new
  // connection; the hooks that were told "session:ended" do not follow their rooms again.
  let closedByServer = false;
  socket.on("connect", () => {
    closedByServer = false;
    told = false;
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io server disconnect") return;
    closedByServer = true;
    void fetchSessionStatus().then((status) => {
      if (closed || socket.connected) return;
      if (status?.state === "active") socket.connect();
      else if (!told) askForSessionCheck();
    });
  });
  // A tablet that loses Wi-Fi drops the connection at once rather than after Socket.IO's ping
  // timeout (the live screen says "offline" straight away), and connects again when it is back.
  const goOffline = () => socket.disconnect();
  const goOnline = () => {
    if (!closedByServer && !socket.connected) socket.connect();
  };
  window.addEventListener("offline", goOffline);
  window.addEventListener("online", goOnline);
  return {
    socket,
    close: () => {
      closed = true;
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      socket.disconnect();
    },
  };
}

const tab = createSocketShare(openTabSocket);

/** A hold on the tab's socket: every real-time hook takes one (docs/conventions.md §7). */
export const acquireSocket = (): SocketLease => tab.acquire();
