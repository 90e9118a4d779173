import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the messages passed between the parties, spread into ROUTE_MATRIX.
 * Every POST body is invalid, so no cell records, approves or delivers anything.
 */
export const EXCHANGE_ROUTES: Record<string, RouteRow> = {
  // The case team reads the exchange (the supervisor too); the manager, other facilitators and the
  // letter author learn nothing of it.
  "routes/cases.$caseId_.exchange": {
    pattern: "/cases/:caseId/exchange",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 200, lead: 200, co: 200, other: 404, letterAuthor: 404 } },
    // A message with nothing in it: the facilitators get as far as validation, the rest 404 before it.
    post: { body: { intent: "record" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    intents: {
      approve: { body: { intent: "approve" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      deliver: { body: { intent: "deliver" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      edit: { body: { intent: "edit" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      choice: { body: { intent: "choice" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      // A party's own message workspace is opened, renewed and closed by the facilitators only.
      "open-writer": { body: { intent: "open-writer" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      "renew-writer": { body: { intent: "renew-writer" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
      "close-writer": { body: { intent: "close-writer" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    },
  },
  // The pack is what reaches a party: only the facilitators who pass messages on print it. Without
  // saying whom it is for, they are asked to choose (400); everyone else gets 404 first.
  "routes/cases.$caseId_.exchange_.pack": {
    pattern: "/cases/:caseId/exchange/pack",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
  // The same pack as a PDF: the same people, the same refusals.
  "routes/cases.$caseId_.exchange_.pack[.]pdf": {
    pattern: "/cases/:caseId/exchange/pack.pdf",
    exports: { loader: true, action: false },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 400, co: 400, other: 404, letterAuthor: 404 } },
    post: { body: {}, expect: { anonymous: 405, admin: 405, supervisor: 405, lead: 405, co: 405, other: 405, letterAuthor: 405 } },
  },
  // A party's own message workspace: only an author with one open reaches it. Staff read the
  // exchange on the case; the demo author (Daniel, writing a letter) has no message workspace, so
  // he too gets 404, as does a post naming no workspace of his.
  "routes/messages": {
    pattern: "/messages",
    exports: { loader: true, action: true },
    get: { expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
    post: { body: { intent: "write" }, expect: { anonymous: 302, admin: 404, supervisor: 404, lead: 404, co: 404, other: 404, letterAuthor: 404 } },
  },
};
