import { randomBytes } from "node:crypto";
import { readCookie, serializeCookie } from "./cookies.server";
import { sessionCookieOptions } from "./session.server";

const DEVICE_COOKIE = "circle_device";
const DEVICE_COOKIE_DAYS = 400;

/** The cookie naming this browser, for 400 days from now. */
export function deviceCookie(deviceId: string): string {
  return serializeCookie(DEVICE_COOKIE, deviceId, { ...sessionCookieOptions(), maxAgeSeconds: DEVICE_COOKIE_DAYS * 24 * 3600 });
}

/**
 * A per-browser id. A browser that has signed in to an account is remembered by it, and gets its
 * own sign-in budget for that account (app/utils/sign-in-throttle.server.ts), so guesses made
 * elsewhere never keep the owner out of their own tablet. Random and httpOnly: it cannot be guessed
 * or read by script, only taken with the browser itself.
 */
export function getDeviceId(request: Request): { deviceId: string; setCookie: string | null } {
  const existing = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return { deviceId: existing, setCookie: null };
  const deviceId = randomBytes(16).toString("base64url");
  return { deviceId, setCookie: deviceCookie(deviceId) };
}
