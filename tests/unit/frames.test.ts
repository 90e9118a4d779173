import fc from "fast-check";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSavedFromStore,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseAwareness,
  parseFrame,
} from "../../server/collab/frames";

const bytes = fc.uint8Array({ maxLength: 300 });

describe("collab frame parser", () => {
  it("round-trips every message type the y-websocket client sends", () => {
    fc.assert(
      fc.property(bytes, (payload) => {
        expect(parseFrame(encodeSyncStep1(payload))).toEqual({ type: "sync-step1", stateVector: payload });
        expect(parseFrame(encodeSyncStep2(payload))).toEqual({ type: "sync-step2", update: payload });
        const message = encodeUpdate(payload);
        expect(parseFrame(message)).toEqual({ type: "update", update: payload, message });
        expect(parseFrame(encodeAwareness(payload))).toEqual({ type: "awareness", update: payload });
      }),
    );
  });

  it("never throws on arbitrary bytes, and accepts only exactly one well-formed message", () => {
    fc.assert(
      fc.property(bytes, (random) => {
        const frame = parseFrame(random);
        if (frame === null) return;
        // Anything accepted re-encodes to the very same bytes: no trailing or hidden content.
        const again =
          frame.type === "sync-step1"
            ? encodeSyncStep1(frame.stateVector)
            : frame.type === "sync-step2"
              ? encodeSyncStep2(frame.update)
              : frame.type === "update"
                ? encodeUpdate(frame.update)
                : frame.type === "awareness"
                  ? encodeAwareness(frame.update)
                  : new Uint8Array([3]);
        expect(Buffer.from(again).equals(Buffer.from(random))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("rejects truncated and over-long frames", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 5 }), (payload, extra) => {
        const frame = encodeUpdate(payload);
        expect(parseFrame(frame.subarray(0, frame.length - 1))).toBeNull();
        expect(parseFrame(Buffer.concat([frame, extra]))).toBeNull();
      }),
    );
  });

  it("writes the saved message from a document's store exactly as from its encoded state vector", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1, maxLength: 4 })), { maxLength: 30 }), (edits) => {
        // Several clients (ids 1..6) type into one shared document; then compare both encodings.
        const docs = new Map<number, Y.Doc>();
        const shared = new Y.Doc();
        for (const [who, text] of edits) {
          let doc = docs.get(who);
          if (!doc) {
            doc = new Y.Doc();
            doc.clientID = who + 1;
            docs.set(who, doc);
          }
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(shared));
          doc.getText("t").insert(0, text);
          Y.applyUpdate(shared, Y.encodeStateAsUpdate(doc));
        }
        const fromStore = parseSaved(encodeSavedFromStore(shared.store.clients));
        expect(fromStore).toEqual(Y.decodeStateVector(Y.encodeStateVector(shared)));
      }),
    );
  });

  it("does not treat the server's own saved message as client input", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "x");
    expect(parseFrame(encodeSavedFromStore(doc.store.clients))).toBeNull();
  });

  it("decodes awareness entries and refuses malformed or oversized ones", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ clientId: fc.nat(), clock: fc.nat(), state: fc.oneof(fc.constant(null), fc.record({ cursor: fc.nat() })) }), { maxLength: 10 }),
        (entries) => {
          expect(parseAwareness(encodeAwarenessEntries(entries))).toEqual(entries);
        },
      ),
    );
    expect(parseAwareness(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]))).toBeNull(); // "{{{" is not JSON
    const many = Array.from({ length: 65 }, (_, i) => ({ clientId: i, clock: 0, state: {} }));
    expect(parseAwareness(encodeAwarenessEntries(many))).toBeNull();
  });
});

/** The state vector carried by a "saved" message (type 100, then a length-prefixed state vector). */
function parseSaved(message: Uint8Array): Map<number, number> {
  expect(message[0]).toBe(100);
  const decoder = decoding.createDecoder(message.subarray(1));
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

describe("collab frames written with more bytes than they need", () => {
  it("refuses a type number or a length in a longer varint than its value needs", () => {
    expect(parseFrame(Uint8Array.from([131, 0]))).toBeNull(); // query-awareness (3) as two bytes
    expect(parseFrame(Uint8Array.from([3]))).toEqual({ type: "query-awareness" });
    expect(parseFrame(Uint8Array.from([1, 0x82, 0x00, 7, 8]))).toBeNull(); // awareness, length 2 as two bytes
    expect(parseFrame(Uint8Array.from([0, 0x80, 0x00, 0]))).toBeNull(); // sync type 0 as two bytes
  });
});
