import type { NextFunction, Request, Response } from "express";
import { isAllowedOrigin } from "./origin";
import { noteCrossOriginRequest } from "./refusals";

export const MAX_BODY_BYTES = 256 * 1024;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bad input at the door, before Remix reads a body: oversize (413), missing length (411),
 * non-form content types (415) and cross-origin posts (403, and recorded in the audit trail:
 * someone's page tried to act with a Circle session) each get a clear answer. A path that is not
 * valid percent-encoding (any method) gets 400: Express's route-param decoding would otherwise
 * throw a URIError that surfaces as a 500.
 */
export function guardUnsafeRequests(req: Request, res: Response, next: NextFunction) {
  if (!isDecodable(req.path)) return res.status(400).type("text/plain").send("That address is not valid.");
  if (!UNSAFE.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin !== undefined && !isAllowedOrigin(req, origin)) {
    noteCrossOriginRequest(req);
    return res.status(403).type("text/plain").send("Cross-origin requests are not accepted.");
  }
  const length = req.headers["content-length"];
  if (length === undefined) return res.status(411).type("text/plain").send("A Content-Length header is required.");
  if (Number(length) > MAX_BODY_BYTES) return res.status(413).type("text/plain").send("That request is too large.");
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  if (Number(length) > 0 && !FORM_TYPES.includes(type)) {
    return res.status(415).type("text/plain").send("Send forms as application/x-www-form-urlencoded or multipart/form-data.");
  }
  next();
}
