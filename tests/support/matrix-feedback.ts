import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for participants' feedback, spread into ROUTE_MATRIX. Every POST body is
 * invalid, so no cell records anything or puts a session in participant mode. What a session in
 * participant mode gets from every route is tested apart (tests/integration/participant-mode.test.ts),
 * since none of the principals here is in it.
 */
const everyone = (value: number) => ({ anonymous: value, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: value });

export const FEEDBACK_ROUTES: Record<string, RouteRow> = {
  // The case team reads the feedback (the supervisor too); the manager, other facilitators and the
  // letter author learn nothing of it.
  "routes/cases.$caseId_.feedback": {
    pattern: "/cases/:caseId/feedback",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    // A paper form with nothing in it: the facilitators get as far as validation, the rest 404 before it.
    post: { body: { intent: "paper" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    intents: {
      // Handing the tablet over: the facilitators only; no participant named, so nothing is handed over.
      "hand-over": { body: { intent: "hand-over" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    },
  },
  // The participant's page and the way out of it open only for a session in participant mode:
  // everyone else is sent to sign in, or to their own home.
  "routes/participant": {
    pattern: "/participant",
    exports: { loader: true, action: true },
    get: { expect: everyone(302) },
    post: { body: { intent: "decline" }, expect: everyone(302) },
  },
  "routes/participant_.leave": {
    pattern: "/participant/leave",
    exports: { loader: true, action: true },
    get: { expect: everyone(302) },
    post: { body: { password: "" }, expect: everyone(302) },
  },
};
