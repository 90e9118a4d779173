import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "~/utils/db.server";
import { ownOpenLetters, ownOpenWorksheets, ownOpenWriters } from "./author-open-work";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/utils/password.server";
import { BUDGETS, signInThrottle, tooManyAttemptsMessage, type Charge } from "~/utils/sign-in-throttle.server";

export type SignInFailure = {
  ok: false;
  reason: "invalid" | "throttled" | "disabled";
  /** For the audit trail only: never shown, and the answers do not differ by it. */
  userId?: string;
  accountExists: boolean;
  message: string;
  /** Set when throttled: whole seconds until the next attempt may be checked. */
  retryAfterSeconds?: number;
};

export type SignInResult = { ok: true; userId: string; role: string } | SignInFailure;

type Client = { deviceId: string; ip: string | null };

const INVALID = "That email and password do not match an account.";
const INVALID_USERNAME = "That username and password do not match an account.";
const INVALID_INVITE = "That username and invite code do not match, or the code has expired. Ask your facilitator for a new one.";
// An author's letter, message workspace or worksheets, or several: the words fit any.
const LETTER_CLOSED = "Your letter, messages or worksheets are closed, so this sign-in no longer works. Your facilitator can tell you more.";

/** Staff sign in with their email; letter authors (who have none) with their username. */
const whereLogin = (login: string) => (login.includes("@") ? { email: login } : { username: login });

const accountSelect = { id: true, role: true, disabled: true, password: { select: { hash: true } } } as const;

/** The device cookie is a bearer secret: only its hash is stored, like session tokens. */
const deviceHash = (deviceId: string) => createHash("sha256").update(deviceId).digest("hex");

/**
 * Has this browser signed in to this account before? The same query runs whether or not the
 * account exists, so the time it takes says nothing about that.
 */
async function isKnownDevice(deviceId: string, userId: string | undefined): Promise<boolean> {
  const row = await db.knownDevice.findUnique({ where: { deviceHash_userId: { deviceHash: deviceHash(deviceId), userId: userId ?? "" } }, select: { userId: true } });
  return row !== null;
}

// A device cookie lives 400 days (renewed at each sign-in): a row older than that names a cookie no browser still has.
const DEVICE_KEPT_MS = 400 * 24 * 3600 * 1000;

async function rememberDevice(deviceId: string, userId: string) {
  const hash = deviceHash(deviceId);
  const now = new Date();
  await db.$transaction([
    db.knownDevice.upsert({
      where: { deviceHash_userId: { deviceHash: hash, userId } },
      create: { deviceHash: hash, userId },
      update: { lastSignInAt: now },
      select: { userId: true },
    }),
    db.knownDevice.deleteMany({ where: { userId, lastSignInAt: { lt: new Date(now.getTime() - DEVICE_KEPT_MS) } } }),
  ]);
}

/** A manager reset the password: the account starts afresh, and its devices must sign in again to be known. */
export async function forgetSignInHistory(user: { id: string; email: string; username: string | null }) {
  await db.knownDevice.deleteMany({ where: { userId: user.id } });
  await signInThrottle.clear(BUDGETS.account, user.email);
  if (user.username) await signInThrottle.clear(BUDGETS.account, user.username);
}

/** An author's access ends when none of their work is open any more (author-open-work.ts): closed, destroyed, their party off the case, or the case disposed of. */
export async function authorHasOpenWork(userId: string) {
  const [letters, writers, worksheets] = await Promise.all([
    db.letter.count({ where: ownOpenLetters(userId) }),
    db.exchangeWriter.count({ where: ownOpenWriters(userId) }),
    db.programmeWorksheet.count({ where: ownOpenWorksheets(userId) }),
  ]);
  return letters + writers + worksheets > 0;
}

const throttled = (retryAfterMs: number, user: { id: string } | null): SignInFailure => ({
  ok: false,
  reason: "throttled",
  userId: user?.id,
  accountExists: user !== null,
  message: tooManyAttemptsMessage(retryAfterMs),
  retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
});

/**
 * A password sign-in. From a browser that has signed in to this account before, the attempt is
 * charged to that browser's own budget for the account, so nobody guessing elsewhere can keep the
 * owner out of their own tablet; from any other browser, to the account name typed and to the
 * source address. Unknown names take the same path, at the same cost (a password hash is checked
 * either way), with the same answers.
 */
export async function signIn(login: string, password: string, client: Client): Promise<SignInResult> {
  const invalid = login.includes("@") ? INVALID : INVALID_USERNAME;
  const user = await db.user.findUnique({ where: whereLogin(login), select: accountSelect });
  const known = await isKnownDevice(client.deviceId, user?.id);
  const charges: Charge[] =
    known && user
      ? [{ budget: BUDGETS.knownDevice, key: `${deviceHash(client.deviceId)}:${user.id}`, onSuccess: "reset" }]
      : [{ budget: BUDGETS.account, key: login, onSuccess: "reset" }, ...(client.ip ? [{ budget: BUDGETS.address, key: client.ip, onSuccess: "forgive" } as const] : [])];
  const admission = await signInThrottle.begin(charges);
  if (!admission.ok) return throttled(admission.retryAfterMs, user);
  const { attempt } = admission;
  const valid = user?.password ? await verifyPassword(password, user.password.hash) : (await burnPasswordCheck(password), false);
  if (!user || !valid) return { ok: false, reason: "invalid", userId: user?.id, accountExists: user !== null, message: invalid };
  const author = user.role === "LETTER_AUTHOR";
  if (user.disabled || (author && !(await authorHasOpenWork(user.id)))) {
    // The right password: not a guess, so it costs nothing (and only the holder learns this).
    await attempt.forgive();
    return { ok: false, reason: "disabled", userId: user.id, accountExists: true, message: author ? LETTER_CLOSED : "This account has been disabled. Ask your service manager." };
  }
  await attempt.succeeded();
  await rememberDevice(client.deviceId, user.id);
  return { ok: true, userId: user.id, role: user.role };
}

/** Invite codes are typed from paper: case, spaces and dashes do not matter. */
export const hashInviteCode = (code: string) =>
  createHash("sha256")
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ""))
    .digest("hex");

/**
 * A letter author redeems the one-time code their facilitator handed over and chooses a password.
 * Wrong codes are counted on budgets of their own (per username and per address), never on the
 * password's: a stranger typing codes for a username must not hold up its author's sign-in.
 */
export async function redeemInvite(username: string, code: string, newPassword: string, client: Client): Promise<SignInResult> {
  const user = await db.user.findUnique({ where: { username }, select: accountSelect });
  const charges: Charge[] = [
    { budget: BUDGETS.invite, key: username, onSuccess: "reset" },
    ...(client.ip ? [{ budget: BUDGETS.inviteAddress, key: client.ip, onSuccess: "forgive" } as const] : []),
  ];
  const admission = await signInThrottle.begin(charges);
  if (!admission.ok) return throttled(admission.retryAfterMs, user);
  const { attempt } = admission;
  // The same queries for every username, so their timing does not tell which ones are authors. An
  // author's code is on their letter, their own message workspace or a worksheet, whichever was opened for them.
  const authorId = user?.role === "LETTER_AUTHOR" ? user.id : "";
  const live = { inviteCodeHash: { not: null }, inviteExpiresAt: { gt: new Date() } };
  const [letters, writers, worksheets] = await Promise.all([
    db.letter.findMany({ where: { authorId, closedAt: null, destroyedAt: null, ...live }, select: { id: true, inviteCodeHash: true } }),
    db.exchangeWriter.findMany({ where: { authorId, closedAt: null, ...live }, select: { id: true, inviteCodeHash: true } }),
    db.programmeWorksheet.findMany({ where: { authorId, closedAt: null, ...live }, select: { id: true, inviteCodeHash: true } }),
  ]);
  const given = Buffer.from(hashInviteCode(code), "hex");
  const fits = (row: { inviteCodeHash: string | null }) => !!row.inviteCodeHash && timingSafeEqual(given, Buffer.from(row.inviteCodeHash, "hex"));
  const letter = letters.find(fits);
  const writer = writers.find(fits);
  const worksheet = worksheets.find(fits);
  if (!user || !(letter || writer || worksheet) || user.disabled) return { ok: false, reason: "invalid", userId: user?.id, accountExists: user !== null, message: INVALID_INVITE };
  const hash = await hashPassword(newPassword);
  const spent = { inviteCodeHash: null, inviteExpiresAt: null };
  await db.$transaction([
    db.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash }, select: { userId: true } }),
    // One use only: the code is gone once a password is set.
    letter
      ? db.letter.update({ where: { id: letter.id }, data: spent, select: { id: true } })
      : writer
        ? db.exchangeWriter.update({ where: { id: writer.id }, data: spent, select: { id: true } })
        : db.programmeWorksheet.update({ where: { id: worksheet!.id }, data: spent, select: { id: true } }),
  ]);
  await attempt.succeeded();
  await rememberDevice(client.deviceId, user.id);
  return { ok: true, userId: user.id, role: user.role };
}
