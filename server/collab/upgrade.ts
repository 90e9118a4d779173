import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { CollabAccess } from "~/models/collab-access";
import { COLLAB_OUTDATED_REASON, CollabClose, CollabConnectSchema, parseDocumentName, type CollabDocName } from "~/realtime/protocol";
import type { RequestAuditEntry, RequestOrigin } from "~/utils/audit.server";
import type { SessionUser } from "~/utils/session.server";
import { log, stackOf } from "../log";
import { isAllowedOrigin, originOf } from "../origin";

export const COLLAB_PATH_PREFIX = "/collab/";
export const MAX_FRAME_BYTES = 1024 * 1024;

/** A connection's person, document and access, and where it connects from (its audit entries' address). */
export type CollabConnectionContext = RequestOrigin & {
  user: SessionUser;
  doc: CollabDocName;
  access: CollabAccess;
};

/** What the upgrade asks of the rest of Circle (part of CollabServices, index.ts): it imports no access code of its own. */
export type CollabUpgradeServices = {
  /** What this person may do with this document now: write, read, or nothing (null). Asked again whenever access may have changed. */
  getAccess(user: SessionUser, doc: CollabDocName): Promise<CollabAccess | null>;
  /** Who sent an upgrade: the session its cookie names, or null (none, ended, or a password still to change). Opening a document counts as activity. */
  getUpgradeUser(cookieHeader: string | undefined): Promise<SessionUser | null>;
  /** Record a refused upgrade (403, 404, 429) in the audit trail, after the answer; it never throws at the caller. */
  noteRefusedUpgrade(req: IncomingMessage, status: number, user: SessionUser | null, documentName: string, doc: CollabDocName | null): void;
  /** Append one entry to the audit trail (an opened document; a write refused on a read-only one), with the address the connection came from. */
  audit(origin: RequestOrigin, entry: RequestAuditEntry): Promise<void>;
};

export type CollabConnectionHandler = (ws: WebSocket, ctx: CollabConnectionContext) => void;

/** The document name in the path, and the query (for CollabConnectSchema); an unreadable URL gives "" and nothing. */
function readUrl(url: string | undefined): { name: string; query: Record<string, string> } {
  try {
    const parsed = new URL(url ?? "/", "http://circle.invalid");
    return { name: decodeURIComponent(parsed.pathname.slice(COLLAB_PATH_PREFIX.length)), query: Object.fromEntries(parsed.searchParams) };
  } catch {
    return { name: "", query: {} };
  }
}

function refuse(socket: Duplex, status: 400 | 401 | 403 | 404 | 429 | 503, reason: string) {
  const text = JSON.stringify({ error: reason });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/**
 * The collab upgrade: Origin, then session cookie, then document name, then can() — all before
 * any WebSocket exists. Refusals are plain HTTP answers (403/401/404, 429 over the per-user cap);
 * all but 401 (no session: nobody to name) are recorded in the audit trail after the answer.
 * Then the page's protocol version: a page that speaks another one gets a WebSocket that is
 * closed at once with CollabClose.outdated and a reason it shows (a browser never lets a page read
 * a refused upgrade's HTTP answer, so a close frame is the only way to tell the person to reload).
 * It is sent nothing of the document, and the document is not opened.
 */
export function createCollabUpgrade(services: CollabUpgradeServices, onConnection: CollabConnectionHandler, admit: (userId: string) => boolean = () => true) {
  const { getAccess, getUpgradeUser, noteRefusedUpgrade, audit } = services;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on("error", () => socket.destroy());
    const { name, query } = readUrl(req.url);
    if (!isAllowedOrigin(req)) {
      refuse(socket, 403, "Forbidden origin");
      // The session is looked at only for the record, after the answer.
      return noteRefusedUpgrade(req, 403, null, name, parseDocumentName(name));
    }
    const user = await getUpgradeUser(req.headers.cookie);
    if (!user) return refuse(socket, 401, "Unauthorized");
    const doc = parseDocumentName(name);
    // Unknown, malformed and forbidden documents all answer 404: existence is not confirmed.
    const access = doc ? await getAccess(user, doc) : null;
    if (!doc || !access) {
      refuse(socket, 404, "Not Found");
      return noteRefusedUpgrade(req, 404, user, name, doc);
    }
    if (!admit(user.id)) {
      refuse(socket, 429, "Too Many Connections");
      return noteRefusedUpgrade(req, 429, user, name, doc);
    }
    if (!CollabConnectSchema.safeParse(query).success) {
      log.info({ userId: user.id, doc: doc.name }, "collab page on another protocol version; told to reload");
      return wss.handleUpgrade(req, socket, head, (ws) => ws.close(CollabClose.outdated, COLLAB_OUTDATED_REASON));
    }
    const origin = originOf(req);
    await audit(origin, { actor: user, action: "collab.open", target: doc.name, caseId: access.caseId, details: { access: access.level } });
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, { ...origin, user, doc, access }));
  }

  return {
    matches: (req: IncomingMessage) => (req.url ?? "").startsWith(COLLAB_PATH_PREFIX),
    handle(req: IncomingMessage, socket: Duplex, head: Buffer) {
      handleUpgrade(req, socket, head).catch((error) => {
        log.error({ err: stackOf(error) }, "collab upgrade failed");
        refuse(socket, 503, "Service Unavailable");
      });
    },
    close: () => wss.close(),
  };
}
