import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for outcome agreements, spread into ROUTE_MATRIX.
 * Every POST body is invalid or inert so no cell changes anything.
 *
 * ":versionId" must be filled with the id of an APPROVED version of the subject case's agreement
 * (the print and PDF rows). With no approved agreement on the subject case, every signed-in
 * principal gets 404 on those two rows instead.
 */
const members = (value: number) => ({ anonymous: 302, admin: 404, supervisor: value, lead: value, co: value, other: 404, letterAuthor: 404 });

export const AGREEMENT_ROUTES: Record<string, RouteRow> = {
  // The workspace: every case member reads (the supervisor reviews); facilitators draft.
  "routes/cases.$caseId_.agreement": {
    pattern: "/cases/:caseId/agreement",
    exports: { loader: true, action: true },
    get: { expect: members(200) },
    // An unknown intent: a member gets a 400 field error before any permission is needed; nothing changes.
    post: { body: { intent: "not-an-intent" }, expect: members(400) },
  },
  // Compare two versions: without ?from=&to= naming versions of this case's agreement, 404 for everyone.
  "routes/cases.$caseId_.agreement_.diff": {
    pattern: "/cases/:caseId/agreement/diff",
    exports: { loader: true, action: false },
    get: { expect: members(404) },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
  "routes/cases.$caseId_.agreement_.versions.$versionId.print": {
    pattern: "/cases/:caseId/agreement/versions/:versionId/print",
    exports: { loader: true, action: false },
    get: { path: "/cases/:caseId/agreement/versions/:versionId/print", expect: members(200) },
    post: {
      path: "/cases/:caseId/agreement/versions/:versionId/print",
      body: {},
      expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 },
    },
  },
  "routes/cases.$caseId_.agreement_.versions.$versionId.pdf": {
    pattern: "/cases/:caseId/agreement/versions/:versionId/pdf",
    exports: { loader: true, action: false },
    get: { path: "/cases/:caseId/agreement/versions/:versionId/pdf", expect: members(200) },
    post: {
      path: "/cases/:caseId/agreement/versions/:versionId/pdf",
      body: {},
      expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 },
    },
  },
  // The supervisors' agreement dashboard: anyone who is not a supervisor gets 404.
  "routes/reviews": {
    pattern: "/reviews",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
};
