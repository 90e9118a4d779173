import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for letters, spread into ROUTE_MATRIX. `:letterId` is the
 * demo letter on the subject case (author `daniel`, drafting). Every POST body is invalid or inert.
 *
 * The author's pages answer 404 to staff and every staff page answers 404 to the author; the case
 * supervisor reads a letter but never moderates or delivers it.
 */
const staffOnly404 = { admin: 404, other: 404, letterAuthor: 404 } as const;

export const LETTER_ROUTES: Record<string, RouteRow> = {
  "routes/letters._index": {
    pattern: "/letters",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 200 } },
    // Marking their own notices read: no intent is a 400, nothing marked; staff: 404 like the page.
    post: { path: "/letters?index", body: {}, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 400 } },
  },
  // The author's workspace: only its author; a suggestion answer without an id is a 400 and changes nothing.
  "routes/letters.$letterId": {
    pattern: "/letters/:letterId",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 200 } },
    post: { body: { intent: "accept-suggestion" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 400 } },
  },
  // The case's letters: the team reads; facilitators open one (no writer chosen: 400, nothing opened).
  "routes/cases.$caseId_.letters._index": {
    pattern: "/cases/:caseId/letters",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, supervisor: 200, lead: 200, co: 200, ...staffOnly404 } },
    post: { path: "/cases/:caseId/letters?index", body: { intent: "open" }, expect: { anonymous: 302, supervisor: 404, lead: 400, co: 400, ...staffOnly404 } },
  },
  // Oversight: the team reads; only facilitators moderate (an empty comment: 400). The author: 404.
  "routes/cases.$caseId_.letters.$letterId": {
    pattern: "/cases/:caseId/letters/:letterId",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, supervisor: 200, lead: 200, co: 200, ...staffOnly404 } },
    post: { body: { intent: "comment" }, expect: { anonymous: 302, supervisor: 404, lead: 400, co: 400, ...staffOnly404 } },
  },
  // Print and PDF of the approved letter: facilitators only, and the demo letter is not approved
  // yet, so they get 404 too (tests/integration/letters.test.ts covers the approved case).
  "routes/cases.$caseId_.letters.$letterId_.print": {
    pattern: "/cases/:caseId/letters/:letterId/print",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, supervisor: 404, lead: 404, co: 404, ...staffOnly404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
  "routes/cases.$caseId_.letters.$letterId_.pdf": {
    pattern: "/cases/:caseId/letters/:letterId/pdf",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, supervisor: 404, lead: 404, co: 404, ...staffOnly404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
};
