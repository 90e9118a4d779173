import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { RUN_DIR_ENV, templateDbPath } from "./paths";

// Runs before each test file, before any app module is imported: a fresh SQLite file per file.
const runDir = process.env[RUN_DIR_ENV];
if (!runDir) throw new Error(`${RUN_DIR_ENV} is not set: run tests through vitest (globalSetup makes it)`);
const file = path.join(runDir, `test-${randomUUID()}.db`);
copyFileSync(templateDbPath(runDir), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "error";
process.env.SEED_DEMO = "0";
