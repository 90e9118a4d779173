/**
 * `npm run backup -- <file> [--force]`: a consistent copy of the configured database
 * (DATABASE_URL), taken while the server runs. Exit codes: 0 written, 1 refused, 2 failed.
 *
 * The copy is SQLite's `VACUUM INTO`, one read transaction: it holds every transaction committed
 * before it began and nothing later, whatever the server writes meanwhile (WAL lets both go on).
 * The collab server commits an update, fsynced, before it sends its writer "saved"
 * (server/collab/commits.ts), so every edit confirmed before the backup began is in it.
 * better-sqlite3's page-by-page `.backup()` was not used: another process's write restarts it,
 * and during steady typing it might never finish.
 *
 * It is written to a temporary file beside the target, checked as a restore would check it
 * (backup-checks.ts), made readable by its owner only (it holds special-category personal data),
 * flushed to disk and renamed into place: the target is a whole, checked backup or nothing.
 */
import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { databaseFilePath } from "~/utils/env.server";
import { checkDatabaseFile, megabytes, messageOf, syncToDisk } from "./backup-checks";

const USAGE = "Usage: npm run backup -- <file> [--force]   (--force replaces an existing file)";

function main(): number {
  let target: string;
  let force: boolean;
  try {
    const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new Error("Name one file to write the backup to.");
    target = path.resolve(positionals[0]!);
    force = values.force === true;
  } catch (error) {
    console.error(`${messageOf(error)}\n${USAGE}`);
    return 1;
  }
  const source = path.resolve(databaseFilePath());
  if (!existsSync(source)) {
    console.error(`There is no database at ${source} (DATABASE_URL) to back up.`);
    return 1;
  }
  if (target === source) {
    console.error("The backup cannot be written over the database itself: name another file.");
    return 1;
  }
  if (existsSync(target) && !force) {
    console.error(`${target} already exists. Name a new file, or add --force to replace it.`);
    return 1;
  }
  if (!existsSync(path.dirname(target))) {
    console.error(`The folder ${path.dirname(target)} does not exist.`);
    return 1;
  }

  const partial = `${target}.partial-${process.pid}`;
  try {
    const consistentAt = copyDatabase(source, partial);
    const check = checkDatabaseFile(partial);
    if (check.problems.length > 0) {
      rmSync(partial, { force: true });
      console.error(`The copy failed its checks and was not kept:\n  ${check.problems.join("\n  ")}`);
      return 2;
    }
    // The check opened it as the server does (WAL); a backup is one self-contained file.
    const db = new Database(partial);
    db.pragma("journal_mode = DELETE");
    db.close();
    chmodSync(partial, 0o600);
    syncToDisk(partial);
    renameSync(partial, target);
    syncToDisk(path.dirname(target));
    console.log(
      [
        `Backup written: ${target}`,
        `  size:        ${megabytes(statSync(target).size)}`,
        `  tables:      ${check.tables}, collab documents: ${check.documents}`,
        `  migrations:  ${check.applied.length} (latest ${check.applied.at(-1) ?? "none"})`,
        `  consistent as of ${consistentAt.toISOString()}: everything saved before then is in it`,
        "It holds personal data: keep it on encrypted storage that few people can read (README, Backups).",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    rmSync(partial, { force: true });
    console.error(`Backup failed: ${messageOf(error)}`);
    return 2;
  }
}

/**
 * VACUUM INTO, which only reads the database; returns a time before its read transaction began.
 * Not a read-only connection (nor query_only, which refuses VACUUM INTO): a read-only one leaves
 * an empty WAL beside a stopped server's database, which the last connection to close otherwise
 * tidies away.
 */
function copyDatabase(source: string, into: string): Date {
  rmSync(into, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  try {
    const startedAt = new Date();
    db.prepare("VACUUM INTO ?").run(into);
    return startedAt;
  } finally {
    db.close();
  }
}

process.exit(main());
