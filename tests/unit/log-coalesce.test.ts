import fc from "fast-check";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { coalesceLog } from "../../server/collab/log-coalesce";
import type { UpdateLog } from "../../server/collab/document-store";
import { loadStored, splitLog } from "../../server/collab/log-load";
import { utf16Length } from "../../server/collab/v1-bytes";

/** A log as storage returns it: the updates back to back, and where each ends. */
function logOf(updates: Uint8Array[]): UpdateLog {
  const bytes = Buffer.concat(updates);
  let end = 0;
  return { bytes, ends: updates.map((u) => (end += u.length)) };
}

/** A client whose every local change is one logged update, as the server receives them. */
function client(id: number) {
  const doc = new Y.Doc();
  doc.clientID = id;
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && out.push(u));
  return { doc, out, text: doc.getText("t") };
}

type Id = [client: number, clock: number] | null;

/**
 * A v1 update of text items, written by hand: any origins at all. An item without origins names
 * its parent, the root text "t", and may name a key in it (parentSub). `content` 5 makes it an embed.
 */
function textUpdate(client: number, clock: number, items: [origin: Id, right: Id, text: string][], extra: { parentSub?: string; content?: number } = {}): Uint8Array {
  const e = encoding.createEncoder();
  [1, items.length, client, clock].forEach((n) => encoding.writeVarUint(e, n));
  for (const [origin, right, text] of items) {
    const parentSub = !origin && !right && extra.parentSub !== undefined;
    encoding.writeUint8(e, (extra.content ?? 4) | (origin ? 0x80 : 0) | (right ? 0x40 : 0) | (parentSub ? 0x20 : 0));
    for (const id of [origin, right]) if (id) id.forEach((n) => encoding.writeVarUint(e, n));
    if (!origin && !right) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, "t");
    }
    if (parentSub) encoding.writeVarString(e, extra.parentSub!);
    encoding.writeVarString(e, text);
  }
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}
const textItem = (client: number, clock: number, origin: Id, right: Id, text: string) => textUpdate(client, clock, [[origin, right, text]]);

/** The same bytes with some changed. */
function patched(update: Uint8Array, at: number, ...bytes: number[]): Uint8Array {
  const out = Uint8Array.from(update);
  out.set(bytes, at < 0 ? out.length + at : at);
  return out;
}

/** The reference: every update applied on its own, in order, as Yjs is meant to be used. */
function oneByOne(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

function loaded(updates: Uint8Array[]): Y.Doc {
  return loadStored({ snapshot: null, log: logOf(updates) });
}

/** Same content, same state vector, same deletions, nothing left pending. */
function expectSameDocument(a: Y.Doc, b: Y.Doc) {
  expect(a.getText("t").toDelta()).toEqual(b.getText("t").toDelta());
  expect(a.getXmlFragment("x").toString()).toBe(b.getXmlFragment("x").toString());
  expect(a.getMap("m").toJSON()).toEqual(b.getMap("m").toJSON());
  expect(Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))).toBe(true);
  expect(Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))).toBe(true);
  expect(a.store.pendingStructs?.missing).toEqual(b.store.pendingStructs?.missing);
}

describe("log coalescing (cold load of a long log)", () => {
  it("folds one person's typing into a single update with the same text", () => {
    const c = client(7);
    const typed = "Jess said she felt safe enough to come. 😀 Ünïcödé — and 中文 too.\n";
    for (const ch of typed.repeat(20)) c.text.insert(c.text.length, ch);
    const folded = coalesceLog(logOf(c.out)).updates;
    expect(c.out.length).toBeGreaterThan(1000);
    expect(folded).toHaveLength(1);
    const doc = oneByOne(folded);
    expect(doc.getText("t").toString()).toBe(typed.repeat(20));
    expectSameDocument(doc, oneByOne(c.out));
  });

  it("keeps deletions, formatting and other people's updates where they were, byte for byte", () => {
    const a = client(1);
    const b = client(2);
    for (const ch of "hello") a.text.insert(a.text.length, ch);
    a.text.delete(4, 1); // a deletion ends the run
    for (const ch of "o world") a.text.insert(a.text.length, ch);
    a.text.format(0, 5, { bold: true });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), "remote");
    b.text.insert(0, ">");
    const log = [...a.out, ...b.out];
    const folded = coalesceLog(logOf(log)).updates;
    // "hello" → 1, the deletion, " world" → 1, the format, b's insert.
    expect(folded).toHaveLength(5);
    const passedThrough = [a.out[5]!, a.out.at(-1)!, b.out[0]!];
    for (const u of passedThrough) expect(folded.some((f) => Buffer.from(f).equals(Buffer.from(u)))).toBe(true);
    expectSameDocument(oneByOne(folded), oneByOne(log));
    expect(oneByOne(folded).getText("t").toString()).toBe(">hello world");
  });

  it("joins a character only to the one it was typed after, before the same neighbour (crafted updates, as a hostile tablet could send)", () => {
    const A = textItem(2, 0, null, null, "A");
    const B = textItem(2, 1, [2, 0], null, "B"); // typed right after A
    const cases: [string, Uint8Array[], number][] = [
      ["the next character", [A, B], 1],
      [
        "two characters in one update",
        [
          A,
          textUpdate(2, 1, [
            [[2, 0], null, "B"],
            [[2, 1], null, "C"],
          ]),
        ],
        1,
      ],
      ["another client's", [A, textItem(3, 1, [2, 0], null, "B")], 2],
      ["a gap in the clock", [A, textItem(2, 5, [2, 0], null, "B")], 2],
      ["typed at the start", [A, textItem(2, 1, null, null, "B")], 2],
      ["typed after an earlier character", [A, B, textItem(2, 2, [2, 0], null, "C")], 2],
      ["with a right neighbour the first lacks", [A, textItem(2, 1, [2, 0], [2, 0], "B")], 2],
      ["with another right neighbour", [A, textItem(2, 1, null, [2, 0], "C"), textItem(2, 2, [2, 1], [2, 1], "D")], 3],
      ["an update that also deletes A", [A, Uint8Array.from([...B.subarray(0, -1), 1, 2, 1, 0, 1])], 2],
      [
        "two updates where the second item does not follow",
        [
          A,
          textUpdate(2, 1, [
            [[2, 0], null, "B"],
            [null, null, "C"],
          ]),
        ],
        2,
      ],
      ["an embed (a JSON string) typed after it", [A, textUpdate(2, 1, [[[2, 0], null, '{"image":"x"}']], { content: 5 })], 2],
      // Joined, but the load sees that these are a map key's values (each deletes the one before) and loads them one by one.
      ["the next character of text kept under a key", [textUpdate(2, 0, [[null, null, "A"]], { parentSub: "k" }), B], 1],
      ["typing after text kept under a key", [textUpdate(2, 0, [[null, null, "A"]], { parentSub: "k" }), textItem(3, 0, [2, 0], null, "B"), textItem(3, 1, [3, 0], null, "C")], 2],
      ["typing after a character that never arrived", [textItem(2, 1, [2, 0], null, "B"), textItem(2, 2, [2, 1], null, "C")], 1],
      ["ids past 2^53", [textItem(2, 2 ** 53 + 2, null, null, "A"), textItem(2, 2 ** 53 + 3, [2, 2 ** 53 + 2], null, "B")], 2],
    ];
    for (const [what, log, count] of cases) {
      expect([what, coalesceLog(logOf(log)).updates.length]).toEqual([what, count]);
      expectSameDocument(loaded(log), oneByOne(log));
    }
    expect(
      oneByOne([A, textItem(2, 1, null, null, "B")])
        .getText("t")
        .toString(),
    ).toBe("BA");
  });

  it("never joins a malformed update: it reaches Yjs as it was stored", () => {
    const A = textItem(2, 0, null, null, "A");
    const B = textItem(2, 1, [2, 0], null, "B");
    const malformed = [
      patched(B, 1, 0), // "no items", then the item's bytes
      patched(B, 0, 2), // "two clients"
      patched(B, -1, 1), // a delete set cut short
      patched(B, -2, 0xff), // text that is not UTF-8
      B.subarray(0, B.length - 1), // no delete set
      Uint8Array.from([...B, 0]), // a byte too many
      textItem(2, 1, [2, 0], null, ""), // no characters
    ];
    for (const bad of malformed) {
      const folded = coalesceLog(logOf([A, bad])).updates;
      expect(folded.map((u) => Buffer.from(u).toString("hex"))).toEqual([A, bad].map((u) => Buffer.from(u).toString("hex")));
    }
  });

  it("folds typing in a paragraph of the notes (text inside XML, as the editor writes it)", () => {
    const c = client(11);
    const paragraph = new Y.XmlElement("paragraph");
    c.doc.getXmlFragment("x").insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    for (const ch of "Jess arrived early.") text.insert(text.length, ch);
    expect(coalesceLog(logOf(c.out)).updates).toHaveLength(3); // the paragraph, its text, then all the typing
    expectSameDocument(loaded(c.out), oneByOne(c.out));
  });

  it("passes malformed updates on unchanged, so Yjs refuses them exactly as before", () => {
    const c = client(3);
    for (const ch of "abc") c.text.insert(c.text.length, ch);
    const garbage = [Uint8Array.from([1, 1, 3, 0, 4]), Uint8Array.from([0xff, 0xff]), new Uint8Array(0)];
    const log = [...c.out, ...garbage];
    const folded = coalesceLog(logOf(log)).updates;
    expect(folded.slice(1).map((u) => Buffer.from(u).toString("hex"))).toEqual(garbage.map((u) => Buffer.from(u).toString("hex")));
  });

  it("loads any history of several people editing text, XML and maps exactly as applying it update by update would", () => {
    const op = fc.record({
      who: fc.nat(2),
      kind: fc.constantFrom("type", "type", "type", "paste", "delete", "format", "xml", "map", "sync"),
      at: fc.nat(1000),
      text: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "b", " ", "é", "中", "😀", "\n") }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.constantFrom("as sent", "one tablet late", "reversed"), (ops, arrival) => {
        const people = [client(10), client(20), client(30)];
        const log: Uint8Array[] = [];
        for (const { who, kind, at, text } of ops) {
          const p = people[who]!;
          const before = p.out.length;
          const len = p.text.length;
          if (kind === "type") {
            let pos = Math.min(at, len);
            for (const ch of text) {
              p.text.insert(pos, ch);
              pos += ch.length;
            }
          } else if (kind === "paste") p.text.insert(len === 0 ? 0 : at % (len + 1), text);
          else if (kind === "delete" && len > 0) p.text.delete(at % len, 1 + (at % 3));
          else if (kind === "format" && len > 0) p.text.format(at % len, 2, { bold: at % 2 === 0 ? true : null });
          else if (kind === "xml") {
            const para = new Y.XmlElement("paragraph");
            p.doc.getXmlFragment("x").insert(0, [para]);
            para.insert(0, [new Y.XmlText(text)]);
          } else if (kind === "map") p.doc.getMap("m").set(text, at);
          else if (kind === "sync") {
            const other = people[(who + 1) % 3]!;
            Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(p.doc, Y.encodeStateVector(other.doc)), "remote");
          }
          log.push(...p.out.slice(before));
        }
        // The server logs updates in the order they arrive. Others' updates may arrive before what
        // they depend on (Yjs keeps them pending), as when a tablet comes back online late.
        const late = (u: Uint8Array) => Y.parseUpdateMeta(u).from.has(10);
        const order = arrival === "as sent" ? log : arrival === "one tablet late" ? [...log.filter((u) => !late(u)), ...log.filter(late)] : [...log].reverse();
        expectSameDocument(loaded(order), oneByOne(order));
      }),
      { numRuns: 300 },
    );
  });

  it("splits a log back into the very updates it was made of", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 }), (updates) => {
        expect(splitLog(logOf(updates)).map((u) => Buffer.from(u).toString("hex"))).toEqual(updates.map((u) => Buffer.from(u).toString("hex")));
      }),
    );
  });
});

describe("utf16Length", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  it("agrees with the decoder Yjs uses on any bytes: the decoded length, or -1 where it refuses", () => {
    const edges = [0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff];
    const utf8ish = fc.array(fc.constantFrom(...edges), { maxLength: 12 }).map((b) => Uint8Array.from(b));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 24 }),
          utf8ish,
          fc.string({ unit: "grapheme" }).map((s) => new TextEncoder().encode(s)),
        ),
        (bytes) => {
          let expected: number;
          try {
            expected = fatal.decode(bytes).length;
          } catch {
            expected = -1;
          }
          expect(utf16Length(bytes, 0, bytes.length)).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
    // Surrogates, overlong forms, beyond U+10FFFF, cut short; a kept BOM; a four-byte character.
    const refused = [
      [0xed, 0xa0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xc0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xe2, 0x82],
    ];
    for (const b of refused) expect(utf16Length(Uint8Array.from(b), 0, b.length)).toBe(-1);
    expect(utf16Length(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 0, 4)).toBe(2);
    expect(utf16Length(Uint8Array.from([0xf0, 0x9f, 0x98, 0x80]), 0, 4)).toBe(2);
  });
});
