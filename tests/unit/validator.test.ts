import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { decodesCleanly, INLINE_MAX_BYTES, UpdateValidator, withinBounds } from "../../server/collab/validator";

const validator = new UpdateValidator();
afterAll(() => validator.close());

function realUpdate(text: string) {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Real updates of every content kind: text with formatting and embeds, maps, arrays, nested and XML types, deletions. */
function seedUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const t = doc.getText("t");
  t.insert(0, "hello world");
  t.format(0, 5, { bold: true });
  t.insertEmbed(3, { img: "x" });
  t.delete(1, 2);
  const m = doc.getMap("m");
  m.set("k", 1);
  m.set("nested", new Y.Map());
  const a = doc.getArray("a");
  a.insert(0, [1, "x", { o: [1, 2] }, new Uint8Array([1, 2]), null, true, 2.5]);
  a.insert(1, [new Y.Text("inner")]);
  doc.getXmlFragment("x").insert(0, [new Y.XmlElement("p"), new Y.XmlText("hi")]);
  out.push(Y.encodeStateAsUpdate(doc));
  return out;
}

describe("update validator", () => {
  it("accepts real updates and refuses undecodable ones, each answered for itself within one worker batch", async () => {
    const good = realUpdate("Jessica wants to speak first.");
    const truncated = good.subarray(0, good.length - 4);
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]);
    const results = await Promise.all([good, truncated, realUpdate("second"), garbage].map((u) => validator.validate(u)));
    expect(results).toEqual([true, false, true, false]);
  });

  it("keeps answering after refusing a bad update", async () => {
    expect(await validator.validate(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(await validator.validate(realUpdate("still here"))).toBe(true);
  });

  it("answers small updates inline (a boolean now) and sends large ones to the worker (a promise)", async () => {
    const small = realUpdate("a few words");
    expect(small.length).toBeLessThanOrEqual(INLINE_MAX_BYTES);
    expect(validator.check(small)).toBe(true);
    expect(validator.check(small.subarray(0, small.length - 3))).toBe(false);
    const large = realUpdate("x".repeat(INLINE_MAX_BYTES * 2));
    const verdict = validator.check(large);
    expect(verdict).toBeInstanceOf(Promise);
    expect(await verdict).toBe(true);
    const largeBad = large.subarray(0, large.length - 10);
    expect(await validator.check(largeBad)).toBe(false);
  });

  it("accepts every real update of every content kind", () => {
    for (const u of seedUpdates()) expect(decodesCleanly(u)).toBe(true);
  });

  it("never throws on arbitrary bytes, and the inline check and the worker agree", async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => typeof decodesCleanly(bytes) === "boolean"),
      { numRuns: 5000 },
    );
    const samples = fc.sample(fc.uint8Array({ maxLength: 200 }), 300);
    const inline = samples.map((s) => decodesCleanly(s));
    const worker = await Promise.all(samples.map((s) => validator.validate(s)));
    expect(worker).toEqual(inline);
  });

  it("never throws on mutated real updates (flips, insertions, deletions, truncation): a verdict, the same as Y.decodeUpdate's", () => {
    const seeds = seedUpdates();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          let bytes = Array.from(seeds[which]!);
          for (const [at, value, kind] of mutations) {
            const p = at % (bytes.length + 1);
            if (kind === 0) bytes[p] = value;
            else if (kind === 1) bytes.splice(p, 0, value);
            else if (kind === 2) bytes.splice(p, 1);
            else bytes = bytes.slice(0, p);
          }
          const update = Uint8Array.from(bytes);
          const verdict = decodesCleanly(update);
          let yjs: boolean;
          try {
            yjs = withinBounds(Y.decodeUpdate(update));
          } catch {
            yjs = false;
          }
          expect(verdict).toBe(yjs);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses subdocuments, and clocks or lengths no tablet reaches (they break Yjs's arithmetic)", async () => {
    const withSubdoc = new Y.Doc();
    withSubdoc.getMap("m").set("sub", new Y.Doc());
    const gc = (clock: number, length: number) => {
      const e = encoding.createEncoder();
      [1, 1, 7, clock].forEach((n) => encoding.writeVarUint(e, n));
      encoding.writeUint8(e, 0); // a GC struct
      encoding.writeVarUint(e, length);
      encoding.writeVarUint(e, 0); // no deletions
      return encoding.toUint8Array(e);
    };
    const deletion = (clock: number, len: number) => {
      const e = encoding.createEncoder();
      [0, 1, 7, 1, clock, len].forEach((n) => encoding.writeVarUint(e, n));
      return encoding.toUint8Array(e);
    };
    for (const update of [Y.encodeStateAsUpdate(withSubdoc), gc(0, 2 ** 52), gc(2 ** 53 - 10, 1), deletion(2 ** 52, 1)]) {
      expect(decodesCleanly(update)).toBe(false);
      expect(await validator.validate(update)).toBe(false);
    }
    expect(decodesCleanly(gc(0, 5))).toBe(true);
    expect(decodesCleanly(deletion(10, 3))).toBe(true);
  });

  it("refuses an update whose delete set or struct count runs past the end", () => {
    expect(decodesCleanly(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]))).toBe(false);
    expect(decodesCleanly(new Uint8Array([0, 1, 5, 1]))).toBe(false); // a delete set cut short
    expect(decodesCleanly(new Uint8Array([0, 0]))).toBe(true); // the empty update
    expect(decodesCleanly(new Uint8Array([]))).toBe(false);
  });
});
