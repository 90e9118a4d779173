// Playwright's webServer: a fresh database for every run, real migrations, the demo seed, and
// the production server (build/ is made by `npm test` / `npx remix build` beforehand).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// One folder per port, so two runs on different E2E_PORTs never share a database.
const DIR = path.join(ROOT, "tests", ".tmp", `e2e-${process.env.E2E_PORT ?? "3217"}`);
const DB = path.join(DIR, "circle-e2e.db");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

if (!existsSync(path.join(ROOT, "build", "index.js"))) {
  console.error("build/index.js is missing: run `npx remix build` (or `npm test`) first.");
  process.exit(1);
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

const env = {
  ...process.env,
  DATABASE_URL: `file:${DB}`,
  PORT: process.env.E2E_PORT ?? "3217",
  HOST: "127.0.0.1",
  SEED_DEMO: "1",
  NODE_ENV: "production",
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
};

const migrate = spawnSync(bin("prisma"), ["migrate", "deploy"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
if (migrate.status !== 0) {
  console.error(`prisma migrate deploy failed (exit ${migrate.status})`);
  process.exit(migrate.status ?? 1);
}

// The same node arguments as `npm start` (server/node-args.json).
const nodeArgs = JSON.parse(readFileSync(path.join(ROOT, "server", "node-args.json"), "utf8"));
const server = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: "inherit" });
const forward = (signal) => () => server.kill(signal);
process.on("SIGTERM", forward("SIGTERM"));
process.on("SIGINT", forward("SIGINT"));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
