/**
 * What `npm run backup` and `npm run restore` (scripts/backup.ts, restore.ts) check of a database
 * file, and how they tell whether anything has the live database open. The integration test
 * (tests/integration/backup.test.ts) calls the same functions on what it restored.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { loadStored } from "../server/collab/log-load";
import { CollabStorage } from "../server/collab/storage";

/** This release's migrations, in the order `prisma migrate deploy` applies them. */
export const RELEASE_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");

export type DatabaseCheck = {
  /** Sentences saying what is wrong; empty when the file may be restored. */
  problems: string[];
  tables: number;
  /** Collab documents stored (snapshot, log or journal rows). */
  documents: number;
  /** Migrations the file has applied, oldest first. */
  applied: string[];
  /** This release's migrations the file has not applied yet (`prisma migrate deploy` applies them). */
  pending: string[];
};

type MigrationRow = { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null };

export function releaseMigrations(dir = RELEASE_MIGRATIONS_DIR): { name: string; checksum: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(dir, name, "migration.sql")))
        .digest("hex"),
    }));
}

/**
 * Everything a restore needs to be true of a database file: SQLite finds no damage
 * (integrity_check) and no broken reference (foreign_key_check); its migrations are this release's
 * first ones, unchanged (Prisma's checksums), so `prisma migrate deploy` can bring it up to date;
 * and every collab document in it loads with the server's own loader, with no update missing.
 * Opening a document sets the file to WAL mode, as the server does: check a copy, not the original.
 */
export function checkDatabaseFile(file: string, migrationsDir = RELEASE_MIGRATIONS_DIR): DatabaseCheck {
  const result: DatabaseCheck = { problems: [], tables: 0, documents: 0, applied: [], pending: [] };
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    result.problems.push(`${file} cannot be opened: ${messageOf(error)}`);
    return result;
  }
  let names: string[] = [];
  try {
    const integrity = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== "ok") {
      result.problems.push(
        `SQLite finds the file damaged: ${integrity
          .map((r) => r.integrity_check)
          .slice(0, 5)
          .join("; ")}`,
      );
      return result;
    }
    const broken = db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    for (const row of broken.slice(0, 5)) result.problems.push(`A row of "${row.table}" (rowid ${row.rowid}) names a missing "${row.parent}" row`);
    if (broken.length > 5) result.problems.push(`…and ${broken.length - 5} more broken references`);
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    result.tables = tables.size;
    if (!tables.has("_prisma_migrations")) {
      result.problems.push("It has no migration history (_prisma_migrations): it is not a Circle database");
      return result;
    }
    checkMigrations(db.prepare<[], MigrationRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"').all(), migrationsDir, result);
    const logTables = ["CollabSnapshot", "CollabUpdate", "CollabJournal"].filter((t) => tables.has(t));
    if (logTables.length > 0)
      names = db
        .prepare<[], { docName: string }>(logTables.map((t) => `SELECT docName FROM "${t}"`).join(" UNION "))
        .all()
        .map((r) => r.docName);
  } catch (error) {
    result.problems.push(`SQLite cannot read the file: ${messageOf(error)}`);
    return result;
  } finally {
    db.close();
  }
  result.documents = names.length;
  if (names.length > 0) checkDocuments(file, names, result.problems);
  return result;
}

function checkMigrations(rows: MigrationRow[], dir: string, result: DatabaseCheck) {
  const release = releaseMigrations(dir);
  for (const row of rows) if (!row.finished_at && !row.rolled_back_at) result.problems.push(`Migration ${row.migration_name} was started but never finished in this database`);
  const applied = rows.filter((r) => r.finished_at && !r.rolled_back_at).sort((a, b) => a.migration_name.localeCompare(b.migration_name));
  result.applied = applied.map((r) => r.migration_name);
  applied.forEach((row, i) => {
    const ours = release[i];
    if (!ours || ours.name !== row.migration_name) {
      result.problems.push(`Its migration ${row.migration_name} is not this release's migration number ${i + 1} (${ours?.name ?? "none"}): it comes from another release`);
    } else if (ours.checksum !== row.checksum) {
      result.problems.push(`Its migration ${row.migration_name} differs from this release's (checksum)`);
    }
  });
  result.pending = release.slice(applied.length).map((m) => m.name);
}

/** Each document through CollabStorage.load and loadStored, as a cold load on the server reads it. */
function checkDocuments(file: string, names: string[], problems: string[]) {
  const storage = new CollabStorage(file);
  try {
    for (const name of names) {
      try {
        const doc = loadStored(storage.load(name));
        // Updates that wait for ones before them mean the log has a gap: something saved is missing.
        const gap = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
        doc.destroy();
        if (gap) problems.push(`Collab document ${name} is missing updates its later ones build on`);
      } catch (error) {
        problems.push(`Collab document ${name} does not load: ${messageOf(error)}`);
      }
    }
  } finally {
    storage.close();
  }
}

/**
 * Whether a process has the database open (a running server holds it open from start to stop,
 * on every port and through every connection: Prisma, the collab and live stores, the
 * checkpointer). It asks SQLite for the whole file (exclusive locking mode, no waiting), which it
 * gets only when nobody else has it. If nobody has, `settle` copies its write-ahead log into it
 * first (a server killed with -9 leaves one), so the file can be moved without losing what the WAL
 * held. Locks on a network file system may not work; keep the database on a local disk.
 */
export function databaseInUse(file: string, opts: { settle?: boolean } = {}): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    if (opts.settle && db.pragma("journal_mode", { simple: true }) === "wal") db.pragma("wal_checkpoint(TRUNCATE)");
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return true;
    // The locks were granted and then the file could not be read: nobody has it open, it is damaged
    // (replacing a damaged database is what a restore is for).
    if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) return false;
    throw error;
  } finally {
    db.close();
  }
}

/** Flush a file (or a folder's entries, after a rename) to the disk. */
export function syncToDisk(file: string) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
