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
