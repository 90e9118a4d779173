import { useEffect, useRef, useState } from "react";
import type { AgreementChangedPayload } from "./protocol";
import { acquireSocket, type CircleSocket } from "./socket";

/**
 * The case room's notifications over the tab's socket (docs/conventions.md §7): subscribes with
 * "case:subscribe" on every (re)connect, hands each "agreement:changed" to `onChange`, and
 * unsubscribes when the page goes (unless another hook in this tab still follows the case).
 * Returns the newest notice for a banner, and a way to dismiss it.
 */
export function useCaseEvents(caseId: string, onChange?: (event: AgreementChangedPayload) => void) {
  const [notice, setNotice] = useState<AgreementChangedPayload | null>(null);
  const callback = useRef(onChange);
  callback.current = onChange;

  useEffect(() => {
    const lease = acquireSocket();
    const room = `case:${caseId}`;
    let socket: CircleSocket | null = null;
    // The server closed the connection for this person (signed out, or off the case): the tab's
    // socket says so (app/realtime/socket.ts) and this page stops asking for the case.
    let ended = false;
    const subscribe = () => {
      if (!ended) socket?.emit("case:subscribe", { caseId }, () => undefined);
    };
    const onEnded = () => (ended = true);
    const onChanged = (event: AgreementChangedPayload) => {
      if (event.caseId !== caseId) return;
      setNotice(event);
      callback.current?.(event);
    };
    lease.attach({ connect: subscribe, "session:ended": onEnded, "agreement:changed": onChanged }, (s) => {
      socket = s;
      lease.hold(room);
      // The tab's socket may have connected already (the header opened it): "connect" has been and gone.
      if (s.connected) subscribe();
    });
    return () => {
      if (socket && lease.letGo(room) && socket.connected && !ended) socket.emit("case:unsubscribe", { caseId }, () => undefined);
      lease.release();
    };
  }, [caseId]);

  return { notice, dismiss: () => setNotice(null) };
}
