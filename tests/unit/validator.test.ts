import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UpdateValidator } from "../../server/collab/validator";

const validator = new UpdateValidator();
afterAll(() => validator.close());

function realUpdate(text: string) {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe("update validator (worker thread)", () => {
  it("accepts real updates and refuses undecodable ones, each answered for itself within one batch", async () => {
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
});
