import Database from "better-sqlite3";
import { databaseFilePath } from "~/utils/env.server";

/**
 * The collab document store: an append-only update log plus one compacted snapshot per document
 * (DESIGN.md §5). Synchronous better-sqlite3 on its own connection, so that an append is on disk
 * (WAL, in the OS page cache: survives kill -9) before the caller relays or confirms it.
 */
export class CollabStorage {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file = databaseFilePath()) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.statements = {
      snapshot: this.db.prepare<[string], { seq: number; state: Buffer }>('SELECT seq, state FROM "CollabSnapshot" WHERE docName = ?'),
      updatesAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM "CollabUpdate" WHERE docName = ? AND seq > ? ORDER BY seq',
      ),
      append: this.db.prepare('INSERT INTO "CollabUpdate" (docName, seq, data, createdAt) VALUES (?, ?, ?, ?)'),
      putSnapshot: this.db.prepare(
        'INSERT INTO "CollabSnapshot" (docName, seq, state, updatedAt) VALUES (?, ?, ?, ?) ON CONFLICT(docName) DO UPDATE SET seq = excluded.seq, state = excluded.state, updatedAt = excluded.updatedAt',
      ),
      dropUpTo: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ? AND seq <= ?'),
    };
  }

  /** The stored snapshot (if any) and every update logged after it, in order. */
  load(docName: string): { snapshot: Uint8Array | null; updates: Uint8Array[]; lastSeq: number } {
    const snapshot = this.statements.snapshot.get(docName);
    const fromSeq = snapshot?.seq ?? 0;
    const rows = this.statements.updatesAfter.all(docName, fromSeq);
    return { snapshot: snapshot?.state ?? null, updates: rows.map((r) => r.data), lastSeq: rows.at(-1)?.seq ?? fromSeq };
  }

  /** Append the batches of many documents in one transaction (group commit), each numbered from its firstSeq. */
  appendMany(batches: { docName: string; firstSeq: number; updates: Uint8Array[] }[]): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const { docName, firstSeq, updates } of batches) {
        updates.forEach((u, i) => this.statements.append.run(docName, firstSeq + i, Buffer.from(u), now));
      }
    })();
  }

  /** Replace the log up to `seq` with the encoded state of the document at that point. */
  compact(docName: string, seq: number, state: Uint8Array): void {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(docName, seq, Buffer.from(state), Date.now());
      this.statements.dropUpTo.run(docName, seq);
    })();
  }

  close(): void {
    this.db.close();
  }
}
