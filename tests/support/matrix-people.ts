import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the case-preparation routes (people), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 *
 * The three routes are action-only (the case screen posts to them from fetcher forms). A signed-in
 * facilitator of the case gets 400 for an invalid body; everyone else is refused before the body
 * is read: 302 to sign in, or 404 (the case's existence is not confirmed). A GET gets the same 405
 * page for every principal alike, signed in or not (the loader looks nothing up).
 */
const refusedThen400 = { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 };
const GET_ACTION_ONLY = { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 };

export const PEOPLE_ROUTES: Record<string, RouteRow> = {
  // intent "add" without a name or role: field errors, nobody is added.
  "routes/cases.$caseId_.participants": {
    pattern: "/cases/:caseId/participants",
    exports: { loader: true, action: true },
    get: { expect: GET_ACTION_ONLY },
    post: { body: { intent: "add", name: "" }, expect: refusedThen400 },
  },
  // intent "withdraw" for a participant id that does not exist: 400, nothing recorded.
  "routes/cases.$caseId_.consent": {
    pattern: "/cases/:caseId/consent",
    exports: { loader: true, action: true },
    get: { expect: GET_ACTION_ONLY },
    post: { body: { intent: "withdraw", participantId: "not-an-id", element: "TAKE_PART" }, expect: refusedThen400 },
  },
  // The withdrawal page (the question a Withdraw button asks without JavaScript). Its GET names a
  // participant that does not exist ("nothing to withdraw", 200 for the case's facilitators); its
  // POST has no participant at all (400). Nothing is withdrawn either way.
  "routes/cases.$caseId_.consent_.withdraw": {
    pattern: "/cases/:caseId/consent/withdraw",
    exports: { loader: true, action: true },
    get: {
      path: "/cases/:caseId/consent/withdraw?participantId=cmatrixplaceholder0000000&element=TAKE_PART",
      expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 200, co: 200, other: 404, letterAuthor: 404 },
    },
    post: { body: { intent: "withdraw", element: "TAKE_PART" }, expect: refusedThen400 },
  },
  // A cancelled contact without its reason: 400, nothing logged.
  "routes/cases.$caseId_.contacts": {
    pattern: "/cases/:caseId/contacts",
    exports: { loader: true, action: true },
    get: { expect: GET_ACTION_ONLY },
    post: { body: { intent: "add", kind: "VISIT", status: "CANCELLED" }, expect: refusedThen400 },
  },
};
