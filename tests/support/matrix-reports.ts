import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the reports, spread into ROUTE_MATRIX. The manager reports on the
 * service and a supervisor on their own cases; facilitators and letter authors get 404.
 */
const managersAndSupervisors = { anonymous: 302, admin: 200, supervisor: 200, lead: 404, co: 404, other: 404, letterAuthor: 404 };
/** No report takes a form: a POST answers 405 whoever sends it. */
const nobodyPosts = { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 };

export const REPORT_ROUTES: Record<string, RouteRow> = {
  "routes/reports": {
    pattern: "/reports",
    exports: { loader: true, action: false },
    get: { expect: managersAndSupervisors },
    post: { body: {}, expect: nobodyPosts },
  },
  // One table as CSV, always suppressed; audited as an export.
  "routes/reports_.csv.$table": {
    pattern: "/reports/csv/:table",
    exports: { loader: true, action: false },
    get: { path: "/reports/csv/cases-by-stage", expect: managersAndSupervisors },
    post: { path: "/reports/csv/cases-by-stage", body: {}, expect: nobodyPosts },
  },
  // The quarterly return for a commissioner, always suppressed; audited as an export.
  "routes/reports_.quarterly[.]pdf": {
    pattern: "/reports/quarterly.pdf",
    exports: { loader: true, action: false },
    get: { path: "/reports/quarterly.pdf?quarter=2026-Q3", expect: managersAndSupervisors },
    post: { body: {}, expect: nobodyPosts },
  },
};
