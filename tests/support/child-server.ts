import SERVER_NODE_ARGS from "../../server/node-args.json";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { ROOT, RUN_DIR_ENV, templateDbPath } from "./paths";
import { waitFor } from "./http";

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

/** A fresh copy of the migrated template database, for a server in another process. */
export function freshDatabaseFile(): string {
  const runDir = process.env[RUN_DIR_ENV]!;
  const file = path.join(runDir, `child-${randomUUID()}.db`);
  copyFileSync(templateDbPath(runDir), file);
  return file;
}

export type ChildServer = {
  process: ChildProcess;
  origin: string;
  port: number;
  exited: Promise<number | null>;
  /** What the server wrote to stdout and stderr so far (only with `capture`). */
  output: () => string;
};

export type ChildOptions = {
  port?: number;
  /** Extra environment (e.g. NODE_ENV=test with CIRCLE_FAULTS, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Keep stdout and stderr for output() instead of passing stderr through. */
  capture?: boolean;
  /** Wait until /healthz answers (default); false returns as soon as the process is spawned. */
  waitHealthy?: boolean;
};

/** The real server as its own process (`node <server/node-args.json>`), as `npm start` runs it. */
export async function startChildServer(dbFile: string, options: number | ChildOptions = {}): Promise<ChildServer> {
  const opts = typeof options === "number" ? { port: options } : options;
  const chosen = opts.port ?? (await freePort());
  // One process (node with the tsx loader), not the tsx CLI wrapper: SIGKILL must hit the server itself.
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(chosen),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbFile}`,
      SEED_DEMO: "1",
      LOG_LEVEL: "error",
      NODE_ENV: "production",
      CIRCLE_FAULTS: "",
      ...opts.env,
    },
    stdio: ["ignore", opts.capture ? "pipe" : "ignore", opts.capture ? "pipe" : "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let dead = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      dead = true;
      resolve(code);
    }),
  );
  const origin = `http://127.0.0.1:${chosen}`;
  if (opts.waitHealthy !== false) {
    await waitFor(
      async () => {
        if (dead) throw new Error(`child server exited during start:\n${output.slice(-2000)}`);
        return (await fetch(`${origin}/healthz`).catch(() => null))?.ok;
      },
      30_000,
      "child server health",
    );
  }
  return { process: child, origin, port: chosen, exited, output: () => output };
}
