import Database from "better-sqlite3";

/** SQLite's `synchronous` setting: when a commit waits for the disk (see openServerDatabase). */
export type Synchronous = "NORMAL" | "FULL";

/**
 * A synchronous SQLite connection for the server's own stores (collab log, live state), with the
 * settings every connection to the database shares: WAL, commits that survive a process crash
 * without an fsync each (synchronous = NORMAL), a 5 s wait for the write lock, and no automatic
 * checkpoint — server/checkpointer.ts checkpoints from a worker, so no commit on the event loop
 * ever pays for one.
 */
export function openServerDatabase(file: string, opts: { synchronous?: Synchronous } = {}): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${opts.synchronous ?? "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  db.pragma("wal_autocheckpoint = 0");
  return db;
}
