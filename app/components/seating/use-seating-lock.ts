import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { LiveState } from "~/realtime/live-machine";
import type { Ack, ClientToServerEvents, LiveJoinAck, ServerToClientEvents } from "~/realtime/protocol";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SeatingLock = { locked: boolean; error: string | null; busy: boolean; unlock: () => void };

/**
 * The plan's lock follows the live conference (server-authoritative ConferenceLive.seatingLocked):
 * joined over Socket.IO, so starting the conference on another tablet locks this page at once, and
 * the lead's unlock goes through the same live command as on the live screen.
 */
export function useSeatingLock(conferenceId: string, initial: boolean): SeatingLock {
  const [locked, setLocked] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const socket = useRef<LiveSocket | null>(null);
  const version = useRef<number | null>(null);

  const apply = useCallback((state: LiveState) => {
    version.current = state.version;
    setLocked(state.seatingLocked);
  }, []);

  useEffect(() => {
    const s: LiveSocket = io({ path: "/socket.io" });
    socket.current = s;
    s.on("connect", () => {
      s.emit("live:join", { conferenceId }, (ack: Ack) => {
        const join = ack as LiveJoinAck;
        if (join.ok) apply(join.state);
      });
    });
    s.on("live:state", (payload) => {
      if (payload.conferenceId === conferenceId) apply(payload.state);
    });
    return () => {
      socket.current = null;
      s.disconnect();
    };
  }, [conferenceId, apply]);

  const unlock = useCallback(() => {
    const s = socket.current;
    if (!s?.connected || version.current === null) {
      setError("Not connected to the live conference yet; try again in a moment.");
      return;
    }
    setBusy(true);
    setError(null);
    s.emit("live:command", { conferenceId, command: { type: "lock-seating", locked: false, expectedVersion: version.current } }, (ack: Ack) => {
      setBusy(false);
      if (ack.ok) return;
      if (ack.state) apply(ack.state);
      setError(ack.message);
    });
  }, [conferenceId, apply]);

  return { locked, error, busy, unlock };
}
