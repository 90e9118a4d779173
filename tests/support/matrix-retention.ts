import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for retention, spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const RETENTION_ROUTES: Record<string, RouteRow> = {
  // The service's retention rules and the cases due for review: the service manager's page; everyone else gets 404.
  "routes/admin.retention": {
    pattern: "/admin/retention",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 200, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    // No reason and no length: the admin gets a 400 field error and no rule is added.
    post: {
      body: { intent: "add", caseType: "ADULT", outcome: "COMPLETED", basis: "AFTER_CLOSURE" },
      expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 },
    },
    intents: {
      // How long the audit trail is kept: 0 years and no reason, so the admin gets a 400 and the period stays.
      "audit-period": {
        body: { intent: "audit-period", years: "0", reason: "" },
        expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 },
      },
    },
  },
};
