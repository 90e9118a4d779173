// @vitest-environment jsdom
import { writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import { expect, it } from "vitest";
import { runRound } from "../support/text-harness";

/**
 * `npm run soak:text`: the randomized rounds of tests/unit/text-rounds-*.test.ts, far longer: up
 * to SOAK_ROUNDS (100,000) or SOAK_MINUTES (10), from a random base seed (or SOAK_BASE). The result
 * goes to bench/results/text-soak-<time>.json. HARNESS_SEED=<n> replays one round instead, with
 * HARNESS_TRACE=1 printing every step.
 */
it("soaks the jointly written text", async () => {
  const one = process.env.HARNESS_SEED;
  if (one) {
    const seed = Number(one);
    const violations = await runRound(seed, { writers: seed % 2 === 0 ? 2 : 3 });
    console.log(violations.length ? violations.join("\n") : `seed ${seed}: every promise kept`);
    expect(violations).toEqual([]);
    return;
  }
  const rounds = Number(process.env.SOAK_ROUNDS ?? 100_000);
  const deadline = Date.now() + Number(process.env.SOAK_MINUTES ?? 10) * 60_000;
  const base = Number(process.env.SOAK_BASE ?? Math.floor(Math.random() * 1e9));
  const failed: { seed: number; violations: string[] }[] = [];
  const started = Date.now();
  let done = 0;
  for (; done < rounds && Date.now() < deadline; done++) {
    const seed = base + done;
    const violations = await runRound(seed, { writers: seed % 2 === 0 ? 2 : 3 });
    if (violations.length) failed.push({ seed, violations: violations.slice(0, 5) });
    if (done % 1000 === 999) console.log(`${done + 1} rounds, ${failed.length} failed`);
  }
  const result = {
    at: new Date().toISOString(),
    base,
    rounds: done,
    failed: failed.length,
    failures: failed.slice(0, 20),
    seconds: (Date.now() - started) / 1000,
    machine: `${os.cpus()[0]?.model} x${os.cpus().length}`,
    node: process.version,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/text-soak-${result.at.replace(/[:.]/g, "-")}.json`, JSON.stringify(result, null, 2));
  console.log(`soak: ${done} rounds from base seed ${base} in ${result.seconds.toFixed(0)} s, ${failed.length} failed`);
  for (const f of failed.slice(0, 5)) console.log(`seed ${f.seed}: ${f.violations.join("; ")}`);
  expect(failed).toEqual([]);
}, 3_600_000);
