/**
 * What GET /session answers about the caller's own session, and POST /session after renewing it.
 * The idle warning (app/components/session-timeout.tsx) reads it; reading it never counts as
 * activity, so a page that asks does not keep an unattended tablet signed in.
 */
export type SessionStatus =
  | {
      state: "active";
      /** When the session ends unless something happens first (lastSeenAt + the idle timeout). */
      idleEndsAt: string;
      /** The absolute end (12 hours after sign-in), whatever happens. */
      endsAt: string;
      serverNow: string;
      idleMs: number;
      /** How long before `idleEndsAt` the page warns. */
      warnMs: number;
    }
  | { state: "ended"; reason: "idle" | "expired" | "revoked"; idleMs: number }
  | { state: "none" };

/** "30 minutes", "1 minute", "40 seconds": the idle timeout in the words of the sign-out message. */
export function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 !== 0) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = seconds / 60;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Asks the idle warning to look at the session now. The real-time hooks send it when the server
 * closes their connection, so a session that ended is told once, by the sign-out dialog.
 */
export const SESSION_CHECK_EVENT = "circle:session-check";
export const askForSessionCheck = () => window.dispatchEvent(new Event(SESSION_CHECK_EVENT));

/** The caller's session as the server sees it (browser only); null when the server cannot be reached. */
export async function fetchSessionStatus(init?: RequestInit): Promise<SessionStatus | null> {
  try {
    const res = await fetch("/session", { credentials: "same-origin", headers: { Accept: "application/json" }, ...init });
    if (res.status !== 200 && res.status !== 401) return null;
    return (await res.json()) as SessionStatus;
  } catch {
    return null;
  }
}
