import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveCommand, LiveRole, LiveState } from "./live-machine";
import type { Ack, LiveJoinAck, LivePresence, LiveStatePayload } from "./protocol";
import { acquireSocket, type CircleSocket } from "./socket";
import { fetchSessionStatus } from "~/utils/session-status";

/** A command as a component sends it: the hook adds the version it holds. */
export type LiveCommandInput = LiveCommand extends infer C ? (C extends LiveCommand ? Omit<C, "expectedVersion"> : never) : never;
/** "ended": the server closed this connection for good (session over, or access to the case removed). */
export type LiveConnection = "connecting" | "live" | "offline" | "ended";
export type LiveNotice = { tone: "info" | "error"; text: string; id: number };
export type LivePeople = LivePresence["people"];

export type LiveConference = {
  state: LiveState;
  role: LiveRole;
  presence: LivePeople;
  connection: LiveConnection;
  /** Server clock minus this tablet's clock, in ms. */
  offsetMs: number;
  /** A command is on its way: controls stay disabled until it is answered. */
  pending: boolean;
  notice: LiveNotice | null;
  send: (command: LiveCommandInput) => Promise<boolean>;
  dismissNotice: () => void;
};

const ACK_TIMEOUT_MS = 5_000;
export const STALE_NOTICE = "The conference had moved on — you are on the current step.";

/**
 * The live conference over the tab's Socket.IO connection (app/realtime/socket.ts, shared with the
 * header; docs/conventions.md §7). Joins on every (re)connect and lands on the server's state at
 * once; keeps the newest state by version; leaves the room when the screen goes.
 * Commands are never queued: Socket.IO would buffer an emit made while disconnected and replay
 * it after reconnecting, long after the room moved on, so an offline tablet refuses locally.
 */
export function useLiveConference(conferenceId: string, initial: { state: LiveState; role: LiveRole; serverNow: string }): LiveConference {
  const [state, setState] = useState(initial.state);
  const [role, setRole] = useState(initial.role);
  const [presence, setPresence] = useState<LivePeople>([]);
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const [offsetMs, setOffsetMs] = useState(() => Date.parse(initial.serverNow) - Date.now());
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<LiveNotice | null>(null);
  const socketRef = useRef<CircleSocket | null>(null);
  const versionRef = useRef(initial.state.version);
  const pendingRef = useRef(false);

  const take = useCallback((next: LiveState) => {
    if (next.version < versionRef.current) return; // an older broadcast overtaken by a newer one
    versionRef.current = next.version;
    setState(next);
  }, []);
  const say = useCallback((tone: LiveNotice["tone"], text: string) => setNotice({ tone, text, id: Date.now() }), []);

  useEffect(() => {
    const lease = acquireSocket();
    const room = `live:${conferenceId}`;
    let socket: CircleSocket | null = null;
    let disposed = false;
    let ended = false;

    /**
     * The server ended this connection. If the session is over, the sign-out dialog says so, once
     * (app/components/session-timeout.tsx, asked by the tab's socket: app/realtime/socket.ts); this
     * page adds nothing that could contradict it, and stops joining. If the session is still live
     * (access to the case was removed), the server's reason is the one message.
     */
    const end = (reason: string | null) => {
      if (ended || disposed) return;
      ended = true;
      setConnection("ended");
      void fetchSessionStatus().then((status) => {
        if (!disposed && status?.state === "active") say("error", reason ?? "The server closed this connection. Reload the page.");
      });
    };

    const join = async () => {
      const s = socket;
      if (!s || ended || disposed) return;
      setConnection("connecting");
      const sentAt = Date.now();
      try {
        const ack = (await s.timeout(ACK_TIMEOUT_MS).emitWithAck("live:join", { conferenceId })) as LiveJoinAck;
        if (disposed || ended) return;
        if (!ack.ok) {
          setConnection("offline");
          say("error", ack.message);
          return;
        }
        const receivedAt = Date.now();
        setOffsetMs(Date.parse(ack.serverNow) - (sentAt + receivedAt) / 2);
        setRole(ack.role);
        take(ack.state);
        setConnection(s.connected ? "live" : "offline");
      } catch {
        // No answer: the next reconnect joins again; a connected socket retries now.
        if (!disposed && s.connected) void join();
      }
    };

    const onConnect = () => void join();
    const onDisconnect = (reason: string) => {
      if (ended) return;
      if (reason === "io server disconnect") end(null);
      else setConnection("offline");
    };
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") end(null);
      else if (!ended) setConnection("offline");
    };
    const onEnded = ({ reason }: { reason: string }) => end(reason);
    const onState = (payload: LiveStatePayload) => {
      if (payload.conferenceId === conferenceId) take(payload.state);
    };
    const onPresence = (payload: LivePresence) => {
      if (payload.conferenceId === conferenceId) setPresence(payload.people);
    };
    lease.attach(
      {
        connect: onConnect,
        disconnect: onDisconnect,
        connect_error: onConnectError,
        "session:ended": onEnded,
        "live:state": onState,
        "live:presence": onPresence,
      },
      (s) => {
        socket = s;
        socketRef.current = s;
        lease.hold(room);
        // The tab's socket may have connected already (the header opened it): join now. One that
        // is not even trying (the tablet is offline) says so rather than "connecting".
        if (s.connected) void join();
        else if (!s.active) setConnection("offline");
      },
    );
    // A tablet that loses Wi-Fi says so at once: the tab's socket drops its connection on the same
    // event (app/realtime/socket.ts) and connects again when the network is back.
    const goOffline = () => {
      if (!ended) setConnection("offline");
    };
    const goOnline = () => {
      if (!ended) setConnection("connecting");
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      disposed = true;
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      // Only this page leaves the room: the socket stays with the header (and any other hook).
      if (socket && lease.letGo(room) && socket.connected) socket.emit("live:leave", { conferenceId }, () => undefined);
      socketRef.current = null;
      lease.release();
    };
  }, [conferenceId, take, say]);

  const send = useCallback(
    async (command: LiveCommandInput): Promise<boolean> => {
      const socket = socketRef.current;
      if (!socket || !socket.connected || connection !== "live") {
        say("error", "This tablet is offline, so nothing was sent. Wait for “Live” and try again.");
        return false;
      }
      if (pendingRef.current) return false;
      pendingRef.current = true;
      setPending(true);
      try {
        const payload = { conferenceId, command: { ...command, expectedVersion: versionRef.current } as LiveCommand };
        const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("live:command", payload)) as Ack;
        if (ack.ok) {
          setNotice(null);
          return true;
        }
        if (ack.state) take(ack.state);
        if (ack.error === "stale") say("info", STALE_NOTICE);
        else say("error", ack.message);
        return false;
      } catch {
        say("error", "No answer from the server. Check the current step before trying again.");
        // Refresh what this tablet shows from the server's current state.
        void socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck("live:join", { conferenceId })
          .then((ack) => {
            const joined = ack as LiveJoinAck;
            if (joined.ok) take(joined.state);
          })
          .catch(() => undefined);
        return false;
      } finally {
        pendingRef.current = false;
        setPending(false);
      }
    },
    [conferenceId, connection, say, take],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);
  return { state, role, presence, connection, offsetMs, pending, notice, send, dismissNotice };
}
