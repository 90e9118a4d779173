import type { IncomingMessage } from "node:http";
import { getEnv } from "~/utils/env.server";

/**
 * Same-origin check for state-changing requests and WebSocket upgrades. SameSite=Lax
 * cookies already stop most cross-site use; browsers always send Origin on upgrades,
 * and cross-site WebSocket hijacking is exactly what this refuses.
 */
export function isAllowedOrigin(req: IncomingMessage, origin = req.headers.origin): boolean {
  if (!origin) return false;
  const env = getEnv();
  const extra = env.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  if (extra.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const forwardedProto = env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0] : "";
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = forwardedProto || (encrypted ? "https" : "http");
  return origin === `${proto}://${host}`;
}

export function clientIp(req: IncomingMessage): string | null {
  if (getEnv().TRUST_PROXY === "1") {
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? null;
}
