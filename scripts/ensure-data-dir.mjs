// SQLite cannot create a database in a folder that does not exist; make DATABASE_URL's folder first.
import { mkdirSync } from "node:fs";
import path from "node:path";

const url = process.env.DATABASE_URL ?? "file:./data/circle.db";
mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
