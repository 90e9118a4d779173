/**
 * What server/index.ts hands every loader and action (CONVENTIONS §6): routes reach
 * real-time only through this, never the io object.
 */
export type RealtimeControl = {
  /** Close every Socket.IO and collab connection of a user (disabled, removed, reset). */
  disconnectUser(userId: string, reason: string): void;
  /** Close every connection opened with one session (sign-out). */
  disconnectSession(sessionId: string, reason: string): void;
  /** A user's case memberships changed: drop connections to cases they left. */
  membershipChanged(userId: string): void;
};

export type CircleLoadContext = {
  clientIp: string | null;
  /** The request's signed-in user, looked up once however many loaders ask (root + route). */
  sessionUser(): Promise<import("./session.server").SessionUser | null>;
  realtime: RealtimeControl;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends CircleLoadContext {}
}
