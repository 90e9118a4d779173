import type { Server, Socket } from "socket.io";
import { getConferenceAccess, getLiveState, liveRoleOf, runLiveCommand, type ConferenceAccess } from "~/models/live.server";
import { getLiveStore } from "~/models/live-store.server";
import type { LiveCommand, LiveRole, LiveState } from "~/realtime/live-machine";
import type { Ack, ClientToServerEvents, LiveJoinAck, LivePresence, ServerToClientEvents } from "~/realtime/protocol";
import { auditRequest, type RequestOrigin } from "~/utils/audit.server";
import { touchIntervalMs, touchSession, type SessionUser } from "~/utils/session.server";
import { log } from "../log";

/** A connection's signed-in person, where it connects from (its audit entries' address), and what it follows. */
export type LiveSocketData = RequestOrigin & {
  user: SessionUser;
  cases: Set<string>;
  /**
   * Live conferences this socket follows, with the access checked when it joined (so removal
   * from the case closes it, and a changed role is re-checked: see recheck()).
   */
  conferences: Map<string, { caseId: string; role: LiveRole; access: ConferenceAccess }>;
  /** Renews the session while this socket follows a running conference (see keepAlive below). */
  keepAlive?: NodeJS.Timeout;
};
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;
type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;

export const liveRoom = (conferenceId: string) => `live:${conferenceId}`;

export type LiveHooks = {
  /** Called after a command moved the conference to another step (e.g. to add a heading to the notes). */
  stepChanged?: (event: { conferenceId: string; caseId: string; state: LiveState; actorName: string }) => void;
  /**
   * Called after a command that sets the seating lock ("lock-seating", "start"), so open seating
   * documents can be re-authorized at the new level. Re-authorizing is idempotent.
   */
  seatingLockChanged?: (event: { conferenceId: string; caseId: string; locked: boolean }) => void;
};

/**
 * Live conference over Socket.IO: validate (zod, in the dispatcher), check can(), apply
 * on the server, store, then broadcast. Commands for one conference run one at a time in this
 * process; the version compare-and-set in runLiveCommand guards across processes.
 */
export function createLiveHandlers(io: LiveServer, hooks: LiveHooks = {}) {
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(conferenceId: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(conferenceId) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    queues.set(conferenceId, settled);
    void settled.then(() => {
      if (queues.get(conferenceId) === settled) queues.delete(conferenceId);
    });
    return run;
  };

  async function broadcastPresence(conferenceId: string) {
    const sockets = await io.in(liveRoom(conferenceId)).fetchSockets();
    const people = new Map<string, LivePresence["people"][number]>();
    for (const s of sockets) {
      const entry = s.data.conferences?.get(conferenceId);
      if (!entry) continue;
      const seen = people.get(s.data.user.id);
      if (seen) seen.devices += 1;
      else people.set(s.data.user.id, { userId: s.data.user.id, name: s.data.user.name, role: entry.role, devices: 1 });
    }
    io.to(liveRoom(conferenceId)).emit("live:presence", { conferenceId, people: [...people.values()] });
  }

  const notFound = { ok: false, error: "not_found", message: "Conference not found" } as const;

  /**
   * Conferences running (started, not ended; a break or pause counts) as this process last stored
   * or read them: every command goes through here, and a join reads the state afresh.
   */
  const running = new Set<string>();
  const noteStatus = (conferenceId: string, state: LiveState) => {
    if (state.status === "LIVE" || state.status === "PAUSED") running.add(conferenceId);
    else running.delete(conferenceId);
  };

  /**
   * A chair can go half an hour without a tap while people speak, and an idle sign-out then left
   * the controls dead mid-conference. So while a socket follows a running conference, its session
   * is renewed like any activity would (within the 12-hour limit, which nothing extends). A tablet
   * that leaves, disconnects or sees the conference end times out as usual.
   */
  function keepAlive(socket: LiveSocket) {
    if (socket.data.keepAlive) return;
    socket.data.keepAlive = setInterval(() => {
      if (![...socket.data.conferences.keys()].some((id) => running.has(id))) return;
      touchSession(socket.data.user.sessionId).catch((err) => log.warn({ err: String(err) }, "live keep-alive failed"));
    }, touchIntervalMs());
    socket.data.keepAlive.unref();
  }
  const stopKeepAlive = (socket: LiveSocket) => {
    clearInterval(socket.data.keepAlive);
    socket.data.keepAlive = undefined;
  };

  return {
    "live:join": async (socket: LiveSocket, { conferenceId }: { conferenceId: string }): Promise<LiveJoinAck> => {
      const { user } = socket.data;
      const access = await getConferenceAccess(user, conferenceId);
      const role = access ? liveRoleOf(user, access.resource) : null;
      if (!access || !role) return notFound;
      socket.data.conferences.set(conferenceId, { caseId: access.caseId, role, access });
      await socket.join(liveRoom(conferenceId));
      await auditRequest(socket.data, { actor: user, action: "conference.live.join", target: `conference:${conferenceId}`, caseId: access.caseId, details: { role } });
      const state = await getLiveState(conferenceId);
      noteStatus(conferenceId, state);
      keepAlive(socket);
      void broadcastPresence(conferenceId).catch((err) => log.warn({ err: String(err) }, "presence broadcast failed"));
      return { ok: true, conferenceId, state, role, serverNow: new Date().toISOString() };
    },

    "live:leave": async (socket: LiveSocket, { conferenceId }: { conferenceId: string }): Promise<Ack> => {
      if (socket.data.conferences.delete(conferenceId)) {
        if (socket.data.conferences.size === 0) stopKeepAlive(socket);
        await socket.leave(liveRoom(conferenceId));
        void broadcastPresence(conferenceId).catch(() => undefined);
      }
      return { ok: true };
    },

    "live:command": async (socket: LiveSocket, { conferenceId, command }: { conferenceId: string; command: LiveCommand }): Promise<Ack> => {
      const { user } = socket.data;
      // The access checked at join (kept current by recheck() when memberships change); can() runs on it per command.
      const access = socket.data.conferences.get(conferenceId)?.access ?? (await getConferenceAccess(user, conferenceId));
      if (!access) return notFound;
      const result = await serial(conferenceId, () => runLiveCommand(user, access, command, socket.data));
      if (!result.ok) {
        // A stale or refused command answers with the current state, so the tablet catches up at once.
        const current = await getLiveState(conferenceId);
        noteStatus(conferenceId, current);
        return { ...result, state: current };
      }
      noteStatus(conferenceId, result.state);
      const serverNow = new Date().toISOString();
      io.to(liveRoom(conferenceId)).emit("live:state", { conferenceId, state: result.state, serverNow });
      if (result.stepChanged) hooks.stepChanged?.({ conferenceId, caseId: access.caseId, state: result.state, actorName: user.name });
      if (command.type === "lock-seating" || command.type === "start") {
        hooks.seatingLockChanged?.({ conferenceId, caseId: access.caseId, locked: result.state.seatingLocked });
      }
      return { ok: true };
    },

    /**
     * Memberships changed: re-check every conference this socket follows. Access gone → it
     * leaves the room; a changed role takes effect for the next command. Returns false when the
     * socket lost a conference (the caller closes it so the tablet reloads its view).
     */
    async recheck(socket: LiveSocket, user: SessionUser): Promise<boolean> {
      let kept = true;
      for (const [conferenceId, entry] of socket.data.conferences) {
        const access = await getConferenceAccess(user, conferenceId);
        const role = access ? liveRoleOf(user, access.resource) : null;
        if (!access || !role) {
          socket.data.conferences.delete(conferenceId);
          await socket.leave(liveRoom(conferenceId));
          kept = false;
        } else socket.data.conferences.set(conferenceId, { ...entry, role, access });
      }
      if (socket.data.conferences.size === 0) stopKeepAlive(socket);
      return kept;
    },

    /**
     * A case's bookings changed outside a live command (a withdrawal or another gate break put a
     * conference on hold, or it was re-booked): every live screen of its conferences that is
     * open now gets the stored state at once, through the same live:state event as a command.
     * Conferences nobody has open are skipped; a screen opened later reads the state when it joins.
     */
    async bookingsChanged(caseId: string): Promise<void> {
      for (const conferenceId of getLiveStore().conferenceIds(caseId)) {
        if (!io.sockets.adapter.rooms.get(liveRoom(conferenceId))?.size) continue;
        const state = await getLiveState(conferenceId);
        io.to(liveRoom(conferenceId)).emit("live:state", { conferenceId, state, serverNow: new Date().toISOString() });
      }
    },

    /** When a socket goes: tell the others who is still here. */
    disconnected(socket: LiveSocket) {
      stopKeepAlive(socket);
      for (const conferenceId of socket.data.conferences?.keys() ?? []) {
        void broadcastPresence(conferenceId).catch(() => undefined);
      }
    },
  };
}
