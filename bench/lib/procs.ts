import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pin every thread of this process to `cpu` (the load generator's core). */
export function pinSelf(cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-cp", String(cpu), String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function cpusAllowed(pid: number): string {
  try {
    return /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number, label: string): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(25);
  }
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident set size of a process in bytes (VmRSS from /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s*(\d+)\s*kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Busy jiffies and total jiffies for each CPU (from /proc/stat), to see interference on a core. */
export function coreTimes(): { busy: number; total: number }[] {
  return readFileSync("/proc/stat", "utf8")
    .split("\n")
    .filter((l) => /^cpu\d+ /.test(l))
    .map((l) => {
      const v = l.trim().split(/\s+/).slice(1).map(Number);
      const idle = (v[3] ?? 0) + (v[4] ?? 0);
      const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
      return { busy: total - idle, total };
    });
}

export function coreBusy(before: { busy: number; total: number }[], after: { busy: number; total: number }[]): number[] {
  return after.map((a, i) => {
    const b = before[i]!;
    return a.total > b.total ? (a.busy - b.busy) / (a.total - b.total) : NaN;
  });
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export type ServerKind = "circle" | "reference" | "hocuspocus";

export type RunningServer = {
  kind: ServerKind;
  origin: string;
  port: number;
  /** The spawned process (under taskset when pinned; taskset execs, so the same process). */
  proc: ChildProcess;
  /** The process actually serving (a child process, if whatever was spawned started one). */
  pid: number;
  exited: Promise<number | null>;
};

export type StartOptions = { pin: boolean; dbFile?: string; port?: number; stderr?: (line: string) => void };

/** Start one server under test, pinned to core 0, and wait until it answers HTTP. */
export async function startServer(kind: ServerKind, opts: StartOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  let cmd: string[];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  if (kind === "circle") {
    // Exactly as `npm start` runs it: node with server/node-args.json (the tsx loader, V8 flags).
    cmd = [process.execPath, ...(JSON.parse(readFileSync(path.join(ROOT, "server", "node-args.json"), "utf8")) as string[])];
    Object.assign(env, { DATABASE_URL: `file:${opts.dbFile}`, SEED_DEMO: "1", LOG_LEVEL: "error", NODE_ENV: "production" });
    // Diagnostics only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): never set by the benchmark itself.
    if (process.env.BENCH_CIRCLE_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_CIRCLE_NODE_OPTIONS;
  } else if (kind === "reference") {
    // The package's own server entry (its `y-websocket-server` bin): setupWSConnection, no persistence.
    cmd = [process.execPath, path.join(ROOT, "bench", "node_modules", "@y", "websocket-server", "src", "server.js")];
    delete env.YPERSISTENCE;
  } else {
    cmd = [process.execPath, path.join(ROOT, "bench", "servers", "hocuspocus.mjs")];
  }
  if (opts.pin) cmd = ["taskset", "-c", "0", ...cmd];
  const proc = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    opts.stderr?.(chunk.toString());
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const origin = `http://127.0.0.1:${port}`;
  let dead = false;
  void exited.then(() => (dead = true));
  const healthPath = kind === "circle" ? "/healthz" : "/";
  await waitFor(
    async () => {
      if (dead) throw new Error(`${kind} server exited during start: ${stderr.slice(-2000)}`);
      return (await fetch(origin + healthPath).catch(() => null))?.ok;
    },
    60_000,
    `${kind} server health`,
  );
  // If the spawned process started the server as a child (a wrapper), measure and kill that one.
  let pid = proc.pid!;
  for (let depth = 0; depth < 3; depth++) {
    const kids = childrenOf(pid);
    if (kids.length === 0) break;
    pid = kids[0]!;
  }
  return { kind, origin, port, proc, pid, exited };
}

/** Graceful stop (SIGTERM), then SIGKILL whatever is left. */
export async function stopServer(server: RunningServer, graceMs = 8000): Promise<void> {
  if (server.proc.exitCode !== null || server.proc.signalCode !== null) return;
  server.proc.kill("SIGTERM");
  const done = await Promise.race([server.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    killPid(server.pid, "SIGKILL");
    server.proc.kill("SIGKILL");
    await server.exited;
  }
  // Never leave the serving child behind.
  if (existsSync(`/proc/${server.pid}`)) killPid(server.pid, "SIGKILL");
}

/** kill -9 of the serving process itself (not a wrapper, whose child would live on). */
export async function crashServer(server: RunningServer): Promise<void> {
  killPid(server.pid, "SIGKILL");
  await Promise.race([server.exited, sleep(5000)]);
  if (server.proc.exitCode === null && server.proc.signalCode === null) {
    server.proc.kill("SIGKILL");
    await server.exited;
  }
  await waitFor(() => !isAlive(server.pid), 5000, "crashed server gone");
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

function killPid(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
