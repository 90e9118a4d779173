import { createHash, randomBytes } from "node:crypto";
import { readCookie, serializeCookie } from "./cookies.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import type { FeedbackOccasion } from "~/models/feedback-labels";
import type { StaffRole } from "./roles";
import type { SessionStatus } from "./session-status";

export const SESSION_COOKIE = "circle_session";
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A session ends after this long without activity: 30 minutes unless SESSION_IDLE_SECONDS says otherwise. */
export const idleTimeoutMs = () => getEnv().SESSION_IDLE_SECONDS * 1000;
/** The page warns this long before an idle sign-out: 2 minutes, or a quarter of a shorter idle timeout. */
export const idleWarningMs = () => Math.min(2 * 60 * 1000, idleTimeoutMs() / 4);
/**
 * lastSeenAt is written at most this often, so page loads are not all writes: a minute, or a
 * thirtieth of a shorter idle timeout, so a session in use never comes near its end.
 */
export const touchIntervalMs = () => Math.min(60 * 1000, idleTimeoutMs() / 30);

/** The signed-in principal every permission check receives. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  serviceId: string;
  sessionId: string;
  /** Signed in with a password someone else chose: only the change-password page is open. */
  mustChangePassword: boolean;
  /** The user's service is the seeded demo (pages say so). */
  demoService: boolean;
  /**
   * Set while this session is handed to a participant to give feedback: only the participant's
   * page and the facilitator's leave page open (app/utils/auth.server.ts). Sockets and collab
   * connections never see such a session (the lookup answers null for them).
   */
  participantMode: ParticipantModeState | null;
};

/** Which participant a session in participant mode was handed to, for which occasion, and whether they have answered. */
export type ParticipantModeState = { caseId: string; participantId: string; occasion: FeedbackOccasion; answered: boolean };

/**
 * pages: true only where the change-password page and the participant's feedback page can be
 * reached (the page load context). Sockets and collab connections use the default, so a person who
 * must still change a password someone else chose, and a tablet handed to a participant, reach no
 * case data through them.
 */
type LookupOptions = { touch?: boolean; pages?: boolean };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function sessionCookieOptions() {
  return { secure: getEnv().TRUST_PROXY === "1" };
}

export async function createSession(userId: string, meta: { ip?: string | null; userAgent?: string | null }) {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const session = await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  const cookie = serializeCookie(SESSION_COOKIE, token, {
    ...sessionCookieOptions(),
    maxAgeSeconds: ABSOLUTE_TIMEOUT_MS / 1000,
  });
  return { sessionId: session.id, cookie };
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", { ...sessionCookieOptions(), maxAgeSeconds: 0 });
}

/** The session id (token hash) named by a Cookie header, without touching the database. */
export function sessionIdFromCookieHeader(header: string | null | undefined): string | null {
  const token = readCookie(header, SESSION_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return hashToken(token);
}

/** The live session's user, or null for absent, forged, expired, idle, revoked or disabled. */
export async function getSessionUserFromCookieHeader(header: string | null | undefined, options: LookupOptions = {}): Promise<SessionUser | null> {
  const id = sessionIdFromCookieHeader(header);
  return id ? getSessionUserById(id, options) : null;
}

/**
 * touch: false for background checks (the realtime sweep) so that an unattended tablet with an
 * open socket still times out; real activity on a socket calls touchSession instead.
 */
export async function getSessionUserById(id: string, { touch = true, pages = false }: LookupOptions = {}): Promise<SessionUser | null> {
  const session = await db.session.findUnique({
    where: { id },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, serviceId: true, disabled: true, mustChangePassword: true, service: { select: { demo: true } } } },
      participantMode: { select: { caseId: true, participantId: true, occasion: true, answeredAt: true } },
    },
  });
  const now = Date.now();
  if (!session || session.revokedAt || session.user.disabled) return null;
  if ((session.user.mustChangePassword || session.participantMode) && !pages) return null;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleTimeoutMs() <= now) return null;
  if (touch && now - session.lastSeenAt.getTime() > touchIntervalMs()) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) }, select: { id: true } });
  }
  const { user, participantMode: mode } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as StaffRole,
    serviceId: user.serviceId,
    sessionId: id,
    mustChangePassword: user.mustChangePassword,
    demoService: user.service.demo,
    participantMode: mode ? { caseId: mode.caseId, participantId: mode.participantId, occasion: mode.occasion, answered: mode.answeredAt !== null } : null,
  };
}

/**
 * Which of these sessions are still live (not expired, idle, revoked or disabled, nor handed to a
 * participant, whose sockets must close), in one query:
 * the realtime sweep checks every connected session at once instead of one query per session,
 * so it never holds the event loop for long. Does not touch the sessions.
 */
export async function liveSessionIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const now = Date.now();
  const rows = await db.session.findMany({
    where: {
      id: { in: ids },
      revokedAt: null,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - idleTimeoutMs()) },
      user: { disabled: false },
      participantMode: { is: null },
    },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/**
 * Real-time activity (an edit, an event) keeps a session alive like a page load does. Only a live
 * session: one that has already ended (idle, expired, revoked) stays ended, even if its socket
 * sends something before the sweep closes it. Returns whether the session was live.
 */
export async function touchSession(id: string): Promise<boolean> {
  const now = Date.now();
  const { count } = await db.session.updateMany({
    where: { id, revokedAt: null, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - idleTimeoutMs()) }, user: { disabled: false } },
    data: { lastSeenAt: new Date(now) },
  });
  return count > 0;
}

/**
 * The session named by a Cookie header, without counting as activity: whether it is live and
 * until when, or why it ended. Answers GET /session, which the idle warning asks.
 */
export async function getSessionStatus(header: string | null | undefined): Promise<SessionStatus> {
  const id = sessionIdFromCookieHeader(header);
  const session = id ? await db.session.findUnique({ where: { id }, select: { expiresAt: true, lastSeenAt: true, revokedAt: true, user: { select: { disabled: true } } } }) : null;
  if (!session) return { state: "none" };
  const now = Date.now();
  const idleMs = idleTimeoutMs();
  const idleEndsAt = session.lastSeenAt.getTime() + idleMs;
  if (session.revokedAt || session.user.disabled) return { state: "ended", reason: "revoked", idleMs };
  if (session.expiresAt.getTime() <= now) return { state: "ended", reason: "expired", idleMs };
  if (idleEndsAt <= now) return { state: "ended", reason: "idle", idleMs };
  return {
    state: "active",
    idleEndsAt: new Date(idleEndsAt).toISOString(),
    endsAt: session.expiresAt.toISOString(),
    serverNow: new Date(now).toISOString(),
    idleMs,
    warnMs: idleWarningMs(),
  };
}

/** A throttled touchSession for one connection: at most one write per interval. */
export function createActivityToucher(sessionId: string) {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < touchIntervalMs()) return;
    last = now;
    void touchSession(sessionId).catch(() => undefined);
  };
}

export async function revokeSession(id: string): Promise<void> {
  await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}
