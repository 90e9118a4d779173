import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT, RUN_DIR_ENV, templateDbPath, TMP } from "./paths";

/** Once per run: a migrated template database (real migrations, real SQLite) and a Remix build. */
export default function setup() {
  const runDir = path.join(TMP, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  process.env[RUN_DIR_ENV] = runDir;
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${templateDbPath(runDir)}` },
    stdio: "pipe",
  });
  if (!existsSync(path.join(ROOT, "build", "index.js"))) {
    execFileSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["build"], { cwd: ROOT, stdio: "pipe" });
  }
  return () => rmSync(runDir, { recursive: true, force: true });
}
