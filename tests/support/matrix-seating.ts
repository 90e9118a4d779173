import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the live-conference routes (seating), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const SEATING_ROUTES: Record<string, RouteRow> = {
  // The room plan: the case team sees it (the supervisor read-only); nobody else learns the conference exists.
  // The plan itself is a collab document; the page has no action (unlocking is a live command).
  "routes/conferences.$conferenceId_.seating": {
    pattern: "/conferences/:conferenceId/seating",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
};
