import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the case-preparation routes (safety), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 *
 * The four case routes are action-only resource routes posted by the case screen's fetcher forms:
 * a GET gets a 405 page to everyone before any authentication runs: nothing is read, and the
 * answer is the same for any case id, so nothing is confirmed. A POST authenticates first (302), then checks the permission
 * (404: facilitators for edits, the case supervisor for approvals), then parses (400).
 */
const actionOnly = { loader: true, action: true };
const noGet = { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 };
/** Facilitators of the case get the 400 for the invalid body; everyone else learns nothing. */
const facilitators400 = { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 };

export const SAFETY_ROUTES: Record<string, RouteRow> = {
  "routes/cases.$caseId_.risk": {
    pattern: "/cases/:caseId/risk",
    exports: actionOnly,
    get: { expect: noGet },
    // No ratings: a 400 with field errors, no assessment saved.
    post: { body: { intent: "assess" }, expect: facilitators400 },
  },
  "routes/cases.$caseId_.approval": {
    pattern: "/cases/:caseId/approval",
    exports: actionOnly,
    get: { expect: noGet },
    // No decision or comments: the case supervisor gets the 400; facilitators may not decide (404).
    post: { body: { intent: "decide" }, expect: { anonymous: 302, admin: 404, supervisor: 400, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
  },
  "routes/cases.$caseId_.stage": {
    pattern: "/cases/:caseId/stage",
    exports: actionOnly,
    get: { expect: noGet },
    // No target stage: 400, the case stays where it is.
    post: { body: { intent: "move" }, expect: facilitators400 },
  },
  "routes/cases.$caseId_.conferences": {
    pattern: "/cases/:caseId/conferences",
    exports: actionOnly,
    get: { expect: noGet },
    // Cancel without a conference id or reason: 400, nothing is cancelled.
    post: { body: { intent: "cancel" }, expect: facilitators400 },
  },
  // The supervisors' approval queue: deny by default, so only supervisors see it (even an empty one).
  "routes/approvals": {
    pattern: "/approvals",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
};
