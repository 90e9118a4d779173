/**
 * `npm run bench:reports`: how fast the reports page answers for a large service.
 *
 * A fresh migrated SQLite file; the real server (as `npm start` runs it, production build, demo
 * seed) pinned to core 0, this process to core 1. Beside the demo service's own cases it inserts,
 * with better-sqlite3 in one transaction, 10,000 cases referred over three years with 40,000
 * participants (four a case: a person harmed, a person responsible and two others), conferences
 * (held on 40% of cases), letters sent (10%), agreements and 30,000 feedback records. Then it
 * signs in through /login and times whole requests (the loader's queries, rendering, the audit
 * entry) one after another: the manager's whole service over the three years (every case), the
 * manager's default period (the last twelve months), a supervisor's own cases, and a CSV export.
 * Target: the reports page answers within 300 ms at p95. Results: bench/results/reports-<date>.json.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { insertReportService } from "./lib/report-service";
import { ROOT, cpuSeconds } from "./lib/procs";
import { benchLog, loadavg, resultsFile, signInAll, startRun, withServer } from "./lib/server-run";
import { round, summarize, type Summary } from "./lib/stats";

const CFG = {
  cases: Number(process.env.BENCH_REPORT_CASES ?? 10_000),
  participantsPerCase: 4,
  feedback: Number(process.env.BENCH_REPORT_FEEDBACK ?? 30_000),
  requests: Number(process.env.BENCH_REPORT_REQUESTS ?? 40),
  warmUp: 5,
  firstDay: "2024-01-01",
  days: 3 * 365,
  targetP95Ms: 300,
};

const log = benchLog("reports-bench");
const day = (offset: number) => new Date(Date.parse(`${CFG.firstDay}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** The 95th percentile by nearest rank, as stats.ts takes its others. */
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * values.length) - 1)]!;

/**
 * Whole requests, one after another, and the server's CPU time per request: on a machine shared
 * with other work the wall-clock times include waiting for the core, the CPU time does not.
 */
type Timing = Summary & { p95: number; serverCpuMsPerRequest: number | null; status: number; bytes: number };

async function time(origin: string, serverPid: number, cookie: string, pathAndQuery: string, n: number, warmUp: number): Promise<Timing> {
  const cpuBefore = cpuSeconds(serverPid);
  const samples: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < warmUp + n; i++) {
    const t0 = performance.now();
    const res = await fetch(origin + pathAndQuery, { headers: { Cookie: cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    status = res.status;
    bytes = body.length;
    if (res.status !== 200) throw new Error(`${pathAndQuery} answered ${res.status}: ${body.slice(0, 300)}`);
    if (i >= warmUp) samples.push(ms);
  }
  const cpu = (cpuSeconds(serverPid) - cpuBefore) * 1000;
  return { ...summarize(samples), p95: p95(samples), serverCpuMsPerRequest: Number.isFinite(cpu) ? round(cpu / (warmUp + n), 1) : null, status, bytes };
}

async function main() {
  const { pinned, meta } = startRun("npm run bench:reports", CFG, log);
  await withServer("reports", pinned, async (server, dbFile) => {
    const t0 = performance.now();
    const { supervisorCases } = insertReportService(dbFile, CFG);
    log(`inserted ${CFG.cases} cases, ${CFG.cases * CFG.participantsPerCase} participants, ${CFG.feedback} feedback records in ${Math.round(performance.now() - t0)} ms`);
    const [manager, supervisor] = await signInAll(server.origin, ["manager@demo.circle", "supervisor@demo.circle"]);
    const everything = `from=${CFG.firstDay}&to=${day(CFG.days)}`;
    const runs = {
      managerWholeService: await time(server.origin, server.pid, manager, `/reports?${everything}`, CFG.requests, CFG.warmUp),
      managerDefaultPeriod: await time(server.origin, server.pid, manager, `/reports`, CFG.requests, CFG.warmUp),
      supervisorOwnCases: await time(server.origin, server.pid, supervisor, `/reports?${everything}`, CFG.requests, CFG.warmUp),
      managerCsv: await time(server.origin, server.pid, manager, `/reports/csv/referrals-by-month?${everything}`, CFG.requests, CFG.warmUp),
    };
    meta.loadavgAtEnd = loadavg();
    const page = runs.managerWholeService;
    const results = { meta, supervisorCases, runs, targetMet: page.p95 <= CFG.targetP95Ms };
    for (const [name, r] of Object.entries(runs)) {
      log(
        `${name}: p50 ${round(r.p50, 1)} ms, p95 ${round(r.p95, 1)} ms, p99 ${round(r.p99, 1)} ms, max ${round(r.max, 1)} ms; server CPU ${r.serverCpuMsPerRequest} ms a request (${r.n} requests, ${r.bytes} characters)`,
      );
    }
    log(
      `target p95 ≤ ${CFG.targetP95Ms} ms for the whole service: ${results.targetMet ? "met" : "NOT met"}; load ${meta.loadavgAtStart.join(" ")} → ${meta.loadavgAtEnd.join(" ")}`,
    );
    const file = resultsFile("reports", meta.date);
    writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
    log(`wrote ${path.relative(ROOT, file)}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
