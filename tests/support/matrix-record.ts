import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for referral intake and the case record, spread into ROUTE_MATRIX.
 * Every POST body is invalid, so no cell records or changes a case.
 */
const everyone = (value: number) => ({ anonymous: value, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: value });
const adminOnly = (value: number) => ({ ...everyone(404), anonymous: 302, admin: value });

export const RECORD_ROUTES: Record<string, RouteRow> = {
  // Recording a referral: facilitators (any of them: they put themselves on the new case's team)
  // and the service manager. Supervisors and letter authors learn nothing of the page.
  "routes/cases.new": {
    pattern: "/cases/new",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 200, supervisor: 404, lead: 200, co: 200, other: 200, letterAuthor: 404 } },
    // Nothing filled in: a 400 with a message per field, no case recorded.
    post: { body: {}, expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 400, co: 400, other: 400, letterAuthor: 404 } },
  },
  // The case record's forms (details, close, reopen): the case's facilitators and the manager get
  // as far as validation; the supervisor, other facilitators and the author get 404 before it.
  "routes/cases.$caseId_.record": {
    pattern: "/cases/:caseId/record",
    exports: { loader: true, action: true },
    get: { expect: everyone(405) },
    post: { body: { intent: "details" }, expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
  },
  // The manager's service overview (their landing page).
  "routes/admin._index": {
    pattern: "/admin",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { path: "/admin?index", body: {}, expect: everyone(405) },
  },
  // The manager's view of one case's record: details, team, closure, history.
  "routes/admin.cases.$caseId._index": {
    pattern: "/admin/cases/:caseId",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { path: "/admin/cases/:caseId?index", body: {}, expect: everyone(405) },
  },
};
