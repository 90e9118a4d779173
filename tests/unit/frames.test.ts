import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSaved,
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
        expect(parseFrame(encodeUpdate(payload))).toEqual({ type: "update", update: payload });
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
          frame.type === "sync-step1" ? encodeSyncStep1(frame.stateVector)
          : frame.type === "sync-step2" ? encodeSyncStep2(frame.update)
          : frame.type === "update" ? encodeUpdate(frame.update)
          : frame.type === "awareness" ? encodeAwareness(frame.update)
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

  it("does not treat the server's own saved message as client input", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "x");
    expect(parseFrame(encodeSaved(Y.encodeStateVector(doc)))).toBeNull();
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
