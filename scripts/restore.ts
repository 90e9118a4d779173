/**
 * `npm run restore -- <file>`: puts a backup (`npm run backup`) in place of the configured
 * database (DATABASE_URL), with the server stopped. Exit codes: 0 restored, 1 refused, 2 failed.
 *
 * In order: it refuses while anything has the database open (a running server: backup-checks.ts,
 * databaseInUse); copies the backup beside the database and checks the copy (integrity, foreign
 * keys, migrations this release knows, every collab document loading with the server's loader), so
 * a bad backup changes nothing and the backup file itself is never touched; moves the current
 * database aside under a timestamped name (with its write-ahead log copied into it first); and
 * renames the checked copy into place. A backup from an older release is brought up to date by
 * `prisma migrate deploy`, which `npm start` runs before the server starts.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseFilePath } from "~/utils/env.server";
import { checkDatabaseFile, databaseInUse, messageOf, syncToDisk } from "./backup-checks";

const USAGE = "Usage: npm run restore -- <backup file>   (stop the server first)";
const SQLITE_SIDE_FILES = ["-wal", "-shm"];

const inUseMessage = (file: string) =>
  `The database ${file} is in use: Circle (or another program) has it open. Stop the server, then run the restore again; it replaces the database under whatever has it open.`;

function main(): number {
  let backup: string;
  try {
    const { positionals } = parseArgs({ allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new Error("Name the one backup file to restore.");
    backup = path.resolve(positionals[0]!);
  } catch (error) {
    console.error(`${messageOf(error)}\n${USAGE}`);
    return 1;
  }
  const target = path.resolve(databaseFilePath());
  if (!existsSync(backup)) {
    console.error(`There is no backup at ${backup}.`);
    return 1;
  }
  if (databaseInUse(target)) {
    console.error(inUseMessage(target));
    return 1;
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const staged = `${target}.restoring-${stamp}`;
  let keptAside: string | null = null;
  try {
    // A new machine or folder: SQLite creates no folders (as scripts/ensure-data-dir.mjs says for npm start).
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(backup, staged);
    const check = checkDatabaseFile(staged);
    if (check.problems.length > 0) {
      removeWithSideFiles(staged);
      console.error(`${backup} cannot be restored; nothing was changed:\n  ${check.problems.join("\n  ")}`);
      return 1;
    }
    syncToDisk(staged);
    if (existsSync(target)) {
      // Asked again just before the swap, and the WAL of a server that was killed is copied into
      // the file first: a database moved away from its WAL loses what the WAL held.
      if (databaseInUse(target, { settle: true })) {
        removeWithSideFiles(staged);
        console.error(inUseMessage(target));
        return 1;
      }
      keptAside = `${target}.replaced-${stamp}`;
      moveWithSideFiles(target, keptAside);
    }
    renameSync(staged, target);
    syncToDisk(path.dirname(target));
    console.log(
      [
        `Restored ${backup} to ${target}.`,
        `  tables: ${check.tables}, collab documents: ${check.documents}; integrity, references, migrations and documents checked`,
        keptAside ? `  the database it replaced is kept at ${keptAside}` : "  there was no database there before",
        check.pending.length > 0
          ? `The backup is ${check.pending.length} migration(s) behind this release: npm start applies them before the server starts (or run npm run db:migrate now).`
          : "The backup is at this release's latest migration.",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    removeWithSideFiles(staged);
    // Failed between the two renames: the database that was there goes back.
    if (keptAside && !existsSync(target)) moveWithSideFiles(keptAside, target);
    console.error(`Restore failed: ${messageOf(error)}`);
    return 2;
  }
}

/** A database and its WAL and shared-memory files, if any, renamed together (SQLite finds them by name). */
function moveWithSideFiles(from: string, to: string) {
  renameSync(from, to);
  for (const side of SQLITE_SIDE_FILES) if (existsSync(from + side)) renameSync(from + side, to + side);
}

function removeWithSideFiles(file: string) {
  for (const suffix of ["", ...SQLITE_SIDE_FILES]) rmSync(file + suffix, { force: true });
}

process.exit(main());
