import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the conference script, spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const SCRIPT_ROUTES: Record<string, RouteRow> = {
  // Everyone on the case team reads the script; only the facilitators change it.
  "routes/conferences.$conferenceId_.script": {
    pattern: "/conferences/:conferenceId/script",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    // No stepId: a facilitator gets a 400 field error and nothing moves.
    post: { body: { intent: "move", direction: "up" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
  },
  // Script templates of the service: the service manager's page; everyone else gets 404.
  "routes/admin.scripts": {
    pattern: "/admin/scripts",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 200, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    // No name: the admin gets a 400 field error and no template is created.
    post: { body: { intent: "create", basedOn: "standard" }, expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
  },
};
