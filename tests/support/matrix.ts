import type { ClientEventName, CollabDocKind } from "~/realtime/protocol";
import { PEOPLE_ROUTES } from "./matrix-people";
import { LIVE_ROUTES } from "./matrix-live";
import { SAFETY_ROUTES } from "./matrix-safety";
import { SCRIPT_ROUTES } from "./matrix-script";
import { SEATING_ROUTES } from "./matrix-seating";
import { AGREEMENT_ROUTES } from "./matrix-agreements";
import { LETTER_ROUTES } from "./matrix-letters";
import { RECORD_ROUTES } from "./matrix-record";
import { RETENTION_ROUTES } from "./matrix-retention";
import { SUBJECT_ACCESS_ROUTES } from "./matrix-subject-access";
import { DISPOSAL_ROUTES } from "./matrix-disposal";
import { FEEDBACK_ROUTES } from "./matrix-feedback";
import { EXCHANGE_ROUTES } from "./matrix-exchange";
import { PROGRAMME_ROUTES } from "./matrix-programme";
import { REPORT_ROUTES } from "./matrix-reports";
import { NOTIFICATION_ROUTES } from "./matrix-notifications";

/**
 * The authorization matrix (docs/architecture.md §4): every Remix route, Express route, Socket.IO client
 * event and collab document kind, against every principal, with the answer each one must get.
 * tests/integration/authorization-matrix.test.ts makes a real request for every cell and fails
 * when the app has a route, event or document kind this table does not list (and vice versa).
 *
 * Deny-by-default reads as: a signed-out person is sent to sign in (302), anyone else who may not
 * see a thing gets 404 (its existence is not confirmed), never 403.
 */

/**
 * Letter authors (docs/architecture.md §4: "a letter author reaches only their own letter document and its
 * page") are the column `letterAuthor`: every staff page and action answers them 404, Socket.IO
 * refuses them, and of collab documents they open only their own `letter:<id>`.
 */
export const PRINCIPALS = ["anonymous", "admin", "supervisor", "lead", "co", "other", "letterAuthor"] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export type PrincipalFixture =
  | { kind: "anonymous" }
  | { kind: "staff"; email: string }
  /** Signs in with a username in the same login field; `email` is the account's placeholder address. */
  | { kind: "author"; username: string; email: string };

export const PRINCIPAL_FIXTURES: Record<PrincipalName, PrincipalFixture> = {
  anonymous: { kind: "anonymous" },
  admin: { kind: "staff", email: "manager@demo.circle" }, // service manager, on no case team
  supervisor: { kind: "staff", email: "supervisor@demo.circle" }, // case supervisor of the bus-stop case
  lead: { kind: "staff", email: "lead@demo.circle" }, // lead facilitator of the bus-stop case
  co: { kind: "staff", email: "co@demo.circle" }, // co-facilitator of the bus-stop case
  other: { kind: "staff", email: "other@demo.circle" }, // facilitator on other cases only
  // The person responsible on the bus-stop case, drafting their letter (demo letter author).
  letterAuthor: { kind: "author", username: "daniel", email: "daniel@authors.circle.invalid" },
};

/** The case every `:caseId` (and every document id) is filled with: the demo bus-stop robbery. */
export const SUBJECT_CASE_REFERENCE = "RJ-2026-0142";

export type Row<T> = Record<PrincipalName, T>;

const everyone = <T>(value: T): Row<T> => ({ anonymous: value, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: value });
/** Staff pages that need a sign-in: anonymous is redirected to /login, staff get `value`, a letter author 404. */
const signedIn = <T extends number>(value: T): Row<number> => ({ ...everyone<number>(value), anonymous: 302, letterAuthor: 404 });
/** Admin-only pages: sign-in redirect for anonymous, 404 for every non-admin. */
const adminOnly = (value: number): Row<number> => ({ ...everyone(404), anonymous: 302, admin: value });

export type HttpCell = {
  /** Path to request; `:caseId` and `*` are filled in by the test. Defaults to the route pattern. */
  path?: string;
  /** Form fields for POST: always invalid or inert, so no cell changes anything. */
  body?: Record<string, string>;
  /**
   * Give each signed-in principal a throw-away session for this cell (the request ends it).
   * Only for POST /logout.
   */
  throwawaySession?: true;
  expect: Row<number>;
};

export type RouteRow = {
  /** The full URL pattern composed from the manifest's path/parentId chain. */
  pattern: string;
  /** What the route module exports; checked against build.routes[id].module. */
  exports: { loader: boolean; action: boolean };
  get: HttpCell;
  /** POST to a route without an action must answer 405, not run anything. */
  post: HttpCell;
  /** More POST cells for a form's other intents, by intent, when one answers apart (each body names its intent). */
  intents?: Record<string, HttpCell>;
};

/** Every route of the Remix build manifest, by route id. */
export const ROUTE_MATRIX: Record<string, RouteRow> = {
  // The layout: its loader runs on every page; a data request reaches it alone.
  root: {
    pattern: "/",
    exports: { loader: true, action: false },
    get: { path: "/?_data=root", expect: everyone(200) },
    post: { path: "/", expect: everyone(405) },
  },
  "routes/_index": {
    pattern: "/",
    exports: { loader: true, action: false },
    get: { path: "/", expect: everyone(302) },
    post: { path: "/?index", expect: everyone(405) },
  },
  "routes/login": {
    pattern: "/login",
    exports: { loader: true, action: true },
    get: { expect: { ...everyone(302), anonymous: 200 } },
    // Empty email and password: a 400 with field errors, no sign-in attempt counted. Someone
    // already signed in is redirected to /cases by the loader that runs after the action.
    post: { body: { email: "", password: "" }, expect: { ...everyone(302), anonymous: 400 } },
  },
  "routes/logout": {
    pattern: "/logout",
    exports: { loader: true, action: true },
    get: { expect: everyone(302) }, // a GET never signs anyone out
    post: { body: {}, throwawaySession: true, expect: everyone(302) },
  },
  "routes/account.password": {
    pattern: "/account/password",
    exports: { loader: true, action: true },
    get: { expect: signedIn(200) },
    // Empty fields: a 400 with field errors, nothing changed (letter authors: 404, like every staff page).
    post: { body: {}, expect: signedIn(400) },
  },
  // The caller's own session (the idle warning reads it): anyone may ask about their own, and a
  // POST renews it only with intent=renew (none here: 400, nothing renewed).
  "routes/session": {
    pattern: "/session",
    exports: { loader: true, action: true },
    get: { expect: everyone(200) },
    post: { body: {}, expect: everyone(400) },
  },
  "routes/cases._index": {
    pattern: "/cases",
    exports: { loader: true, action: false },
    get: { expect: signedIn(200) },
    post: { path: "/cases?index", body: {}, expect: everyone(405) },
  },
  "routes/cases.$caseId": {
    pattern: "/cases/:caseId",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: everyone(405) },
  },
  // Full-screen notes: members read (the supervisor read-only), nobody else learns the case exists.
  "routes/cases.$caseId_.notes": {
    pattern: "/cases/:caseId/notes",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: everyone(405) },
  },
  "routes/admin.cases._index": {
    pattern: "/admin/cases",
    exports: { loader: true, action: true },
    get: { expect: adminOnly(200) },
    // No userId: the admin gets a 400 validation error, nothing is removed.
    post: { path: "/admin/cases?index", body: { intent: "remove", caseId: ":caseId" }, expect: adminOnly(400) },
  },
  "routes/admin.cases.$caseId.audit": {
    pattern: "/admin/cases/:caseId/audit",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: everyone(405) },
  },
  // The trail as CSV with the page's filters: only whoever may read the trail (the service manager).
  "routes/admin.cases.$caseId.audit[.]csv": {
    pattern: "/admin/cases/:caseId/audit.csv",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: everyone(405) },
  },
  // Failed sign-ins, with whether each email tried has an account: the service manager only.
  "routes/admin.sign-ins": {
    pattern: "/admin/sign-ins",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: everyone(405) },
  },
  "routes/admin.users": {
    pattern: "/admin/users",
    exports: { loader: true, action: true },
    get: { expect: adminOnly(200) },
    // No userId: the admin gets a 400 validation error, nobody is disabled.
    post: { body: { intent: "disable" }, expect: adminOnly(400) },
  },
  ...PEOPLE_ROUTES,
  ...SAFETY_ROUTES,
  ...SEATING_ROUTES,
  ...SCRIPT_ROUTES,
  ...LIVE_ROUTES,
  ...LETTER_ROUTES,
  ...AGREEMENT_ROUTES,
  ...RECORD_ROUTES,
  ...RETENTION_ROUTES,
  ...SUBJECT_ACCESS_ROUTES,
  ...DISPOSAL_ROUTES,
  ...FEEDBACK_ROUTES,
  ...EXCHANGE_ROUTES,
  ...PROGRAMME_ROUTES,
  ...REPORT_ROUTES,
  ...NOTIFICATION_ROUTES,
  "routes/$": {
    pattern: "/*",
    exports: { loader: true, action: true },
    get: { path: "/no-such-page", expect: everyone(404) },
    post: { path: "/no-such-page", body: {}, expect: everyone(404) },
  },
};

/** Routes Express answers before Remix (server/app.ts), by path. */
export const EXPRESS_MATRIX: Record<string, { get: HttpCell; post: HttpCell }> = {
  "/healthz": {
    get: { expect: everyone(200) },
    post: { body: {}, expect: everyone(404) }, // GET only: a POST falls through to the 404 page
  },
};

/**
 * Socket.IO: "refused" = the connection itself is refused (connect_error "unauthorized"), so no
 * event is ever handled; otherwise the ack's `ok`/`error` for a well-formed payload naming the
 * subject case (or its conference). Payloads are inert: nothing in any cell changes anything.
 */
export type SocketCell = "ok" | "not_found" | "invalid" | "refused" | "stale" | "forbidden";

export const SOCKET_MATRIX: Record<ClientEventName, { payload: (ids: CollabIds) => unknown; expect: Row<SocketCell> }> = {
  "case:subscribe": {
    payload: (ids) => ({ caseId: ids.caseId }),
    expect: { anonymous: "refused", admin: "not_found", supervisor: "ok", lead: "ok", co: "ok", other: "not_found", letterAuthor: "refused" },
  },
  // Leaving a room confirms nothing and grants nothing, so it is ok for anyone connected.
  "case:unsubscribe": { payload: (ids) => ({ caseId: ids.caseId }), expect: { ...everyone<SocketCell>("ok"), anonymous: "refused", letterAuthor: "refused" } },
  // Following a live conference: everyone on the case team (the supervisor follows), nobody else.
  "live:join": {
    payload: (ids) => ({ conferenceId: ids.conferenceId }),
    expect: { anonymous: "refused", admin: "not_found", supervisor: "ok", lead: "ok", co: "ok", other: "not_found", letterAuthor: "refused" },
  },
  "live:leave": { payload: (ids) => ({ conferenceId: ids.conferenceId }), expect: { ...everyone<SocketCell>("ok"), anonymous: "refused", letterAuthor: "refused" } },
  // Unlocking the seating plan against a version that cannot exist: only the lead gets as far as
  // the version check ("stale"); the co-facilitator and supervisor are refused by role first.
  "live:command": {
    payload: (ids) => ({ conferenceId: ids.conferenceId, command: { type: "lock-seating", locked: false, expectedVersion: 999_999 } }),
    expect: { anonymous: "refused", admin: "not_found", supervisor: "forbidden", lead: "stale", co: "forbidden", other: "not_found", letterAuthor: "refused" },
  },
};

/**
 * What the server pushes to a person's own room (`user:<id>`, joined on connect, never asked for):
 * "received" when their socket hears it about the subject case, "not" when it does not, "refused"
 * when they have no socket at all. A conference on the subject case moved is a notice every member
 * may see; the count on connecting is each person's own.
 */
export type PushCell = "received" | "not" | "refused";

export const PUSH_MATRIX: Record<"notification:new" | "notification:unread", Row<PushCell>> = {
  "notification:new": { anonymous: "refused", admin: "not", supervisor: "received", lead: "received", co: "received", other: "not", letterAuthor: "refused" },
  "notification:unread": { ...everyone<PushCell>("received"), anonymous: "refused", letterAuthor: "refused" },
};

/**
 * Collab upgrade at /collab/<documentName>: an HTTP status before any WebSocket (401/404), or
 * "open:<level>" for a 101 with the access level the server recorded (audit `collab.open`).
 */
export type CollabCell = 401 | 403 | 404 | "open:write" | "open:read";

/** Ids filled into each document name; seating uses the subject case's conference. */
export type CollabIds = {
  caseId: string;
  conferenceId: string;
  placeholderId: string;
  /** the demo letter on the subject case */
  letterId: string;
  /** an approved outcome agreement made on the subject case by the test, and its version of record */
  agreementId: string;
  versionId: string;
  /** a subject access request on the subject case (the subject access routes' `:requestId`) */
  requestId: string;
  /** a session of the programme the test starts on the subject case */
  programmeSessionId: string;
};

export const COLLAB_MATRIX: Record<CollabDocKind, { name: (ids: CollabIds) => string; expect: Row<CollabCell> }> = {
  notes: {
    name: (ids) => `case:${ids.caseId}:notes`,
    // Facilitators write, the case supervisor reads; the admin is on no case team.
    expect: { anonymous: 401, admin: 404, supervisor: "open:read", lead: "open:write", co: "open:write", other: 404, letterAuthor: 404 },
  },
  // The room plan of the subject case's conference (not started, so unlocked): facilitators write,
  // the supervisor reads, the admin and other facilitators learn nothing.
  seating: {
    name: (ids) => `conference:${ids.conferenceId}:seating`,
    expect: { anonymous: 401, admin: 404, supervisor: "open:read", lead: "open:write", co: "open:write", other: 404, letterAuthor: 404 },
  },
  // Agreements arrive with their issue: until then no such document exists.
  // An approved agreement is read-only for everyone on the case team (drafting access is tested in agreements.test.ts).
  agreement: {
    name: (ids) => `agreement:${ids.agreementId}`,
    expect: { anonymous: 401, admin: 404, supervisor: "open:read", lead: "open:read", co: "open:read", other: 404, letterAuthor: 404 },
  },
  // The demo letter: its author writes (it is drafting, not locked); the case team watches read-only.
  letter: {
    name: (ids) => `letter:${ids.letterId}`,
    expect: { anonymous: 401, admin: 404, supervisor: "open:read", lead: "open:read", co: "open:read", other: 404, letterAuthor: "open:write" },
  },
  // A programme session's notes: the case's facilitators write together (programme:record), the
  // case supervisor reads (programme:read); the letter author (the person responsible himself) never opens them.
  "session-notes": {
    name: (ids) => `programme-session:${ids.programmeSessionId}:notes`,
    expect: { anonymous: 401, admin: 404, supervisor: "open:read", lead: "open:write", co: "open:write", other: 404, letterAuthor: 404 },
  },
};

/** Composes a route's full URL pattern from the manifest (id → path, parentId, index). */
export function composePattern(routes: Record<string, { path?: string; parentId?: string } | undefined>, id: string): string {
  const segments: string[] = [];
  for (let route = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) segments.unshift(route.path.replace(/^\/+|\/+$/g, ""));
  }
  return "/" + segments.filter(Boolean).join("/");
}
