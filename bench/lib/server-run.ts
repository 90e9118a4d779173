import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate, signIn } from "./db";
import { ROOT, cpusAllowed, hasTaskset, pinSelf, startServer, stopServer, type RunningServer } from "./procs";
import { round } from "./stats";

/**
 * The frame shared by the benchmarks that time Circle's own server (`live.ts`, `reports.ts`):
 * this process pinned to core 1 and the server to core 0 when the machine allows it, what the
 * results record about the machine, the server on a fresh migrated SQLite file, its demo staff
 * signed in, and the server and file gone again however the run ends.
 */

export const loadavg = () => os.loadavg().map((l) => round(l, 2));

export const benchLog = (name: string) => (msg: string) => console.log(`[${name} ${new Date().toISOString().slice(11, 19)}] ${msg}`);

export type RunMeta<C> = {
  command: string;
  date: string;
  cpuModel: string;
  cores: number;
  node: string;
  pinning: string;
  loadavgAtStart: (number | null)[];
  loadavgAtEnd: (number | null)[];
  config: C;
};

/** Pins this process (the load generator) to core 1 when it can, and says so in the log. */
export function startRun<C>(command: string, config: C, log: (msg: string) => void): { pinned: boolean; meta: RunMeta<C> } {
  const pinned = hasTaskset() && os.cpus().length >= 2 && pinSelf(1);
  const meta: RunMeta<C> = {
    command,
    date: new Date().toISOString(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    pinning: pinned ? `server taskset -c 0, load generator taskset -c 1 (cpus ${cpusAllowed(process.pid)})` : "NOT PINNED",
    loadavgAtStart: loadavg(),
    loadavgAtEnd: [],
    config,
  };
  log(`load average at start: ${meta.loadavgAtStart.join(" ")}; ${meta.pinning}`);
  return { pinned, meta };
}

/**
 * Runs `run` against the real server (as `npm start` runs it, demo seed) on a fresh migrated
 * SQLite file in a temporary folder, then stops the server and removes the folder.
 */
export async function withServer<T>(name: string, pinned: boolean, run: (server: RunningServer, dbFile: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `circle-${name}-bench-`));
  const dbFile = path.join(dir, "bench.db");
  migrate(dbFile);
  // The server logs errors only (LOG_LEVEL=error): shown as they come, so a failed run says why.
  const server = await startServer("circle", { pin: pinned, dbFile, stderr: (chunk) => process.stderr.write(`[server] ${chunk}`) });
  try {
    return await run(server, dbFile);
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Session cookies for the demo accounts, signed in through /login one after another. */
export async function signInAll<const E extends readonly string[]>(origin: string, emails: E): Promise<{ [K in keyof E]: string }> {
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signIn(origin, email));
  return cookies as { [K in keyof E]: string };
}

/** `bench/results/<name>-<date>.json`, the folder made if need be. */
export function resultsFile(name: string, date: string): string {
  const out = path.join(ROOT, "bench", "results");
  mkdirSync(out, { recursive: true });
  return path.join(out, `${name}-${date.replace(/[:.]/g, "-")}.json`);
}
