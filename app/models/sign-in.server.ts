import { db } from "~/utils/db.server";
import { burnPasswordCheck, verifyPassword } from "~/utils/password.server";
import { createFailureLimiter } from "~/utils/rate-limit.server";

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;

// Tablets in one meeting room share an IP, so the client limit keys on a per-browser device
// cookie; the IP limit is a high ceiling for clients that drop cookies.
const deviceLimiter = createFailureLimiter({ max: 10, windowMs: 15 * 60 * 1000 });
const ipLimiter = createFailureLimiter({ max: 100, windowMs: 15 * 60 * 1000 });

export type SignInResult =
  | { ok: true; userId: string; role: string }
  | { ok: false; reason: "invalid" | "account-locked" | "client-locked" | "disabled"; userId?: string; message: string };

type Client = { deviceId: string; ip: string | null };

const INVALID = "That email and password do not match an account.";

/**
 * Counts the attempt as a failure before anything is awaited: checking the limit and recording
 * the failure after the (slow) password check let concurrent guesses all pass the check.
 * Returns null when the client is already blocked.
 */
function startAttempt(client: Client) {
  if (deviceLimiter.isBlocked(client.deviceId) || (client.ip && ipLimiter.isBlocked(client.ip))) return null;
  deviceLimiter.fail(client.deviceId);
  if (client.ip) ipLimiter.fail(client.ip);
  return {
    /** Not a wrong password after all (locked or disabled account): take the failure back. */
    forgive() {
      deviceLimiter.forgive(client.deviceId);
      if (client.ip) ipLimiter.forgive(client.ip);
    },
    succeeded() {
      deviceLimiter.reset(client.deviceId);
      if (client.ip) ipLimiter.forgive(client.ip);
    },
  };
}

export async function signIn(email: string, password: string, client: Client): Promise<SignInResult> {
  const attempt = startAttempt(client);
  if (!attempt) {
    return { ok: false, reason: "client-locked", message: "Too many failed sign-in attempts from this device. Wait 15 minutes and try again." };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, disabled: true, lockedUntil: true, password: { select: { hash: true } } },
  });
  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    attempt.forgive();
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60000);
    return { ok: false, reason: "account-locked", userId: user.id, message: `This account is locked after repeated failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask your service manager to reset it.` };
  }
  const valid = user?.password ? await verifyPassword(password, user.password.hash) : (await burnPasswordCheck(password), false);
  if (!user || !valid) {
    if (user) return recordAccountFailure(user.id);
    return { ok: false, reason: "invalid", message: INVALID };
  }
  if (user.disabled) {
    attempt.forgive();
    return { ok: false, reason: "disabled", userId: user.id, message: "This account has been disabled. Ask your service manager." };
  }
  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null }, select: { id: true } });
  attempt.succeeded();
  return { ok: true, userId: user.id, role: user.role };
}

// An atomic increment: read-then-write lost concurrent failures, so parallel guesses never locked the account.
async function recordAccountFailure(userId: string): Promise<SignInResult> {
  const { failedSignIns } = await db.user.update({
    where: { id: userId },
    data: { failedSignIns: { increment: 1 } },
    select: { failedSignIns: true },
  });
  if (failedSignIns < ACCOUNT_MAX_FAILURES) return { ok: false, reason: "invalid", userId, message: INVALID };
  await db.user.update({
    where: { id: userId },
    data: { failedSignIns: 0, lockedUntil: new Date(Date.now() + ACCOUNT_LOCK_MS) },
    select: { id: true },
  });
  return { ok: false, reason: "account-locked", userId, message: "This account is now locked for 15 minutes after repeated failed attempts. Ask your service manager if you need it sooner." };
}
