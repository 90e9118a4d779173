import type Database from "better-sqlite3";
import { databaseFilePath } from "~/utils/env.server";
import { openServerDatabase } from "~/utils/sqlite.server";

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
    this.statements = {
      snapshot: this.db.prepare<[string], { seq: number; state: Buffer }>('SELECT seq, state FROM "CollabSnapshot" WHERE docName = ?'),
      // Only the blobs (pluck): a long log loads without an object per row.
      updatesAfter: this.db
        .prepare<[string, number], Buffer>('SELECT data FROM "CollabUpdate" WHERE docName = ? AND seq > ? ORDER BY seq')
        .pluck(),
      lastSeq: this.db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM "CollabUpdate" WHERE docName = ?'),
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

  /** The stored snapshot (if any) and every update logged after it, in order. */
  load(docName: string): { snapshot: Uint8Array | null; updates: Uint8Array[]; lastSeq: number } {
    const snapshot = this.statements.snapshot.get(docName);
    const fromSeq = snapshot?.seq ?? 0;
    const updates = this.statements.updatesAfter.all(docName, fromSeq);
    const lastSeq = updates.length > 0 ? (this.statements.lastSeq.get(docName)?.seq ?? fromSeq) : fromSeq;
    return { snapshot: snapshot?.state ?? null, updates, lastSeq };
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
