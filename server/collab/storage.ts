import type Database from "better-sqlite3";
import { databaseFilePath } from "~/utils/env.server";
import { openServerDatabase } from "~/utils/sqlite.server";
import type { UpdateLog } from "./log-load";

export type StoredDocument = { snapshot: Uint8Array | null; log: UpdateLog; lastSeq: number };
type LogRow = { bytes: Buffer | null; index: Buffer | null };
const MMAP_BYTES = 256 * 1024 * 1024;
/** Per logged update in the index: its seq (6 bytes) and its length (4 bytes), big-endian. */
const INDEX_ENTRY = 10;

/**
 * The collab document store: an append-only update log plus one compacted snapshot per document
 * (DESIGN.md §5). Synchronous better-sqlite3 on its own connection, so that an append is on disk
 * (WAL, in the OS page cache: survives kill -9) before the caller relays or confirms it.
 */
export class CollabStorage {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTx: (batches: { docName: string; firstSeq: number; updates: Uint8Array[] }[]) => void;
  private readonly compactTx: (docName: string, seq: number, state: Uint8Array) => void;

  constructor(file = databaseFilePath()) {
    this.db = openServerDatabase(file);
    // Logs and snapshots are read straight from the mapped file, not copied page by page into
    // SQLite's cache (a cold load of a long log reads megabytes once). Writes still go to the WAL.
    this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    this.statements = {
      snapshot: this.db.prepare<[string], { seq: number; state: Buffer }>('SELECT seq, state FROM "CollabSnapshot" WHERE docName = ?'),
      // The whole log in one row: its blobs back to back, and an index of their seqs and lengths.
      // A Buffer per row costs a backing store each (100,000 of them: ~0.3 s of allocation and
      // collection), and numbers as text cost a string to parse.
      logAfter: this.db.prepare<[string, number], LogRow>(
        "SELECT CAST(group_concat(data, x'') AS BLOB) AS bytes, CAST(group_concat(unhex(printf('%012X%08X', seq, length(data))), x'') AS BLOB) AS \"index\" " +
          'FROM (SELECT seq, data FROM "CollabUpdate" WHERE docName = ? AND seq > ? ORDER BY seq)',
      ),
      rowsAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM "CollabUpdate" WHERE docName = ? AND seq > ? ORDER BY seq',
      ),
      dropOne: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ? AND seq = ?'),
      append: this.db.prepare('INSERT INTO "CollabUpdate" (docName, seq, data, createdAt) VALUES (?, ?, ?, ?)'),
      putSnapshot: this.db.prepare(
        'INSERT INTO "CollabSnapshot" (docName, seq, state, updatedAt) VALUES (?, ?, ?, ?) ON CONFLICT(docName) DO UPDATE SET seq = excluded.seq, state = excluded.state, updatedAt = excluded.updatedAt',
      ),
      dropUpTo: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ? AND seq <= ?'),
      dropLog: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ?'),
      dropSnapshot: this.db.prepare('DELETE FROM "CollabSnapshot" WHERE docName = ?'),
    };
    // Transaction wrappers are made once: db.transaction() prepares BEGIN/COMMIT/ROLLBACK each time it is called.
    const { append, putSnapshot, dropUpTo } = this.statements;
    this.appendTx = this.db.transaction((batches: { docName: string; firstSeq: number; updates: Uint8Array[] }[]) => {
      const now = Date.now();
      for (const { docName, firstSeq, updates } of batches) {
        for (let i = 0; i < updates.length; i++) append.run(docName, firstSeq + i, asBuffer(updates[i]!), now);
      }
    });
    this.compactTx = this.db.transaction((docName: string, seq: number, state: Uint8Array) => {
      putSnapshot.run(docName, seq, asBuffer(state), Date.now());
      dropUpTo.run(docName, seq);
    });
  }

  /**
   * The stored snapshot (if any) and every update logged after it, in order. Throws if the log
   * does not come back in seq order (group_concat follows the ordered subquery in SQLite, but does
   * not promise to): the caller then salvages row by row (room.ts).
   */
  load(docName: string): StoredDocument {
    const snapshot = this.statements.snapshot.get(docName);
    const fromSeq = snapshot?.seq ?? 0;
    const row = this.statements.logAfter.get(docName, fromSeq);
    const bytes = row?.bytes ?? new Uint8Array(0);
    const index = row?.index ?? Buffer.alloc(0);
    const ends: number[] = new Array(index.length / INDEX_ENTRY);
    let lastSeq = fromSeq;
    let end = 0;
    for (let i = 0, at = 0; at < index.length; i++, at += INDEX_ENTRY) {
      const seq = index.readUIntBE(at, 6);
      if (seq <= lastSeq) throw new Error(`collab log of ${docName} read out of order`);
      lastSeq = seq;
      ends[i] = end += index.readUInt32BE(at + 6);
    }
    if (end !== bytes.length) throw new Error(`collab log of ${docName} read incompletely`);
    return { snapshot: snapshot?.state ?? null, log: { bytes, ends }, lastSeq };
  }

  /** The logged updates after the snapshot with their sequence numbers (for salvaging a damaged log). */
  loadRows(docName: string): { snapshot: Uint8Array | null; rows: { seq: number; data: Uint8Array }[] } {
    const snapshot = this.statements.snapshot.get(docName);
    return { snapshot: snapshot?.state ?? null, rows: this.statements.rowsAfter.all(docName, snapshot?.seq ?? 0) };
  }

  /** Append the batches of many documents in one transaction (group commit), each numbered from its firstSeq. */
  appendMany(batches: { docName: string; firstSeq: number; updates: Uint8Array[] }[]): void {
    this.appendTx(batches);
  }

  /** Remove single logged updates (ones that were never relayed or confirmed because the document refused them). */
  dropUpdates(docName: string, seqs: number[]): void {
    for (const seq of seqs) this.statements.dropOne.run(docName, seq);
  }

  /** Remove a document entirely (log and snapshot): used when its content must be destroyed. */
  deleteDocument(docName: string): void {
    this.db.transaction(() => {
      this.statements.dropLog.run(docName);
      this.statements.dropSnapshot.run(docName);
    })();
  }

  /** Replace the log up to `seq` with the encoded state of the document at that point. */
  compact(docName: string, seq: number, state: Uint8Array): void {
    this.compactTx(docName, seq, state);
  }

  close(): void {
    this.db.close();
  }
}

/** A Buffer view of the same bytes (no copy) for binding as a blob. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
