import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AgreementChangedPayload, ClientToServerEvents, ServerToClientEvents } from "./protocol";
import { askForSessionCheck } from "~/utils/session-status";

type CaseSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The case room's notifications (docs/conventions.md §7: components never open sockets): subscribes with
 * "case:subscribe" on every (re)connect and hands each "agreement:changed" to `onChange`.
 * Returns the newest notice for a banner, and a way to dismiss it.
 */
export function useCaseEvents(caseId: string, onChange?: (event: AgreementChangedPayload) => void) {
  const [notice, setNotice] = useState<AgreementChangedPayload | null>(null);
  const callback = useRef(onChange);
  callback.current = onChange;

  useEffect(() => {
    const socket: CaseSocket = io({ path: "/socket.io", transports: ["websocket", "polling"], withCredentials: true, reconnectionDelayMax: 5_000 });
    const subscribe = () => socket.emit("case:subscribe", { caseId }, () => undefined);
    socket.on("connect", subscribe);
    // The server closed it (signed out, idle): the sign-out dialog looks at the session and says so.
    socket.on("session:ended", askForSessionCheck);
    socket.on("agreement:changed", (event) => {
      if (event.caseId !== caseId) return;
      setNotice(event);
      callback.current?.(event);
    });
    return () => {
      socket.disconnect();
    };
  }, [caseId]);

  return { notice, dismiss: () => setNotice(null) };
}
