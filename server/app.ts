import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { caseMemberIds } from "~/models/seating.server";
import { closeLiveStores, getLiveStore } from "~/models/live-store.server";
import { insertStepHeading } from "~/realtime/live-headings";
import { startCheckpointer } from "./checkpointer";
import { configureDatabase, disconnectAll, getDb } from "~/utils/db.server";
import { databaseFilePath, getEnv } from "~/utils/env.server";
import { getCollabAccess } from "~/models/collab-access.server";
import { setNotificationSink } from "~/models/notifications.server";
import { syncStandardTemplate } from "~/models/standard-script.server";
import { ensureStandardProgrammes } from "~/models/standard-programme.server";
import { auditRequest } from "~/utils/audit.server";
import { isLetterAuthor } from "~/utils/permissions";
import { createActivityToucher, getSessionUserById, getSessionUserFromCookieHeader } from "~/utils/session.server";
import type { CircleLoadContext } from "~/utils/load-context";
import { createCollabServer, type CollabServices } from "./collab";
import { createCollabUpgrade } from "./collab/upgrade";
import { guardUnsafeRequests } from "./http-guards";
import { log, stackOf } from "./log";
import { logRequests, requestIds } from "./request-log";
import { clientIp } from "./origin";
import { createRealtimeControl } from "./realtime-control";
import { startNotificationJob, type NotificationJob } from "./notification-job";
import { startRetentionJob, type RetentionJob } from "./retention-job";
import { noteRefusedRequest, noteRefusedUpgrade } from "./refusals";
import type { LiveHooks } from "./realtime/live";
import { attachSocketServer } from "./realtime/socket-server";

export type CircleServer = {
  httpServer: HttpServer;
  listen(port?: number, host?: string): Promise<number>;
  /** Close everything; `compact: false` leaves documents' logs as they are (after an unexpected error). */
  close(opts?: { compact?: boolean }): Promise<void>;
  realtime: ReturnType<typeof createRealtimeControl>["control"];
  /** The retention job, started by `listen` (tests run a sweep at a moved clock with `runNow`). */
  retention: Pick<RetentionJob, "runNow">;
  /** The notification job, started by `listen` (tests run it at a moved clock with `runNow`). */
  notifications: Pick<NotificationJob, "runNow">;
};

export type CircleServerOptions = {
  build?: () => Promise<ServerBuild>;
  /** The retention job's clock and interval (defaults: the real clock, RETENTION_CHECK_MINUTES). */
  retention?: { now?: () => Date; intervalMs?: number };
  /** The notification job's clock and interval (defaults: the real clock, NOTIFICATION_CHECK_MINUTES). */
  notifications?: { now?: () => Date; intervalMs?: number };
};

const ROOT = process.cwd();
export const BUILD_PATH = path.join(ROOT, "build", "index.js");

export async function loadBuild(cacheBust = ""): Promise<ServerBuild> {
  return (await import(pathToFileURL(BUILD_PATH).href + cacheBust)) as ServerBuild;
}

/**
 * What the collab server and its upgrade ask of the rest of Circle: access through can(), the
 * audit trail (refused upgrades included), who sees anonymous presence, and the session table (an
 * upgrade counts as activity, a background look-up never does, a write does, throttled).
 */
export const collabServices: CollabServices = {
  getAccess: getCollabAccess,
  getUpgradeUser: (cookieHeader) => getSessionUserFromCookieHeader(cookieHeader),
  noteRefusedUpgrade,
  anonymousPresence: isLetterAuthor,
  getSessionUser: (sessionId) => getSessionUserById(sessionId, { touch: false }),
  sessionToucher: createActivityToucher,
  audit: auditRequest,
};

/** One http.Server: Express (Remix + static + /healthz), Socket.IO and the collab upgrade (docs/architecture.md §3). */
export async function createCircleServer(options: CircleServerOptions = {}): Promise<CircleServer> {
  const env = getEnv();
  const pragmas = await configureDatabase();
  log.info({ ...pragmas }, "database ready");
  // The standard script is a row: make it this release's words before anyone prepares a script.
  if (await syncStandardTemplate()) log.info({}, "standard script template updated");
  // A service set up before programmes existed receives the standard one (its manager adapts it).
  const programmes = await ensureStandardProgrammes();
  if (programmes > 0) log.info({ services: programmes }, "standard programme added");
  const checkpointer = startCheckpointer(databaseFilePath(env.DATABASE_URL));
  const getBuild = options.build ?? (() => loadBuild());

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "1") app.set("trust proxy", 1);
  app.use(requestIds(env.TRUST_PROXY === "1"));
  app.use(logRequests);
  // A fresh nonce for every response: the only inline scripts allowed are the ones the server
  // wrote into this page (Remix's context and module loader, passed the nonce through the load
  // context and app/entry.server.tsx), so an injected <script> or on…= handler never runs.
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`],
          // 'unsafe-inline' stays for styles only: React's style attributes and the editor's
          // injected stylesheet need it, and a style cannot run code. (Helmet's default also
          // allowed any https: stylesheet; Circle loads none.)
          "style-src": ["'self'", "'unsafe-inline'"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "img-src": ["'self'", "data:", "blob:"],
          "upgrade-insecure-requests": env.TRUST_PROXY === "1" ? [] : null,
        },
      },
      strictTransportSecurity: env.TRUST_PROXY === "1",
      // no-referrer makes Chromium send "Origin: null" on native form posts, which the origin guard refuses.
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  // Pages, data and the JavaScript bundles go out compressed (gzip, or brotli when the browser
  // offers it): the case page's scripts are 0.87 MB raw and about a third of that compressed, which
  // is most of a tablet's first load on a slow connection. Only responses whose type compresses are
  // touched (PDFs are not), and headers set elsewhere (no-store, CSP) pass through unchanged.
  // The real-time channels never reach Express (Socket.IO and the collab upgrade are handled on the
  // http.Server), and the filter says so as well, so a WebSocket upgrade is never wrapped.
  app.use(
    compression({
      filter: (req, res) => !req.headers.upgrade && !req.path.startsWith("/socket.io/") && !req.path.startsWith("/collab/") && compression.filter(req, res),
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      await getDb().$queryRawUnsafe("SELECT 1");
      res.json({ status: "ok", db: "ok" });
    } catch {
      res.status(503).json({ status: "error", db: "unavailable" });
    }
  });

  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
  app.use(guardUnsafeRequests);

  const httpServer = createServer(app);
  const liveHooks: LiveHooks = {
    // The lead moved to a new step: its heading goes into the case notes, on the server, so the
    // notes are anchored to the questions even while no scribe tablet is connected. It waits for
    // the end of this turn of the event loop, so that step changes arriving together are all
    // broadcast first, and reads the title with the live store's prepared statement (no Prisma
    // round trip per step change).
    stepChanged: ({ conferenceId, caseId, state }) => {
      const stepId = state.currentStepId;
      if (!stepId) return;
      setImmediate(() => {
        try {
          const title = getLiveStore().stepTitle(stepId);
          if (title) collab.changeDocument(`case:${caseId}:notes`, (doc) => insertStepHeading(doc, { conferenceId, version: state.version, stepId, title }, Date.now()));
        } catch (err) {
          log.error({ err: stackOf(err), conferenceId }, "step heading not added to the notes");
        }
      });
    },
    // The seating plan locked or unlocked: every open connection of the case team is re-authorized,
    // so seating documents reconnect read-only (or writable again).
    seatingLockChanged: ({ caseId }) => {
      caseMemberIds(caseId)
        .then((ids) => ids.forEach((id) => realtime.control.membershipChanged(id)))
        .catch((err) => log.error({ err: stackOf(err) }, "seating lock recheck failed"));
    },
  };
  const sockets = attachSocketServer(httpServer, liveHooks);
  // notify() (app/models/notifications.server.ts) reaches people's sockets only through this.
  setNotificationSink(sockets.notifications);
  const collab = createCollabServer(collabServices);
  const upgrade = createCollabUpgrade(collabServices, collab.onConnection, collab.admit);
  const realtime = createRealtimeControl([sockets.registry, collab.registry], sockets);

  httpServer.on("upgrade", (req, socket, head) => {
    if (upgrade.matches(req)) upgrade.handle(req, socket, head);
    else if (!(req.url ?? "").startsWith("/socket.io/")) socket.destroy();
  });

  // Every page and data answer may hold case data: no browser or proxy keeps a copy (on a shared
  // tablet, the back button after signing out must not show a case). Static assets above keep theirs.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build: getBuild,
      mode: env.NODE_ENV,
      getLoadContext: (req, res): CircleLoadContext => {
        let user: ReturnType<CircleLoadContext["sessionUser"]> | undefined;
        // Every route answers 404 for what a person may not see (deny by default), so the answer
        // itself is where a signed-in person's refusal is recorded: once it has gone, whichever
        // route or access check refused. "close", not "finish": a compressed answer is flushed in
        // pieces, and a client that hangs up once it has the status (a scanner, a cancelled fetch)
        // never lets it finish; the refusal happened all the same.
        res.once("close", () => {
          if (res.statusCode === 404 && user)
            void user.then(
              (who) => noteRefusedRequest(req, res.statusCode, who),
              () => undefined,
            );
        });
        return {
          clientIp: clientIp(req),
          cspNonce: res.locals.cspNonce as string,
          realtime: realtime.control,
          collab: { readDocument: collab.readDocument, recheckDocument: collab.recheckDocument, destroyDocument: collab.destroyDocument },
          retention: { recheck: () => void retention?.runNow() },
          sessionUser: () => (user ??= getSessionUserFromCookieHeader(req.headers.cookie, { pages: true })),
        };
      },
    }),
  );
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // Express and body parsers mark client errors with a 4xx status; anything else is ours.
    const status = typeof (err as { status?: unknown })?.status === "number" ? (err as { status: number }).status : 500;
    if (status >= 500) log.error({ reqId: res.locals.requestId as string, err: stackOf(err) }, "request failed");
    if (res.headersSent) return;
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .type("text/plain")
      .send(status < 500 ? "That request is not valid." : "Something went wrong on our side.");
  });

  let closing: Promise<void> | undefined;
  let retention: RetentionJob | undefined;
  let notificationJob: NotificationJob | undefined;
  const connections = new Set<import("node:net").Socket>();
  httpServer.on("connection", (s) => {
    connections.add(s);
    s.on("close", () => connections.delete(s));
  });

  return {
    httpServer,
    realtime: realtime.control,
    retention: { runNow: () => retention?.runNow() ?? Promise.resolve(null) },
    notifications: { runNow: () => notificationJob?.runNow() ?? Promise.resolve(null) },
    listen(port = env.PORT, host = env.HOST) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          // Started here, not above: server/index.ts seeds the demo between creating and listening.
          retention ??= startRetentionJob({ intervalMs: options.retention?.intervalMs ?? env.RETENTION_CHECK_MINUTES * 60_000, now: options.retention?.now });
          notificationJob ??= startNotificationJob({
            intervalMs: options.notifications?.intervalMs ?? env.NOTIFICATION_CHECK_MINUTES * 60_000,
            now: options.notifications?.now,
          });
          const address = httpServer.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    close(opts = {}) {
      closing ??= (async () => {
        realtime.stop();
        await retention?.stop();
        await notificationJob?.stop();
        setNotificationSink(undefined);
        await collab.close(opts);
        upgrade.close();
        const closed = new Promise<void>((resolve) => (httpServer.listening ? httpServer.close(() => resolve()) : resolve()));
        httpServer.closeIdleConnections();
        setTimeout(() => connections.forEach((s) => s.destroy()), 2000).unref();
        await new Promise<void>((resolve) => sockets.io.close(() => resolve()));
        await closed;
        closeLiveStores();
        await checkpointer.stop();
        await disconnectAll();
      })();
      return closing;
    },
  };
}
