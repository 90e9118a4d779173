import { expect } from "vitest";
import { runRound, type RoundOptions } from "./text-harness";

/** The base seed of the randomized rounds: fixed, so CI replays the same rounds; HARNESS_BASE explores others. */
export const BASE_SEED = Number(process.env.HARNESS_BASE ?? 20_261_206);

/**
 * Runs rounds `from` to `to` (offsets from the base seed), two and three writers alternately, and
 * fails with every failing seed and the command that replays it.
 */
export async function expectRoundsKeepPromises(from: number, to: number, options: RoundOptions = {}) {
  const failures: string[] = [];
  for (let i = from; i < to; i++) {
    const seed = BASE_SEED + i;
    const violations = await runRound(seed, { writers: i % 2 === 0 ? 2 : 3, ...options });
    if (violations.length > 0) failures.push(`seed ${seed} (replay: HARNESS_SEED=${seed} npm run soak:text): ${violations.slice(0, 3).join("; ")}`);
  }
  expect(failures).toEqual([]);
}
