import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { askForSessionCheck } from "~/utils/session-status";
import type { ClientToServerEvents, ServerToClientEvents } from "./protocol";

type NotificationSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The header's unread count, kept live (docs/architecture.md, "Notifications"): it starts from the
 * root loader's count and follows the person's own room (`user:<id>`, joined by the server on
 * connect, so nothing is asked for): "notification:new" with each new one, "notification:unread"
 * on connecting (a tablet that was asleep catches up) and when another tablet marks some read.
 * socket.io-client is imported once the page is interactive, so pages that open no other socket
 * do not wait for it.
 */
export function useNotificationCount(initial: number): number {
  const [unread, setUnread] = useState(initial);
  // The loader's count after a navigation or a form (marking read) is the newer word.
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    const held: { socket: NotificationSocket | null; closed: boolean } = { socket: null, closed: false };
    void import("socket.io-client").then(({ io }) => {
      if (held.closed) return;
      const socket: NotificationSocket = io({ path: "/socket.io", transports: ["websocket", "polling"], withCredentials: true, reconnectionDelayMax: 5_000 });
      socket.on("notification:unread", ({ unread }) => setUnread(unread));
      socket.on("notification:new", (n) => setUnread(n.unread));
      // The server closed it (signed out, idle): the sign-out dialog looks at the session and says so.
      socket.on("session:ended", askForSessionCheck);
      held.socket = socket;
    });
    return () => {
      held.closed = true;
      held.socket?.disconnect();
    };
  }, []);
  return unread;
}
