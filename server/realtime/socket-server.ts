import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { getCaseResource } from "~/models/case-access.server";
import { countUnread, type NotificationSink } from "~/models/notifications.server";
import { type AgreementChangedPayload, ClientEventSchemas, type Ack, type ClientEventName, type ClientToServerEvents, type ServerToClientEvents } from "~/realtime/protocol";
import { auditRequest } from "~/utils/audit.server";
import { can, isLetterAuthor } from "~/utils/permissions";
import { Refusal, refusalAck } from "~/utils/refusal";
import { createActivityToucher, getSessionUserFromCookieHeader, type SessionUser } from "~/utils/session.server";
import { ConnectionRegistry, type TrackedConnection } from "../connections";
import { log, stackOf } from "../log";
import { createLiveHandlers, type LiveHooks, type LiveSocketData } from "./live";
import { isAllowedOrigin, originOf } from "../origin";
import { noteCrossOriginRequest, noteRefusedSocket } from "../refusals";

type SocketData = LiveSocketData;
type CircleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Handler = (socket: CircleSocket, payload: never) => Promise<Ack>;

type Handlers = { [K in ClientEventName]: Handler };

const caseHandlers = {
  "case:subscribe": async (socket, { caseId }: { caseId: string }) => {
    const { user } = socket.data;
    const resource = await getCaseResource(user, caseId);
    if (!resource || !can(user, "case:subscribe", resource)) {
      return { ok: false, error: "not_found", message: "Case not found" };
    }
    await socket.join(`case:${caseId}`);
    socket.data.cases.add(caseId);
    await auditRequest(socket.data, { actor: user, action: "case.live.subscribe", target: `case:${caseId}`, caseId });
    return { ok: true };
  },
  "case:unsubscribe": async (socket, { caseId }: { caseId: string }) => {
    await socket.leave(`case:${caseId}`);
    socket.data.cases.delete(caseId);
    return { ok: true };
  },
} satisfies Partial<Handlers>;

/** Socket.IO on the shared http.Server: session auth on connect, zod on every payload, can() per event. */
export function attachSocketServer(httpServer: HttpServer, hooks: LiveHooks = {}) {
  const registry = new ConnectionRegistry<TrackedConnection & { socket: CircleSocket }>();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    path: "/socket.io",
    destroyUpgrade: false, // the collab endpoint shares this server's upgrades
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req);
      if (!allowed) noteCrossOriginRequest(req);
      callback(null, allowed);
    },
  });

  io.use(async (socket, next) => {
    try {
      const user = await getSessionUserFromCookieHeader(socket.request.headers.cookie);
      // Letter authors need no Socket.IO (their letter syncs over collab): refused like a stranger.
      if (user && isLetterAuthor(user)) noteRefusedSocket(originOf(socket.request), user, "socket:connect", null, "A letter author has no live connection");
      if (!user || isLetterAuthor(user)) return next(new Error("unauthorized"));
      socket.data = { user, ...originOf(socket.request), cases: new Set(), conferences: new Map() };
      next();
    } catch (error) {
      log.error({ err: String(error) }, "socket auth failed");
      next(new Error("unavailable"));
    }
  });

  // Agreement changes reach the case room (joined with "case:subscribe", so already authorized).
  const notifyAgreementChanged = (payload: AgreementChangedPayload) => io.to(`case:${payload.caseId}`).emit("agreement:changed", payload);

  const live = createLiveHandlers(io, hooks);
  const handlers: Handlers = { ...caseHandlers, ...live } as Handlers;

  io.on("connection", (socket) => {
    const conn = {
      userId: socket.data.user.id,
      sessionId: socket.data.user.sessionId,
      socket,
      caseIds: () => [...new Set([...socket.data.cases, ...[...socket.data.conferences.values()].map((c) => c.caseId)])],
      // Memberships changed: the live rooms re-check their cached access; case rooms must still be allowed.
      recheck: async (current: SessionUser) => {
        socket.data.user = current;
        const liveKept = await live.recheck(socket, current);
        let casesKept = true;
        for (const caseId of socket.data.cases) {
          const resource = await getCaseResource(current, caseId);
          if (!resource || !can(current, "case:subscribe", resource)) casesKept = false;
        }
        if (!liveKept || !casesKept) conn.close("You no longer have access to this case");
      },
      close: (reason: string) => {
        socket.emit("session:ended", { reason });
        socket.disconnect(true);
      },
    };
    registry.add(conn);
    // The person's own room: their notifications reach every tablet they have open (a staff
    // member only: letter authors never get this far). Joined here, not by an event, so nobody can
    // ask for another person's room; the count catches up a tablet that was off or asleep.
    void socket.join(`user:${socket.data.user.id}`);
    countUnread(socket.data.user).then(
      (unread) => socket.emit("notification:unread", { unread }),
      (err: unknown) => log.error({ err: stackOf(err) }, "unread notification count failed"),
    );
    socket.on("disconnect", () => {
      registry.remove(conn);
      live.disconnected(socket);
    });
    // socket.io-parser also accepts numeric event names, so `event` is not always a string.
    const touch = createActivityToucher(socket.data.user.sessionId);
    // Socket.IO does not await listeners: a rejection here would be unhandled (fatal, server/index.ts).
    socket.onAny(async (event: unknown, ...args: unknown[]) => {
      try {
        touch();
        const ack = typeof args.at(-1) === "function" ? (args.pop() as (r: Ack) => void) : undefined;
        const answer = await dispatch(handlers, socket, event, args[0]);
        ack?.(answer);
        // A case or conference the person may not follow (or that does not exist): recorded like a page's 404.
        if (!answer.ok && answer.error === "not_found") noteRefusedEvent(socket, event as ClientEventName, args[0]);
      } catch (error) {
        log.error({ err: stackOf(error) }, "socket event failed");
      }
    });
  });

  const conferencesChanged = (caseId: string) => {
    live.bookingsChanged(caseId).catch((err) => log.error({ err: String(err), caseId }, "live state push after a booking change failed"));
  };

  const notifications: NotificationSink = {
    created: (userId, payload) => io.to(`user:${userId}`).emit("notification:new", payload),
    unread: (userId, unread) => io.to(`user:${userId}`).emit("notification:unread", { unread }),
  };

  return { io, registry, notifyAgreementChanged, conferencesChanged, notifications };
}

/** The event and the case or conference it named, for the audit trail (payloads are not trusted here). */
function noteRefusedEvent(socket: CircleSocket, event: ClientEventName, payload: unknown) {
  const fields = (payload ?? {}) as { caseId?: unknown; conferenceId?: unknown };
  const ref =
    typeof fields.caseId === "string"
      ? ({ kind: "case", id: fields.caseId } as const)
      : typeof fields.conferenceId === "string"
        ? ({ kind: "conference", id: fields.conferenceId } as const)
        : null;
  noteRefusedSocket(socket.data, socket.data.user, `socket:${event}${ref ? `:${ref.id}` : ""}`, ref, "Not theirs to follow, or no such case or conference");
}

async function dispatch(handlers: Handlers, socket: CircleSocket, event: unknown, payload: unknown): Promise<Ack> {
  if (typeof event !== "string" || !Object.hasOwn(ClientEventSchemas, event)) {
    return { ok: false, error: "invalid", message: `Unknown event "${String(event).slice(0, 40)}"` };
  }
  const name = event as ClientEventName;
  const parsed = ClientEventSchemas[name].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: "invalid", message: parsed.error.issues[0]?.message ?? "Invalid payload" };
  }
  try {
    return await handlers[name](socket, parsed.data as never);
  } catch (error) {
    // A rule that said no (a model's Refusal) answers with its message, like a form's refusal.
    if (error instanceof Refusal) return refusalAck(error);
    log.error({ event: name, err: stackOf(error) }, "socket handler failed");
    return { ok: false, error: "invalid", message: "The server could not handle that request" };
  }
}
