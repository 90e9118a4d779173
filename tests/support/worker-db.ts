import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { TEMPLATE_DB, TMP } from "./paths";

// Runs before each test file, before any app module is imported: a fresh SQLite file per file.
const file = path.join(TMP, `test-${randomUUID()}.db`);
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "error";
process.env.SEED_DEMO = "0";
