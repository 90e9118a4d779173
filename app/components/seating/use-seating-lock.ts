import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveState } from "~/realtime/live-machine";
import type { Ack, LiveJoinAck, LiveStatePayload } from "~/realtime/protocol";
import { acquireSocket, type CircleSocket } from "~/realtime/socket";

export type SeatingLock = { locked: boolean; error: string | null; busy: boolean; unlock: () => void };

/**
 * The plan's lock follows the live conference (server-authoritative ConferenceLive.seatingLocked):
 * joined over the tab's Socket.IO connection (app/realtime/socket.ts), so starting the conference
 * on another tablet locks this page at once, and the lead's unlock goes through the same live
 * command as on the live screen.
 */
export function useSeatingLock(conferenceId: string, initial: boolean): SeatingLock {
  const [locked, setLocked] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const socket = useRef<CircleSocket | null>(null);
  const version = useRef<number | null>(null);

  const apply = useCallback((state: LiveState) => {
    version.current = state.version;
    setLocked(state.seatingLocked);
  }, []);

  useEffect(() => {
    const lease = acquireSocket();
    const room = `live:${conferenceId}`;
    let disposed = false;
    let ended = false;
    const join = () => {
      if (ended) return;
      socket.current?.emit("live:join", { conferenceId }, (ack: Ack) => {
        const join = ack as LiveJoinAck;
        if (join.ok && !disposed) apply(join.state);
      });
    };
    const onEnded = () => (ended = true);
    const onState = (payload: LiveStatePayload) => {
      if (payload.conferenceId === conferenceId) apply(payload.state);
    };
    lease.attach({ connect: join, "session:ended": onEnded, "live:state": onState }, (s) => {
      socket.current = s;
      lease.hold(room);
      if (s.connected) join();
    });
    return () => {
      disposed = true;
      const s = socket.current;
      socket.current = null;
      if (s && lease.letGo(room) && s.connected) s.emit("live:leave", { conferenceId }, () => undefined);
      lease.release();
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
