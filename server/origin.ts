import type { IncomingMessage } from "node:http";
import type { RequestOrigin } from "~/utils/audit.server";
import { getEnv } from "~/utils/env.server";

/**
 * Same-origin check for state-changing requests and WebSocket upgrades. SameSite=Lax
 * cookies already stop most cross-site use; browsers always send Origin on upgrades,
 * and cross-site WebSocket hijacking is exactly what this refuses.
 */
export function isAllowedOrigin(req: IncomingMessage, origin = req.headers.origin): boolean {
  if (!origin) return false;
  const env = getEnv();
  const extra = env.ALLOWED_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (extra.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const forwardedProto = env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0] : "";
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = forwardedProto || (encrypted ? "https" : "http");
  return origin === `${proto}://${host}`;
}

/** Where a request came from, for the audit trail: read once where the request arrives, then carried with it. */
export const originOf = (req: IncomingMessage): RequestOrigin => ({ clientIp: clientIp(req) });

export function clientIp(req: IncomingMessage): string | null {
  const forwardedFor = req.headers["x-forwarded-for"];
  return addressBehindProxies(Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, req.socket.remoteAddress ?? null, getEnv().TRUST_PROXY === "1" ? 1 : 0);
}

/**
 * The client's address when `hops` proxies of ours stand in front. Each proxy appends the address
 * it received from to X-Forwarded-For, and the client can write anything before that: so the
 * address is counted from the right (the socket's peer, then the entries our proxies added), never
 * the first entry, which would let a client choose the address the audit trail and the per-address
 * limits see.
 */
export function addressBehindProxies(forwardedFor: string | undefined, socketAddress: string | null, hops: number): string | null {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    ...(socketAddress ? [socketAddress] : []),
  ];
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socketAddress;
}
