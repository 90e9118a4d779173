import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { getCollabAccess, type CollabAccess } from "~/models/collab-access.server";
import { COLLAB_OUTDATED_REASON, CollabClose, CollabConnectSchema, parseDocumentName, type CollabDocName } from "~/realtime/protocol";
import { auditRequest, type RequestOrigin } from "~/utils/audit.server";
import { getSessionUserFromCookieHeader, type SessionUser } from "~/utils/session.server";
import { log, stackOf } from "../log";
import { isAllowedOrigin, originOf } from "../origin";
import { noteRefusedUpgrade } from "../refusals";

export const COLLAB_PATH_PREFIX = "/collab/";
export const MAX_FRAME_BYTES = 1024 * 1024;

/** A connection's person, document and access, and where it connects from (its audit entries' address). */
export type CollabConnectionContext = RequestOrigin & {
  user: SessionUser;
  doc: CollabDocName;
  access: CollabAccess;
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
export function createCollabUpgrade(onConnection: CollabConnectionHandler, admit: (userId: string) => boolean = () => true) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on("error", () => socket.destroy());
    const { name, query } = readUrl(req.url);
    if (!isAllowedOrigin(req)) {
      refuse(socket, 403, "Forbidden origin");
      // The session is looked at only for the record, after the answer.
      return noteRefusedUpgrade(req, 403, null, name, parseDocumentName(name));
    }
    const user = await getSessionUserFromCookieHeader(req.headers.cookie);
    if (!user) return refuse(socket, 401, "Unauthorized");
    const doc = parseDocumentName(name);
    // Unknown, malformed and forbidden documents all answer 404: existence is not confirmed.
    const access = doc ? await getCollabAccess(user, doc) : null;
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
    await auditRequest(origin, { actor: user, action: "collab.open", target: doc.name, caseId: access.caseId, details: { access: access.level } });
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
