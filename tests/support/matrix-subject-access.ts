import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for data protection requests, spread into ROUTE_MATRIX. `:requestId`
 * is a subject access request on the subject case (prepareMatrixSubject makes it). Every POST body
 * is invalid, so no cell records, redacts or releases anything.
 *
 * Subject access is the service manager's alone; corrections are the case's facilitators' and the
 * manager's (the case supervisor reads them on the case page but does not record them).
 */
const everyone = (value: number) => ({ anonymous: value, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: value });
const adminOnly = (value: number) => ({ ...everyone(404), anonymous: 302, admin: value });

export const SUBJECT_ACCESS_ROUTES: Record<string, RouteRow> = {
  "routes/admin.cases.$caseId.subject-access._index": {
    pattern: "/admin/cases/:caseId/subject-access",
    exports: { loader: true, action: true },
    get: { expect: adminOnly(200) },
    // Nobody chosen: 400 with a message per field, no request recorded.
    post: { path: "/admin/cases/:caseId/subject-access?index", body: {}, expect: adminOnly(400) },
  },
  "routes/admin.cases.$caseId.subject-access.$requestId": {
    pattern: "/admin/cases/:caseId/subject-access/:requestId",
    exports: { loader: true, action: true },
    get: { expect: adminOnly(200) },
    // No phrase: 400, nothing redacted.
    post: { body: { intent: "redact" }, expect: adminOnly(400) },
  },
  "routes/admin.cases.$caseId.subject-access.$requestId_.pdf": {
    pattern: "/admin/cases/:caseId/subject-access/:requestId/pdf",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: everyone(405) },
  },
  "routes/admin.cases.$caseId.subject-access.$requestId_.json": {
    pattern: "/admin/cases/:caseId/subject-access/:requestId/json",
    exports: { loader: true, action: false },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: everyone(405) },
  },
  "routes/cases.$caseId_.rectifications": {
    pattern: "/cases/:caseId/rectifications",
    exports: { loader: true, action: true },
    get: { expect: everyone(405) },
    // Nothing filled in: 400 for those who may record one; 404 before the form for everyone else.
    post: { body: { intent: "record" }, expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
  },
};
