import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLIENT_EVENTS, ClientEventSchemas, COLLAB_DOC_KINDS, CollabClose, parseDocumentName, type ClientEventName, type CollabDocKind } from "~/realtime/protocol";

// An independent statement of docs/architecture.md §3's document names, to check the parser against.
const ID = "c[a-z0-9]{20,31}";
const ORACLE: Record<CollabDocKind, RegExp> = {
  notes: new RegExp(`^case:(${ID}):notes$`),
  seating: new RegExp(`^conference:(${ID}):seating$`),
  agreement: new RegExp(`^agreement:(${ID})$`),
  letter: new RegExp(`^letter:(${ID})$`),
  "session-notes": new RegExp(`^programme-session:(${ID}):notes$`),
};
const oracle = (name: string) => {
  for (const [kind, re] of Object.entries(ORACLE)) {
    const m = re.exec(name);
    if (m) return { kind, id: m[1], name };
  }
  return null;
};

const ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".split("");
const idArb = fc.array(fc.constantFrom(...ID_CHARS), { minLength: 20, maxLength: 31 }).map((cs) => `c${cs.join("")}`);
const SHAPES: Record<CollabDocKind, (id: string) => string> = {
  notes: (id) => `case:${id}:notes`,
  seating: (id) => `conference:${id}:seating`,
  agreement: (id) => `agreement:${id}`,
  letter: (id) => `letter:${id}`,
  "session-notes": (id) => `programme-session:${id}:notes`,
};
const validArb = fc.tuple(fc.constantFrom(...COLLAB_DOC_KINDS), idArb).map(([kind, id]) => ({ kind, id, name: SHAPES[kind](id) }));
/** Strings made of the pieces real names are made of, so near misses are common. */
const nearMissArb = fc
  .array(
    fc.oneof(
      fc.constantFrom("case", "conference", "agreement", "letter", "notes", "seating", "programme-session", ":", "c", "C", "/", "\n", " ", "%3A", "\u0000"),
      idArb,
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));

const SAMPLE_ID = "ckx1y2z3a4b5c6d7e8f9g0h1";

describe("parseDocumentName", () => {
  it.each(COLLAB_DOC_KINDS)("accepts the %s pattern and returns its kind, id and name", (kind) => {
    const name = SHAPES[kind](SAMPLE_ID);
    expect(parseDocumentName(name)).toEqual({ kind, id: SAMPLE_ID, name });
  });

  it("knows exactly the four document kinds of the design", () => {
    expect([...COLLAB_DOC_KINDS].sort()).toEqual(["agreement", "letter", "notes", "seating", "session-notes"]);
  });

  it.each([
    ["empty", ""],
    ["unknown kind", "foo"],
    ["non-id", "case:x:notes"],
    ["id too short", `case:c${"a".repeat(19)}:notes`],
    ["id too long", `case:c${"a".repeat(32)}:notes`],
    ["id not starting with c", `case:x${"a".repeat(24)}:notes`],
    ["upper-case id", `case:${SAMPLE_ID.toUpperCase()}:notes`],
    ["upper-case kind", `CASE:${SAMPLE_ID}:notes`],
    ["wrong suffix for a case", `case:${SAMPLE_ID}:seating`],
    ["wrong suffix for a conference", `conference:${SAMPLE_ID}:notes`],
    ["agreement with a suffix", `agreement:${SAMPLE_ID}:notes`],
    ["trailing newline", `letter:${SAMPLE_ID}\n`],
    ["leading space", ` letter:${SAMPLE_ID}`],
    ["trailing slash", `letter:${SAMPLE_ID}/`],
    ["path traversal", `case:${SAMPLE_ID}:notes/../../etc`],
    ["encoded colon", `letter%3A${SAMPLE_ID}`],
    ["NUL byte", `letter:${SAMPLE_ID}\u0000`],
    ["over-long", `letter:${SAMPLE_ID}${"x".repeat(100)}`],
    ["prototype key", "__proto__"],
  ])("rejects %s", (_label, name) => {
    expect(parseDocumentName(name)).toBeNull();
  });

  it("never throws, and returns a result exactly for names of a valid shape (arbitrary strings)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: "binary", maxLength: 120 }), nearMissArb), (name) => {
        expect(parseDocumentName(name)).toEqual(oracle(name));
      }),
      { numRuns: 3000 },
    );
  });

  it("parses every well-formed name back to its kind and id", () => {
    fc.assert(
      fc.property(validArb, ({ kind, id, name }) => {
        expect(parseDocumentName(name)).toEqual({ kind, id, name });
      }),
    );
  });

  it("rejects any well-formed name with anything added before or after it", () => {
    fc.assert(
      fc.property(validArb, fc.string({ minLength: 1, maxLength: 10 }), fc.boolean(), ({ name }, extra, before) => {
        const mutated = before ? extra + name : name + extra;
        fc.pre(oracle(mutated) === null); // e.g. appending id characters can still give a valid id
        expect(parseDocumentName(mutated)).toBeNull();
      }),
    );
  });
});

describe("ClientEventSchemas", () => {
  it("has a schema for every client event and no other", () => {
    expect(Object.keys(ClientEventSchemas).sort()).toEqual([...CLIENT_EVENTS].sort());
  });

  /** A valid payload per event, and the id field each one names. */
  const VALID: Record<ClientEventName, { payload: Record<string, unknown>; idKey: string }> = {
    "case:subscribe": { payload: { caseId: SAMPLE_ID }, idKey: "caseId" },
    "case:unsubscribe": { payload: { caseId: SAMPLE_ID }, idKey: "caseId" },
    "live:join": { payload: { conferenceId: SAMPLE_ID }, idKey: "conferenceId" },
    "live:leave": { payload: { conferenceId: SAMPLE_ID }, idKey: "conferenceId" },
    "live:command": { payload: { conferenceId: SAMPLE_ID, command: { type: "next", expectedVersion: 3 } }, idKey: "conferenceId" },
  };

  it.each(CLIENT_EVENTS)("%s accepts its payload, and refuses a bad id or a missing field", (event) => {
    const { payload, idKey } = VALID[event];
    expect(ClientEventSchemas[event].safeParse(payload)).toMatchObject({ success: true, data: payload });
    expect(ClientEventSchemas[event].safeParse({ ...payload, [idKey]: "not-an-id" }).success).toBe(false);
    expect(ClientEventSchemas[event].safeParse({}).success).toBe(false);
  });

  it.each(CLIENT_EVENTS)("%s rejects any extra key", (event) => {
    const { payload } = VALID[event];
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !Object.hasOwn(payload, k)),
        fc.anything(),
        (key, value) => {
          expect(ClientEventSchemas[event].safeParse({ ...payload, [key]: value }).success).toBe(false);
        },
      ),
    );
  });

  it.each(CLIENT_EVENTS)("%s never throws and accepts nothing but its own keys", (event) => {
    const keys = Object.keys(VALID[event].payload).sort();
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (payload) => {
        const result = ClientEventSchemas[event].safeParse(payload);
        if (result.success) expect(Object.keys(result.data).sort()).toEqual(keys);
      }),
    );
  });

  it("rejects a __proto__ key smuggled in by JSON", () => {
    const payload: unknown = JSON.parse(`{"caseId": "${SAMPLE_ID}", "__proto__": {"admin": true}}`);
    for (const event of CLIENT_EVENTS) expect(ClientEventSchemas[event].safeParse(payload).success).toBe(false);
  });
});

describe("protocol constants", () => {
  it("uses only valid, distinct WebSocket close codes", () => {
    const codes = Object.values(CollabClose);
    expect(new Set(codes).size).toBe(codes.length);
    // RFC 6455 §7.4: a server may send 1000–1003 and 1007–1014 (1004–1006 and 1015 are reserved);
    // everything Circle-specific lives in the private 4000–4999 range.
    const sendable = (code: number) => (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 4000 && code <= 4999);
    for (const code of codes) expect(sendable(code), String(code)).toBe(true);
  });
});
