/**
 * What server/index.ts hands every loader and action (docs/conventions.md §6): routes reach
 * real-time only through this, never the io object.
 */
export type RealtimeControl = {
  /** Close every Socket.IO and collab connection of a user (disabled, removed, reset). */
  disconnectUser(userId: string, reason: string): void;
  /** Close every connection opened with one session (sign-out). */
  disconnectSession(sessionId: string, reason: string): void;
  /** A user's case memberships changed: drop connections to cases they left. */
  membershipChanged(userId: string): void;
  /** Tell everyone subscribed to the case's room (case page, agreement page) that its agreement changed. */
  notifyAgreementChanged(payload: import("~/realtime/protocol").AgreementChangedPayload): void;
  /**
   * A case's conference bookings changed (put on hold, re-booked, cancelled): push the live
   * state to every open live screen of its conferences. Call it after the change has committed.
   */
  conferencesChanged(caseId: string): void;
};

/** Server-side access to collab documents for routes (freezing a draft, destroying a letter). */
export type CollabControl = {
  /** The document's current, durable state as a fresh Y.Doc the caller must destroy. */
  readDocument(name: string): import("yjs").Doc;
  /** Re-authorize the open connections to a document after its access rules changed. */
  recheckDocument(name: string): Promise<void>;
  /** Close its connections and delete the document's stored content. */
  destroyDocument(name: string): void;
};

export type CircleLoadContext = {
  clientIp: string | null;
  /** This response's Content-Security-Policy nonce (app/entry.server.tsx puts it on inline scripts). */
  cspNonce: string;
  /** The request's signed-in user, looked up once however many loaders ask (root + route). */
  sessionUser(): Promise<import("./session.server").SessionUser | null>;
  realtime: RealtimeControl;
  collab: CollabControl;
  /** The retention job (server/retention-job.ts): `recheck` runs a sweep soon, e.g. after a rule changed. */
  retention: { recheck(): void };
};

declare module "@remix-run/node" {
  // Declaration merging needs an interface; it adds Circle's fields to Remix's own.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends CircleLoadContext {}
}
