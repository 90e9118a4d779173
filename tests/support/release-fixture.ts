import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { deployUpTo, releaseFixturePath, type ReleaseName } from "../../scripts/release-fixture";
import { ROOT } from "./paths";

export { deployUpTo, LATER, RELEASES } from "../../scripts/release-fixture";

/** A previous release's database (tests/fixtures/release-<name>.sql, made by scripts/release-fixture.ts), loaded into `file`. */
export function loadReleaseFixture(name: ReleaseName, file: string) {
  const sqlite = new Database(file);
  try {
    sqlite.exec(readFileSync(releaseFixturePath(name), "utf8"));
  } finally {
    sqlite.close();
  }
}

/** Every migration in prisma/migrations applied, as `npm start` does it. */
export function deployAll(file: string) {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
}

export type Rows = Record<string, string[]>;

/** Every table's rows as sorted JSON lines (a table rebuild may change the physical order). */
export function allRows(file: string): Rows {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[];
    const out: Rows = {};
    for (const { name } of tables) {
      const rows = sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      out[name] = rows.map(rowJson).sort();
    }
    return out;
  } finally {
    sqlite.close();
  }
}

/** A row as JSON with its columns sorted (blobs as base64), the form allRows compares. */
export function rowJson(r: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k] instanceof Buffer ? (r[k] as Buffer).toString("base64") : r[k]]),
    ),
  );
}

/** Every foreign key as "Table.column -> Parent ON_DELETE". */
export function foreignKeys(sqlite: Database.Database): string[] {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string; on_delete: string }[]).map(
      (fk) => `${name}.${fk.from} -> ${fk.table} ${fk.on_delete}`,
    ),
  );
}

/** The triggers, by name, with their SQL. */
export function triggers(sqlite: Database.Database): Record<string, string> {
  return Object.fromEntries(
    (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string; sql: string }[]).map((t) => [t.name, t.sql]),
  );
}

function triggersOf(file: string): Record<string, string> {
  const sqlite = new Database(file, { readonly: true });
  try {
    return triggers(sqlite);
  } finally {
    sqlite.close();
  }
}

/** What one migration did to the previous release's database, and the database brought up to date after it. */
export type MigrationStep = { dir: string; file: string; before: Rows; through: Rows; triggersBefore: Record<string, string>; triggersThrough: Record<string, string> };

/**
 * The previous release's database (tests/fixtures/release-append-only-records.sql) in a new
 * directory under `tmp`, migrated to `previous`, then through `migration`, then to the end as
 * `npm start` does it, with the rows and triggers of the first two steps: a migration's test
 * compares what its own step changed, whatever the migrations after it add or recreate.
 */
export function migrationStep(tmp: string, previous: string, migration: string): MigrationStep {
  const dir = mkdtempSync(path.join(tmp, "migration-"));
  const file = path.join(dir, "circle.db");
  loadReleaseFixture("append-only-records", file);
  deployUpTo(previous, file, dir);
  const before = allRows(file);
  const triggersBefore = triggersOf(file);
  deployUpTo(migration, file, path.join(dir, "through"));
  const through = allRows(file);
  const triggersThrough = triggersOf(file);
  deployAll(file);
  return { dir, file, before, through, triggersBefore, triggersThrough };
}
