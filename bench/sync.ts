/**
 * `npm run bench:sync`: what SQLite's `synchronous = FULL` costs against `NORMAL` for the collab
 * group commit, in one run, both settings, interleaved. See bench/README.md ("Durability setting").
 *
 * Why it matters: in WAL mode a NORMAL commit is written to the WAL but not fsynced, so it
 * survives the process being killed and not a power cut or an OS crash (the last commits before
 * the cut may be rolled back); a FULL commit is fsynced before it returns, so a "saved" message
 * sent after it survives those too (as far as the disk honours a flush).
 *
 * Three measurements per setting:
 *  - storage: sequential one-update commits straight on CollabStorage (no network, no event loop):
 *    the most commits per second the setting allows, and the time one commit takes;
 *  - typists: three people typing into one document at 8 keys/s each, as in a conference; latency
 *    from a key's local edit to the "saved" message that covers it;
 *  - load: 40 documents, one connection each at 95 updates/s (the per-connection limit is 100):
 *    durable updates/s, group commits/s and the same latency under load.
 * The server side runs in its own process (bench/lib/sync-host.ts: Circle's createCollabServer over
 * a CollabStorage with the setting under test), pinned to core 0; this process to core 1.
 * Results: bench/results/sync-<timestamp>.json.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { CollabStorage } from "../server/collab/storage";
import type { Synchronous } from "../app/utils/sqlite.server";
import { LoadClient, pool } from "./lib/clients";
import { migrate } from "./lib/db";
import { ROOT, coreBusy, coreTimes, cpuSeconds, cpusAllowed, freePort, hasTaskset, pinSelf, sleep, waitFor } from "./lib/procs";
import { median, round, summarize } from "./lib/stats";

const QUICK = process.env.BENCH_QUICK === "1";
const CFG = {
  rounds: Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3)),
  storageCommits: QUICK ? 500 : 2000,
  typists: { people: 3, keysPerSec: 8, warmupMs: 1000, measureMs: QUICK ? 4000 : 15_000 },
  load: { docs: 40, perSec: 95, warmupMs: 1000, measureMs: QUICK ? 3000 : 8000 },
};
const SETTINGS: Synchronous[] = ["NORMAL", "FULL"];
const log = (msg: string) => console.log(`[sync-bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

type Scenario = {
  setting: Synchronous;
  round: number;
  updatesConfirmed: number;
  durableUpdatesPerSec: number;
  commitsPerSec: number;
  updatesPerCommit: number;
  latencyMs: Latency;
  serverCpu: number;
  coreBusy: number[];
  closedByServer: number;
};

// ---------------------------------------------------------------------------------------------
// Storage alone: sequential commits of one update, as the group commit writes them.

function storageCommits(file: string, setting: Synchronous) {
  const storage = new CollabStorage(file, { synchronous: setting });
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < CFG.storageCommits; i++) doc.getText("t").insert(i, "a");
  const times: number[] = [];
  const docName = `storage-${setting}-${Date.now()}`;
  const t0 = performance.now();
  updates.forEach((update, i) => {
    const a = performance.now();
    storage.appendMany([{ docName, firstSeq: i + 1, updates: [update] }]);
    times.push(performance.now() - a);
  });
  const seconds = (performance.now() - t0) / 1000;
  storage.close();
  return { setting, commits: updates.length, commitsPerSec: round(updates.length / seconds, 0)!, commitMs: latency(times) };
}

// ---------------------------------------------------------------------------------------------
// Through the collab server.

type Host = { proc: ChildProcess; port: number; exited: Promise<unknown> };

async function startHost(file: string, setting: Synchronous, pinned: boolean): Promise<Host> {
  const port = await freePort();
  let cmd = [process.execPath, "--single-threaded-gc", "--import", "tsx", path.join("bench", "lib", "sync-host.ts"), file, setting, String(port)];
  if (pinned) cmd = ["taskset", "-c", "0", ...cmd];
  const proc = spawn(cmd[0]!, cmd.slice(1), {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}`, LOG_LEVEL: "error", NODE_ENV: "production", SEED_DEMO: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  await waitFor(() => out.includes('"listening"'), 30_000, "sync host listening");
  const reported = JSON.parse(out.split("\n")[0]!) as { synchronous: string };
  // PRAGMA synchronous answers 1 for NORMAL and 2 for FULL.
  if (reported.synchronous !== (setting === "FULL" ? "2" : "1")) throw new Error(`host runs synchronous=${reported.synchronous}, not ${setting}`);
  return { proc, port, exited };
}

async function stopHost(host: Host) {
  host.proc.kill("SIGTERM");
  await Promise.race([host.exited, sleep(5000)]);
  if (host.proc.exitCode === null) host.proc.kill("SIGKILL");
}

const hostStats = async (host: Host) => (await (await fetch(`http://127.0.0.1:${host.port}/stats`)).json()) as { commits: number; updates: number };

/** Each client types at `perSec` for warm-up + measurement; latency from each edit to the "saved" that covers it. */
async function typing(host: Host, setting: Synchronous, roundNo: number, docs: string[], perSec: number, warmupMs: number, measureMs: number): Promise<Scenario> {
  const clients = docs.map((docName) => new LoadClient({ url: `ws://127.0.0.1:${host.port}/${encodeURIComponent(docName)}`, docName, protocol: "y-websocket" }));
  const ok = await pool(clients, 20, (c) => c.connect());
  if (ok.some((x) => !x)) throw new Error("a client could not connect");
  const latencies: number[] = [];
  let measuring = false;
  let confirmed = 0;
  clients.forEach((c) => {
    let cursor = 0;
    c.onSaved = (clock, at) => {
      while (cursor < c.edits.length && c.edits[cursor]!.clock < clock) {
        const edit = c.edits[cursor]!;
        if (edit.measured) {
          latencies.push(at - edit.t);
          confirmed++;
        }
        cursor++;
      }
    };
  });
  // Each client on its own timer, started at a random point of its period (people do not type in step).
  const timers: NodeJS.Timeout[] = [];
  clients.forEach((c, i) => {
    timers[i] = setTimeout(
      () => {
        timers[i] = setInterval(() => {
          if (c.closed) return;
          c.edit("k", performance.now());
          c.edits.at(-1)!.measured = measuring;
        }, 1000 / perSec);
      },
      Math.random() * (1000 / perSec),
    );
  });
  await sleep(warmupMs);
  const stats0 = await hostStats(host);
  const cpu0 = cpuSeconds(host.proc.pid!);
  const cores0 = coreTimes();
  const t0 = performance.now();
  measuring = true;
  await sleep(measureMs);
  measuring = false;
  const wall = (performance.now() - t0) / 1000;
  const stats1 = await hostStats(host);
  const serverCpu = (cpuSeconds(host.proc.pid!) - cpu0) / wall;
  const busy = coreBusy(cores0, coreTimes());
  timers.forEach((t) => clearInterval(t));
  const sent = clients.reduce((n, c) => n + c.edits.filter((e) => e.measured).length, 0);
  await waitFor(() => confirmed >= sent || clients.some((c) => c.closed), 10_000, "last confirmations").catch(() => null);
  const closedByServer = clients.filter((c) => c.closed).length;
  clients.forEach((c) => c.close());
  const commits = stats1.commits - stats0.commits;
  const updates = stats1.updates - stats0.updates;
  return {
    setting,
    round: roundNo,
    updatesConfirmed: confirmed,
    durableUpdatesPerSec: round(updates / wall, 0)!,
    commitsPerSec: round(commits / wall, 1)!,
    updatesPerCommit: round(updates / Math.max(1, commits), 2)!,
    latencyMs: latency(latencies),
    serverCpu: round(serverCpu, 3)!,
    coreBusy: busy.map((b) => round(b, 3)!),
    closedByServer,
  };
}

// ---------------------------------------------------------------------------------------------

type Latency = { n: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Percentiles as stats.ts takes them (nearest rank), with p95, which its Summary does not have. */
function latency(values: number[]): Latency {
  const s = summarize(values);
  const sorted = Float64Array.from(values).sort();
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.95 * sorted.length) - 1))]! : NaN;
  return { n: s.n, mean: round(s.mean, 3)!, p50: round(s.p50, 3)!, p95: round(p95, 3)!, p99: round(s.p99, 3)!, max: round(s.max, 3)! };
}

function fsType(dir: string): string {
  try {
    return execFileSync("stat", ["-f", "-c", "%T", dir]).toString().trim();
  } catch {
    return "?";
  }
}

async function main() {
  const pinned = hasTaskset() && pinSelf(1) && os.cpus().length >= 2;
  const workDir = mkdtempSync(path.join(os.tmpdir(), "circle-sync-bench-"));
  const results: Record<string, unknown> = {
    meta: {
      command: (QUICK ? "BENCH_QUICK=1 " : "") + "npm run bench:sync",
      date: new Date().toISOString(),
      cpuModel: os.cpus()[0]?.model ?? "?",
      cores: os.cpus().length,
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadavgAtStart: os.loadavg().map((l) => round(l, 2)),
      pinning: pinned ? `server taskset -c 0, load generator taskset -c 1 (cpus ${cpusAllowed(process.pid)})` : "NOT PINNED",
      databaseDir: workDir,
      filesystem: fsType(workDir),
      config: CFG,
    },
  };
  if ((results.meta as { filesystem: string }).filesystem === "tmpfs") log("WARNING: the database is on tmpfs, where fsync does nothing: FULL will look free");
  log(`database in ${workDir} (${(results.meta as { filesystem: string }).filesystem}); ${(results.meta as { pinning: string }).pinning}`);
  try {
    const template = path.join(workDir, "template.db");
    migrate(template);
    const fresh = (label: string) => {
      const file = path.join(workDir, `${label}-${Date.now()}.db`);
      copyFileSync(template, file);
      return file;
    };

    const storage: ReturnType<typeof storageCommits>[] = [];
    const typists: Scenario[] = [];
    const load: Scenario[] = [];
    for (let r = 1; r <= CFG.rounds; r++) {
      // Alternate which setting goes first, so neither always runs on a warmer (or busier) machine.
      const order = r % 2 === 1 ? SETTINGS : [...SETTINGS].reverse();
      for (const setting of order) {
        const s = storageCommits(fresh(`storage-${setting}`), setting);
        storage.push(s);
        log(`round ${r} ${setting} storage: ${s.commitsPerSec} commits/s, commit p50 ${s.commitMs.p50} ms p99 ${s.commitMs.p99} ms`);
        const host = await startHost(fresh(`collab-${setting}`), setting, pinned);
        try {
          const { people, keysPerSec, warmupMs, measureMs } = CFG.typists;
          const t = await typing(
            host,
            setting,
            r,
            Array.from({ length: people }, () => "conference-notes"),
            keysPerSec,
            warmupMs,
            measureMs,
          );
          typists.push(t);
          log(`round ${r} ${setting} typists: ${t.commitsPerSec} commits/s, saved p50 ${t.latencyMs.p50} ms p99 ${t.latencyMs.p99} ms`);
          const l = await typing(
            host,
            setting,
            r,
            Array.from({ length: CFG.load.docs }, (_, i) => `load-${i}`),
            CFG.load.perSec,
            CFG.load.warmupMs,
            CFG.load.measureMs,
          );
          load.push(l);
          log(
            `round ${r} ${setting} load: ${l.durableUpdatesPerSec} durable updates/s in ${l.commitsPerSec} commits/s, saved p50 ${l.latencyMs.p50} ms p99 ${l.latencyMs.p99} ms, server cpu ${l.serverCpu}`,
          );
        } finally {
          await stopHost(host);
        }
      }
    }

    // Per setting: medians of the rounds for rates, latency percentiles of the rounds' medians.
    const per = (rows: Scenario[], setting: Synchronous) => rows.filter((x) => x.setting === setting);
    const summary = Object.fromEntries(
      SETTINGS.map((setting) => {
        const st = storage.filter((x) => x.setting === setting);
        const ty = per(typists, setting);
        const lo = per(load, setting);
        return [
          setting,
          {
            storageCommitsPerSec: median(st.map((x) => x.commitsPerSec)),
            storageCommitMsP50: median(st.map((x) => x.commitMs.p50)),
            storageCommitMsP95: median(st.map((x) => x.commitMs.p95)),
            storageCommitMsP99: median(st.map((x) => x.commitMs.p99)),
            typistsCommitsPerSec: median(ty.map((x) => x.commitsPerSec)),
            typistsSavedMsP50: median(ty.map((x) => x.latencyMs.p50)),
            typistsSavedMsP95: median(ty.map((x) => x.latencyMs.p95)),
            typistsSavedMsP99: median(ty.map((x) => x.latencyMs.p99)),
            loadDurableUpdatesPerSec: median(lo.map((x) => x.durableUpdatesPerSec)),
            loadCommitsPerSec: median(lo.map((x) => x.commitsPerSec)),
            loadUpdatesPerCommit: median(lo.map((x) => x.updatesPerCommit)),
            loadSavedMsP50: median(lo.map((x) => x.latencyMs.p50)),
            loadSavedMsP95: median(lo.map((x) => x.latencyMs.p95)),
            loadSavedMsP99: median(lo.map((x) => x.latencyMs.p99)),
            loadServerCpu: median(lo.map((x) => x.serverCpu)),
          },
        ];
      }),
    ) as unknown as Record<Synchronous, Record<string, number>>;
    const ratio = Object.fromEntries(Object.keys(summary.NORMAL).map((k) => [k, round(summary.FULL[k]! / summary.NORMAL[k]!, 2)]));
    Object.assign(results, { storage, typists, load, summary, ratioFullOverNormal: ratio });
    results.meta = { ...(results.meta as object), loadavgAtEnd: os.loadavg().map((l) => round(l, 2)) };

    const rows: [string, string][] = [
      ["storage: commits/s (one update each)", "storageCommitsPerSec"],
      ["storage: one commit p50 ms", "storageCommitMsP50"],
      ["storage: one commit p95 ms", "storageCommitMsP95"],
      ["storage: one commit p99 ms", "storageCommitMsP99"],
      [`${CFG.typists.people} typists: commits/s`, "typistsCommitsPerSec"],
      [`${CFG.typists.people} typists: saved p50 ms`, "typistsSavedMsP50"],
      [`${CFG.typists.people} typists: saved p95 ms`, "typistsSavedMsP95"],
      [`${CFG.typists.people} typists: saved p99 ms`, "typistsSavedMsP99"],
      [`load ${CFG.load.docs}×${CFG.load.perSec}/s: durable updates/s`, "loadDurableUpdatesPerSec"],
      [`load: group commits/s`, "loadCommitsPerSec"],
      [`load: updates per commit`, "loadUpdatesPerCommit"],
      [`load: saved p50 ms`, "loadSavedMsP50"],
      [`load: saved p95 ms`, "loadSavedMsP95"],
      [`load: saved p99 ms`, "loadSavedMsP99"],
      [`load: server CPU (cores)`, "loadServerCpu"],
    ];
    console.log(`\n| measure (median of ${CFG.rounds} rounds) | NORMAL | FULL | FULL / NORMAL |\n|---|---|---|---|`);
    for (const [label, key] of rows) console.log(`| ${label} | ${summary.NORMAL[key]} | ${summary.FULL[key]} | ${ratio[key]} |`);

    const dir = process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `sync-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
    console.log(`\nwrote ${path.relative(ROOT, file)}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
