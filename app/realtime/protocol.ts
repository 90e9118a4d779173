import { z } from "zod";
import { CaseIdSchema, RecordIdSchema } from "~/utils/schemas";
import { LiveCommandSchema } from "./live-commands";
import type { LiveRole, LiveState } from "./live-machine";

import { COLLAB_VERSION_PARAM, PROTOCOL_VERSION } from "./collab-codes";

/**
 * The wire contract of both real-time channels (docs/architecture.md §3). Shared by the browser and the server.
 * Bump PROTOCOL_VERSION (collab-codes.ts) when an event or payload changes incompatibly.
 */

/** Socket.IO events the browser may send, each with the zod schema of its payload. */
export const ClientEventSchemas = {
  "case:subscribe": z.object({ caseId: CaseIdSchema }).strict(),
  "case:unsubscribe": z.object({ caseId: CaseIdSchema }).strict(),
  /** Follow a live conference: the ack carries the current state; then live:state on every change. */
  "live:join": z.object({ conferenceId: RecordIdSchema }).strict(),
  "live:leave": z.object({ conferenceId: RecordIdSchema }).strict(),
  /** One command against the version the tablet last saw (live-machine.ts). */
  "live:command": z.object({ conferenceId: RecordIdSchema, command: LiveCommandSchema }).strict(),
} as const;

export type ClientEventName = keyof typeof ClientEventSchemas;
export const CLIENT_EVENTS = Object.keys(ClientEventSchemas) as ClientEventName[];

export type AckError = "invalid" | "not_found" | "unauthorized" | "stale" | "forbidden";
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError; message: string; state?: LiveState };

/** A live conference's state as broadcast: `serverNow` lets tablets correct their clocks. */
export type LiveStatePayload = { conferenceId: string; state: LiveState; serverNow: string };
export type LivePresence = { conferenceId: string; people: { userId: string; name: string; role: LiveRole; devices: number }[] };
export type LiveJoinAck = Ack<LiveStatePayload & { role: LiveRole }>;

/** An outcome agreement changed state (signed, submitted, changes requested, approved): sent to `case:<caseId>`. */
export type AgreementChangedPayload = {
  caseId: string;
  agreementId: string;
  change: "signed" | "submitted" | "changes_requested" | "approved" | "monitoring";
  /** What the case team reads in the banner, e.g. "Sam Okafor asked for changes to version 2". */
  message: string;
};

/** A new notification for the person this socket belongs to, sent to `user:<userId>`, with their unread count after it. */
export type NotificationPayload = {
  id: string;
  kind: import("~/models/notification-kinds").NotificationKind;
  /** What happened and the case reference at most (docs/architecture.md, "Notifications"). */
  text: string;
  /** A path inside Circle. */
  link: string;
  createdAt: string;
  unread: number;
};

export type ClientToServerEvents = {
  [K in ClientEventName]: (payload: z.infer<(typeof ClientEventSchemas)[K]>, ack: (result: Ack) => void) => void;
};

export type ServerToClientEvents = {
  /** The server ended this connection's session (sign-out, disabled account, reset password). */
  "session:ended": (payload: { reason: string }) => void;
  "live:state": (payload: LiveStatePayload) => void;
  "live:presence": (payload: LivePresence) => void;
  "agreement:changed": (payload: AgreementChangedPayload) => void;
  "notification:new": (payload: NotificationPayload) => void;
  /** The person's unread count changed without a new notification (read on another tablet), or on connecting. */
  "notification:unread": (payload: { unread: number }) => void;
};

/** Collab document names (y-websocket room names). Anything else is refused. */
const CUID = "c[a-z0-9]{20,31}";
const DOC_PATTERNS = {
  notes: new RegExp(`^case:(${CUID}):notes$`),
  seating: new RegExp(`^conference:(${CUID}):seating$`),
  agreement: new RegExp(`^agreement:(${CUID})$`),
  letter: new RegExp(`^letter:(${CUID})$`),
  /** A programme session's notes, written by the case's facilitators together. */
  "session-notes": new RegExp(`^programme-session:(${CUID}):notes$`),
} as const;

export type CollabDocKind = keyof typeof DOC_PATTERNS;
export type CollabDocName = { kind: CollabDocKind; id: string; name: string };
export const COLLAB_DOC_KINDS = Object.keys(DOC_PATTERNS) as CollabDocKind[];

export function parseDocumentName(name: string): CollabDocName | null {
  if (name.length > 80) return null;
  for (const kind of COLLAB_DOC_KINDS) {
    const match = DOC_PATTERNS[kind].exec(name);
    if (match?.[1]) return { kind, id: match[1], name };
  }
  return null;
}

export { COLLAB_OUTDATED_REASON, COLLAB_VERSION_PARAM, CollabClose, MESSAGE_SAVED, PROTOCOL_VERSION, SERVER_CLIENT_ID } from "./collab-codes";

/**
 * The collab upgrade's query. Not strict: nothing else in the query is read, so nothing else can
 * be smuggled through it; a missing or other version fails.
 */
export const CollabConnectSchema = z.object({ [COLLAB_VERSION_PARAM]: z.literal(String(PROTOCOL_VERSION)) });
