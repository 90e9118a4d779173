import Database from "better-sqlite3";

/** SQLite's `synchronous` setting: when a commit waits for the disk (see SYNCHRONOUS). */
export type Synchronous = "NORMAL" | "FULL";

/**
 * Every connection of the server commits with `synchronous = FULL`: in WAL mode the commit returns
 * only after the WAL has been fsynced, so whatever the server confirmed after it ("Saved" for a
 * collab edit, a form's answer, a live step) survives a power cut or an OS crash, not only the
 * process being killed. NORMAL skips that fsync (the WAL is synced at checkpoints only), and the
 * last commits before a power cut can then be rolled back. FULL costs one fsync per transaction;
 * the collab group commit pays it once per event-loop pass whatever the number of updates. Measured
 * with `npm run bench:sync` (README, Decisions, 2026-12-06): for three typists a key's "saved"
 * came about 8 ms later at the median on a busy shared virtual disk. Not configurable: no
 * deployment should trade that promise away, and the cost is far below what a typist notices.
 */
export const SYNCHRONOUS: Synchronous = "FULL";

/**
 * A synchronous SQLite connection for the server's own stores (collab log, live state), with the
 * settings every connection to the database shares: WAL, commits fsynced before they return
 * (SYNCHRONOUS), a 5 s wait for the write lock, and no automatic checkpoint —
 * server/checkpointer.ts checkpoints from a worker, so no commit on the event loop ever pays for
 * one. `synchronous` is for the benchmark that compares the settings (bench/sync.ts) only.
 */
export function openServerDatabase(file: string, opts: { synchronous?: Synchronous } = {}): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${opts.synchronous ?? SYNCHRONOUS}`);
  db.pragma("busy_timeout = 5000");
  db.pragma("wal_autocheckpoint = 0");
  return db;
}
