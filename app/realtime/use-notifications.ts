import { useEffect, useState } from "react";
import { acquireSocket } from "./socket";

/**
 * The header's unread count, kept live (docs/architecture.md, "Notifications"): it starts from the
 * root loader's count and follows the person's own room (`user:<id>`, joined by the server on
 * connect, so nothing is asked for): "notification:new" with each new one, "notification:unread"
 * on connecting (a tablet that was asleep catches up) and when another tablet marks some read.
 * It shares the tab's socket (app/realtime/socket.ts), which loads socket.io-client once the page
 * is interactive, so pages that need no other socket do not wait for it.
 */
export function useNotificationCount(initial: number): number {
  const [unread, setUnread] = useState(initial);
  // The loader's count after a navigation or a form (marking read) is the newer word.
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    const lease = acquireSocket();
    lease.attach({
      "notification:unread": ({ unread }) => setUnread(unread),
      "notification:new": (n) => setUnread(n.unread),
    });
    return () => lease.release();
  }, []);
  return unread;
}
