import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the intervention programme, spread into ROUTE_MATRIX. Every POST
 * body is invalid, so no cell starts, changes or records anything.
 */
const FACILITATORS = { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 };

export const PROGRAMME_ROUTES: Record<string, RouteRow> = {
  // The case team reads the programme (the supervisor too); the manager, other facilitators and the
  // letter author learn nothing of it.
  "routes/cases.$caseId_.programme": {
    pattern: "/cases/:caseId/programme",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    // The facilitators get as far as validation, the rest 404 before it.
    post: { body: { intent: "skip" }, expect: FACILITATORS },
    intents: {
      start: { body: { intent: "start" }, expect: FACILITATORS },
      restore: { body: { intent: "restore" }, expect: FACILITATORS },
      move: { body: { intent: "move" }, expect: FACILITATORS },
      add: { body: { intent: "add" }, expect: FACILITATORS },
      schedule: { body: { intent: "schedule" }, expect: FACILITATORS },
      attendance: { body: { intent: "attendance" }, expect: FACILITATORS },
      review: { body: { intent: "review" }, expect: FACILITATORS },
      judgement: { body: { intent: "judgement" }, expect: FACILITATORS },
      // Only the case supervisor decides the case may go ahead without it.
      override: { body: { intent: "override" }, expect: { anonymous: 302, admin: 404, supervisor: 400, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
      // The person responsible's worksheets are set, commented on and closed by the facilitators only.
      "worksheet-set": { body: { intent: "worksheet-set" }, expect: FACILITATORS },
      "worksheet-comment": { body: { intent: "worksheet-comment" }, expect: FACILITATORS },
      "worksheet-close": { body: { intent: "worksheet-close" }, expect: FACILITATORS },
    },
  },
  // The person responsible's own worksheets: only an author with one open reaches them. Staff read
  // worksheets on the programme page; the demo author (Daniel, writing a letter) has none, so he
  // too gets 404, as does a post naming no worksheet of his.
  "routes/worksheets": {
    pattern: "/worksheets",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    post: { body: { intent: "save" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
  },
  // The service's programme templates are the manager's.
  "routes/admin.programmes": {
    pattern: "/admin/programmes",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 200, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    post: { body: { intent: "create", basedOn: "standard" }, expect: { anonymous: 302, admin: 400, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
  },
};
