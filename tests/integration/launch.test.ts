import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, freshDatabaseFile } from "../support/child-server";
import { waitFor } from "../support/http";
import { ROOT } from "../support/paths";
import SERVER_NODE_ARGS from "../../server/node-args.json";

/** Every process below `pid`, with its arguments as the kernel holds them. */
function descendants(pid: number): { pid: number; argv: string[] }[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found.map((p) => ({ pid: p, argv: readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean) }));
}

describe("how npm start runs the server", () => {
  let group: number | undefined;
  afterEach(() => {
    // npm, its shell and node are one process group: end them all.
    if (group) process.kill(-group, "SIGKILL");
    group = undefined;
  });

  it("npm start's last step serves with server/node-args.json, the arguments the tests and the benchmarks start the server with", async () => {
    const port = await freePort();
    const npm = spawn("npm", ["run", "--silent", "serve"], {
      cwd: ROOT,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${freshDatabaseFile()}`,
        NODE_ENV: "production",
        LOG_LEVEL: "error",
        SEED_DEMO: "0",
        CIRCLE_FAULTS: "",
      },
    });
    group = npm.pid!;
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true, 60_000, "the server to answer /healthz");

    const servers = descendants(npm.pid!).filter((p) => p.argv.includes("server/index.ts"));
    expect(servers.map((p) => p.argv.slice(1))).toEqual([SERVER_NODE_ARGS]);
    // The V8 flag that cannot be set from inside the process (server/runtime-tuning.ts says why).
    expect(SERVER_NODE_ARGS).toContain("--single-threaded-gc");
  });
});
