// @vitest-environment jsdom
import { describe, it } from "vitest";
import { expectRoundsKeepPromises } from "../support/text-rounds";

// The second half of the 1,000 randomized rounds (see text-rounds-a.test.ts): a file of its own so
// that Vitest runs the two halves on both cores.
describe("jointly written text, randomized (rounds 500-999)", () => {
  it("keeps every promise in 500 seeded rounds", async () => {
    await expectRoundsKeepPromises(500, 1000);
  }, 600_000);
});
