import { randomBytes } from "node:crypto";
import { readCookie, serializeCookie } from "./cookies.server";
import { sessionCookieOptions } from "./session.server";

const DEVICE_COOKIE = "circle_device";

/** A per-browser id for the sign-in failure limit (tablets in one room share an IP). */
export function getDeviceId(request: Request): { deviceId: string; setCookie: string | null } {
  const existing = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return { deviceId: existing, setCookie: null };
  const deviceId = randomBytes(16).toString("base64url");
  const setCookie = serializeCookie(DEVICE_COOKIE, deviceId, { ...sessionCookieOptions(), maxAgeSeconds: 400 * 24 * 3600 });
  return { deviceId, setCookie };
}
