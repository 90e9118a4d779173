import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { log } from "./log";

/** What an id from a proxy may look like: a UUID, or a load balancer's token; never free text. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Every answer carries an `X-Request-Id`, and its log line names the same id, so a person's report
 * ("it said something went wrong at 10:42", with the id from the browser's network panel) leads to
 * the server's line. Behind a trusted proxy (TRUST_PROXY=1) the proxy's id is kept, so its logs and
 * ours join up; otherwise a client could write whatever it liked into our logs, so the id is ours.
 */
export function requestIds(trustProxy: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const forwarded = trustProxy ? req.get("x-request-id") : undefined;
    const id = forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    next();
  };
}

/**
 * One line per answered request: id, method, path, status and time taken. The query string is left
 * out: search and filter boxes put people's names there. Static assets and the health check are not
 * logged (many per page, or one every few seconds, and never about a person). At LOG_LEVEL=debug
 * the request's headers are logged too (to diagnose a proxy or an origin refusal), with the session
 * cookie and any authorization header redacted by server/log.ts.
 */
export function logRequests(req: Request, res: Response, next: NextFunction) {
  const path = req.path;
  if (path.startsWith("/build/") || path === "/healthz") return next();
  const started = process.hrtime.bigint();
  log.debug({ reqId: res.locals.requestId as string, headers: req.headers }, "request headers");
  // "close" also comes when the client hangs up before the answer was sent in full (then `aborted`).
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const aborted = res.writableFinished ? undefined : true;
    log.info({ reqId: res.locals.requestId as string, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, aborted }, "request");
  });
  next();
}
