/**
 * `npx tsx bench/live.ts`: step-change fan-out latency of the live conference.
 *
 * The real server (node with server/node-args.json, as npm start runs it; production mode, fresh migrated + seeded SQLite) runs
 * pinned to core 0; this process, the load generator, to core 1. 100 conferences, each with a
 * lead and a co-facilitator socket signed in through POST /login. Every round all leads press
 * "next" at once (a burst: the worst case); then spread rounds press it at random moments within
 * one second (closer to real rooms). Latency: lead emits → the co's tablet receives live:state.
 * Results: bench/results/live-<timestamp>.json and bench/results/live-latest.md.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { LiveTablet } from "./lib/live-clients";
import { insertLiveConferences } from "./lib/live-setup";
import { ROOT, coreBusy, coreTimes, cpuSeconds, sleep, waitFor } from "./lib/procs";
import { benchLog, loadavg, resultsFile, signInAll, startRun, withServer } from "./lib/server-run";
import { round, summarize, type Summary } from "./lib/stats";

const CFG = {
  conferences: Number(process.env.BENCH_LIVE_CONFERENCES ?? 100),
  burstRounds: Number(process.env.BENCH_LIVE_ROUNDS ?? 8),
  spreadRounds: Number(process.env.BENCH_LIVE_SPREAD_ROUNDS ?? 8),
  spreadMs: 1_000,
  targetP99Ms: 100,
};

const log = benchLog("live-bench");

type Pair = { conferenceId: string; lead: LiveTablet; co: LiveTablet };
type Phase = { name: string; rounds: number; fanOutMs: Summary; ackMs: Summary; refused: number; serverCpu: number | null; roundMaxMs: number[] };

async function runRounds(
  name: string,
  pairs: Pair[],
  rounds: number,
  spreadMs: number,
  pending: Map<string, { version: number; t: number }>,
  samples: number[],
  serverPid: number,
): Promise<Phase> {
  const before = samples.length;
  const acks: number[] = [];
  let refused = 0;
  const cpu0 = cpuSeconds(serverPid);
  const t0 = performance.now();
  const roundMaxMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const roundStart = samples.length;
    await Promise.all(
      pairs.map(async (p) => {
        if (spreadMs > 0) await sleep(Math.random() * spreadMs);
        const version = p.lead.state!.version + 1;
        pending.set(p.conferenceId, { version, t: performance.now() });
        const ack = await p.lead.command({ type: "next" });
        acks.push(ack.ms);
        if (!ack.ok) refused++;
      }),
    );
    await waitFor(() => pairs.every((p) => !pending.has(p.conferenceId) && p.lead.state!.version === p.co.state!.version), 20_000, `${name} round ${r + 1} fan-out`);
    roundMaxMs.push(round(Math.max(...samples.slice(roundStart)), 1) ?? 0);
    await sleep(100);
  }
  const wall = (performance.now() - t0) / 1000;
  return {
    name,
    rounds,
    fanOutMs: summarize(samples.slice(before)),
    ackMs: summarize(acks),
    refused,
    serverCpu: round((cpuSeconds(serverPid) - cpu0) / wall, 3),
    roundMaxMs,
  };
}

async function main() {
  const { pinned, meta } = startRun("npx tsx bench/live.ts", CFG, log);
  await withServer("live", pinned, async (server, dbFile) => {
    const tablets: LiveTablet[] = [];
    try {
      const ids = insertLiveConferences(dbFile, CFG.conferences);
      const [leadCookie, coCookie] = await signInAll(server.origin, ["lead@demo.circle", "co@demo.circle"]);
      const pending = new Map<string, { version: number; t: number }>();
      const samples: number[] = [];
      const onCoState = (conferenceId: string, state: { version: number }, at: number) => {
        const p = pending.get(conferenceId);
        if (p && state.version >= p.version) {
          samples.push(at - p.t);
          pending.delete(conferenceId);
        }
      };
      const pairs: Pair[] = ids.map((conferenceId) => {
        const lead = new LiveTablet(server.origin, leadCookie, conferenceId);
        const co = new LiveTablet(server.origin, coCookie, conferenceId, onCoState);
        tablets.push(lead, co);
        return { conferenceId, lead, co };
      });
      for (let i = 0; i < pairs.length; i += 20) await Promise.all(pairs.slice(i, i + 20).flatMap((p) => [p.lead.connect(), p.co.connect()]));
      log(`${pairs.length} conferences, ${tablets.length} sockets joined; starting every conference`);
      for (const p of pairs) {
        const ack = await p.lead.command({ type: "start" });
        if (!ack.ok) throw new Error(`start refused: ${ack.error}`);
      }
      await waitFor(() => pairs.every((p) => p.co.state?.status === "LIVE" && p.lead.state?.status === "LIVE"), 20_000, "all started");
      // One unmeasured burst first: the first "next" after every conference started pays one-off
      // costs (e.g. SQLite checkpointing the WAL the 100 script preparations filled). Reported, not counted.
      const warmUp = await runRounds("warm-up", pairs, 1, 0, pending, samples, server.pid);
      samples.splice(0);
      log(`warm-up burst (not counted): slowest ${warmUp.roundMaxMs[0]} ms`);
      const cores0 = coreTimes();
      const burst = await runRounds("burst", pairs, CFG.burstRounds, 0, pending, samples, server.pid);
      log(
        `burst: fan-out p50 ${round(burst.fanOutMs.p50)} ms, p99 ${round(burst.fanOutMs.p99)} ms (n=${burst.fanOutMs.n}), server CPU ${burst.serverCpu}; slowest per round ${burst.roundMaxMs.join(", ")} ms`,
      );
      const spread = await runRounds("spread", pairs, CFG.spreadRounds, CFG.spreadMs, pending, samples, server.pid);
      log(
        `spread over ${CFG.spreadMs} ms: fan-out p50 ${round(spread.fanOutMs.p50)} ms, p99 ${round(spread.fanOutMs.p99)} ms (n=${spread.fanOutMs.n}), server CPU ${spread.serverCpu}`,
      );
      const busy = coreBusy(cores0, coreTimes()).map((b) => round(b, 2));
      const all = summarize(samples);
      meta.loadavgAtEnd = loadavg();
      const disturbed = Math.max(meta.loadavgAtStart[0] ?? 0, meta.loadavgAtEnd[0] ?? 0) > 1.5;
      const results = { meta, coresBusyDuringRounds: busy, disturbed, warmUpMaxMs: warmUp.roundMaxMs[0], phases: [burst, spread], all, targetMet: all.p99 < CFG.targetP99Ms };
      writeResults(results, [burst, spread], all, disturbed, busy, meta);
      log(
        `all ${all.n} step changes: p50 ${round(all.p50)} ms, p99 ${round(all.p99)} ms (target < ${CFG.targetP99Ms} ms: ${results.targetMet ? "met" : "NOT met"}); load ${meta.loadavgAtStart.join(" ")} → ${meta.loadavgAtEnd.join(" ")}${disturbed ? " (the machine was busy: the run may have been disturbed)" : ""}`,
      );
    } finally {
      tablets.forEach((t) => t.close());
    }
  });
}

function writeResults(
  results: object,
  phases: Phase[],
  all: Summary,
  disturbed: boolean,
  busy: (number | null)[],
  meta: { date: string; loadavgAtStart: (number | null)[]; loadavgAtEnd: (number | null)[]; cpuModel: string; cores: number; node: string; pinning: string },
) {
  const file = resultsFile("live", meta.date);
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  const row = (p: Phase) =>
    `| ${p.name} | ${p.rounds} | ${p.fanOutMs.n} | ${round(p.fanOutMs.p50)} | ${round(p.fanOutMs.p99)} | ${round(p.fanOutMs.max)} | ${round(p.ackMs.p50)} / ${round(p.ackMs.p99)} | ${p.refused} | ${p.serverCpu} |`;
  const md = [
    "# Live conference benchmark (latest)",
    "",
    `Command: \`npx tsx bench/live.ts\` · ${meta.date} · raw results: \`bench/results/${path.basename(file)}\``,
    "",
    `Machine: ${meta.cpuModel} × ${meta.cores}, Node ${meta.node}; ${meta.pinning}. Load average ${meta.loadavgAtStart.join(" ")} → ${meta.loadavgAtEnd.join(" ")}; cores busy during the rounds ${busy.map((b) => `${Math.round((b ?? 0) * 100)}%`).join(" / ")}.`,
    disturbed ? "\n**The machine was busy (load average above 1.5): other work may have disturbed this run.**" : "",
    "",
    `${CFG.conferences} conferences, one lead and one co-facilitator socket each. Fan-out latency: the lead emits \`live:command\` "next" → the co's socket receives \`live:state\`. Burst: all leads at once; spread: each lead at a random moment within ${CFG.spreadMs} ms. One unmeasured warm-up burst runs first (slowest: ${(results as { warmUpMaxMs?: number }).warmUpMaxMs ?? "?"} ms).`,
    "",
    "| phase | rounds | step changes | p50 ms | p99 ms | max ms | ack p50 / p99 ms | refused | server CPU (cores) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...phases.map(row),
    "",
    `All step changes: p50 ${round(all.p50)} ms, p99 ${round(all.p99)} ms. Target p99 < ${CFG.targetP99Ms} ms: **${all.p99 < CFG.targetP99Ms ? "met" : "not met"}**.`,
    "",
  ].join("\n");
  writeFileSync(path.join(path.dirname(file), "live-latest.md"), md);
  log(`wrote ${path.relative(ROOT, file)} and bench/results/live-latest.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
