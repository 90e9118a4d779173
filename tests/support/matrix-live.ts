import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the live-conference routes (live), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 *
 * The path names `:conferenceId`: the matrix test must fill it with the subject case's conference
 * (ids.conferenceId), as it fills `:caseId`.
 */
export const LIVE_ROUTES: Record<string, RouteRow> = {
  // The live screen: the case team (lead chairs, co takes notes, supervisor follows); nobody else
  // learns the conference exists. No action: a POST is refused before anything runs.
  "routes/conferences.$conferenceId_.live": {
    pattern: "/conferences/:conferenceId/live",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
};
