import type { IncomingMessage } from "node:http";
import { findCaseOf, type CaseRef } from "~/models/case-access.server";
import type { CollabDocName } from "~/realtime/protocol";
import { recordRefusal, type RefusalRecord, type RequestOrigin } from "~/utils/audit.server";
import { getSessionUserById, sessionIdFromCookieHeader, type SessionUser } from "~/utils/session.server";
import { log } from "./log";
import { originOf } from "./origin";

/**
 * Where the server's refusals meet the audit trail: the HTTP answers (server/app.ts), the origin
 * check (http-guards.ts, Socket.IO's handshake), the collab upgrade and Socket.IO events all call
 * in here, and everything goes through the one helper, recordRefusal (app/utils/audit.server.ts),
 * which collapses repeats and caps floods. Recording runs beside or after the answer and never
 * changes it; a failure to record is logged, not thrown at the request.
 */

/**
 * Case data and staff pages: a 404 to a signed-in person here is a refusal (a case, letter or
 * conference they may not see, any staff page for a letter author, an admin page for staff), not a
 * mistyped address elsewhere.
 */
const REFUSABLE_PATH = /^\/(cases|conferences|letters|admin|approvals|reviews)(\/|$)/;

const pathOf = (req: IncomingMessage) => {
  try {
    return new URL(req.url ?? "/", "http://circle.invalid").pathname;
  } catch {
    return "/";
  }
};

/** The case, conference or letter a page path names (a case's letter pages name the case first). */
export function caseRefOfPath(path: string): CaseRef | null {
  const match = /^\/(?:admin\/)?(cases|conferences|letters)\/([^/]+)/.exec(path);
  if (!match) return null;
  const kind = ({ cases: "case", conferences: "conference", letters: "letter" } as const)[match[1] as "cases" | "conferences" | "letters"];
  return { kind, id: match[2]! };
}

const DOC_KIND_REFS: Record<CollabDocName["kind"], CaseRef["kind"]> = {
  notes: "case",
  seating: "conference",
  agreement: "agreement",
  letter: "letter",
  "session-notes": "programme-session",
};
export const caseRefOfDocument = (doc: CollabDocName): CaseRef => ({ kind: DOC_KIND_REFS[doc.kind], id: doc.id });

/** The signed-in person behind a request the server refused before looking: not counted as activity. */
async function quietSessionUser(cookieHeader: string | undefined): Promise<SessionUser | null> {
  const id = sessionIdFromCookieHeader(cookieHeader);
  return id ? getSessionUserById(id, { touch: false }) : null;
}

async function record(origin: RequestOrigin, user: SessionUser | null, refusal: Omit<RefusalRecord, "actor" | "caseId">, ref: CaseRef | null): Promise<void> {
  const caseId = user && ref ? await findCaseOf(ref, user.serviceId) : null;
  await recordRefusal(origin, { ...refusal, actor: user, caseId });
}

const logged = (promise: Promise<void>, what: string) => void promise.catch((err: unknown) => log.error({ err: String(err) }, `${what} not recorded`));

/** A signed-in person's page, data or form request was answered 404 (called once the answer has gone). */
export function noteRefusedRequest(req: IncomingMessage, status: number, user: SessionUser | null): void {
  const path = pathOf(req);
  if (status !== 404 || !user || !REFUSABLE_PATH.test(path)) return;
  logged(record(originOf(req), user, { action: "request.refused", target: path, details: { method: req.method ?? "GET", status } }, caseRefOfPath(path)), "refused request");
}

/** A post (or a Socket.IO handshake) from another origin was refused: whoever's cookie came with it, or the address. */
export function noteCrossOriginRequest(req: IncomingMessage): void {
  const path = pathOf(req);
  const origin = req.headers.origin ?? "(none)";
  logged(
    quietSessionUser(req.headers.cookie).then((user) =>
      record(originOf(req), user, { action: "request.origin.refused", target: path, details: { method: req.method ?? "GET", origin } }, user ? caseRefOfPath(path) : null),
    ),
    "cross-origin request",
  );
}

const UPGRADE_REASONS: Partial<Record<number, string>> = {
  403: "Sent from another website",
  404: "Not theirs to open, or no such document",
  429: "Too many connections open at once",
};

/**
 * A collab upgrade was refused. An upgrade with no live session (401) is not recorded: it is not
 * a person's request (a tablet whose session ended, like a signed-out page request), and anyone
 * could send them without end.
 */
export function noteRefusedUpgrade(req: IncomingMessage, status: number, user: SessionUser | null, documentName: string, doc: CollabDocName | null): void {
  const reason = UPGRADE_REASONS[status];
  if (!reason) return;
  logged(
    (user ? Promise.resolve(user) : quietSessionUser(req.headers.cookie)).then((who) =>
      record(originOf(req), who, { action: "collab.open.refused", target: documentName || "(no document)", details: { status, reason } }, doc ? caseRefOfDocument(doc) : null),
    ),
    "refused collab upgrade",
  );
}

/** A Socket.IO connection or event was refused (a letter author connecting, a case or conference the person may not follow). */
export function noteRefusedSocket(origin: RequestOrigin, user: SessionUser, target: string, ref: CaseRef | null, reason: string): void {
  logged(record(origin, user, { action: "socket.refused", target, details: { reason } }, ref), "refused socket request");
}
