import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "~/utils/db.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/utils/password.server";
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
const INVALID_USERNAME = "That username and password do not match an account.";
const INVALID_INVITE = "That username and invite code do not match, or the code has expired. Ask your facilitator for a new one.";
const CLIENT_LOCKED = "Too many failed sign-in attempts from this device. Wait 15 minutes and try again.";
const LETTER_CLOSED = "Your letter is closed, so this sign-in no longer works. Your facilitator can tell you more.";

/** Staff sign in with their email; letter authors (who have none) with their username. */
const whereLogin = (login: string) => (login.includes("@") ? { email: login } : { username: login });

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

const accountSelect = { id: true, role: true, disabled: true, lockedUntil: true, password: { select: { hash: true } } } as const;

function lockedMessage(lockedUntil: Date) {
  const minutes = Math.ceil((lockedUntil.getTime() - Date.now()) / 60000);
  return `This account is locked after repeated failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask your service manager to reset it.`;
}

/** A letter author's access ends when their letter is closed or destroyed. */
async function authorHasOpenLetter(userId: string) {
  return (await db.letter.count({ where: { authorId: userId, closedAt: null, destroyedAt: null } })) > 0;
}

export async function signIn(login: string, password: string, client: Client): Promise<SignInResult> {
  const attempt = startAttempt(client);
  if (!attempt) return { ok: false, reason: "client-locked", message: CLIENT_LOCKED };
  const invalid = login.includes("@") ? INVALID : INVALID_USERNAME;
  const user = await db.user.findUnique({ where: whereLogin(login), select: accountSelect });
  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    attempt.forgive();
    return { ok: false, reason: "account-locked", userId: user.id, message: lockedMessage(user.lockedUntil) };
  }
  const valid = user?.password ? await verifyPassword(password, user.password.hash) : (await burnPasswordCheck(password), false);
  if (!user || !valid) {
    if (user) return recordAccountFailure(user.id, invalid);
    return { ok: false, reason: "invalid", message: invalid };
  }
  const author = user.role === "LETTER_AUTHOR";
  if (user.disabled || (author && !(await authorHasOpenLetter(user.id)))) {
    attempt.forgive();
    return { ok: false, reason: "disabled", userId: user.id, message: author ? LETTER_CLOSED : "This account has been disabled. Ask your service manager." };
  }
  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null }, select: { id: true } });
  attempt.succeeded();
  return { ok: true, userId: user.id, role: user.role };
}

/** Invite codes are typed from paper: case, spaces and dashes do not matter. */
export const hashInviteCode = (code: string) => createHash("sha256").update(code.toUpperCase().replace(/[^A-Z0-9]/g, "")).digest("hex");

/**
 * A letter author redeems the one-time code their facilitator handed over and chooses a password.
 * Same limits as a sign-in: a wrong code counts against the device, the IP and the account.
 */
export async function redeemInvite(username: string, code: string, newPassword: string, client: Client): Promise<SignInResult> {
  const attempt = startAttempt(client);
  if (!attempt) return { ok: false, reason: "client-locked", message: CLIENT_LOCKED };
  const user = await db.user.findUnique({ where: { username }, select: accountSelect });
  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    attempt.forgive();
    return { ok: false, reason: "account-locked", userId: user.id, message: lockedMessage(user.lockedUntil) };
  }
  const letter =
    user?.role === "LETTER_AUTHOR"
      ? await db.letter.findFirst({
          where: { authorId: user.id, closedAt: null, destroyedAt: null, inviteCodeHash: { not: null }, inviteExpiresAt: { gt: new Date() } },
          select: { id: true, inviteCodeHash: true },
        })
      : null;
  const given = Buffer.from(hashInviteCode(code), "hex");
  const matches = !!letter?.inviteCodeHash && timingSafeEqual(given, Buffer.from(letter.inviteCodeHash, "hex"));
  if (!user || !letter || !matches || user.disabled) {
    if (user) return recordAccountFailure(user.id, INVALID_INVITE);
    return { ok: false, reason: "invalid", message: INVALID_INVITE };
  }
  const hash = await hashPassword(newPassword);
  await db.$transaction([
    db.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash }, select: { userId: true } }),
    // One use only: the code is gone once a password is set.
    db.letter.update({ where: { id: letter.id }, data: { inviteCodeHash: null, inviteExpiresAt: null }, select: { id: true } }),
    db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null }, select: { id: true } }),
  ]);
  attempt.succeeded();
  return { ok: true, userId: user.id, role: user.role };
}

// An atomic increment: read-then-write lost concurrent failures, so parallel guesses never locked the account.
async function recordAccountFailure(userId: string, message: string): Promise<SignInResult> {
  const { failedSignIns } = await db.user.update({
    where: { id: userId },
    data: { failedSignIns: { increment: 1 } },
    select: { failedSignIns: true },
  });
  if (failedSignIns < ACCOUNT_MAX_FAILURES) return { ok: false, reason: "invalid", userId, message };
  await db.user.update({
    where: { id: userId },
    data: { failedSignIns: 0, lockedUntil: new Date(Date.now() + ACCOUNT_LOCK_MS) },
    select: { id: true },
  });
  return { ok: false, reason: "account-locked", userId, message: "This account is now locked for 15 minutes after repeated failed attempts. Ask your service manager if you need it sooner." };
}
