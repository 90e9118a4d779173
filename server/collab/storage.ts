import type Database from "better-sqlite3";
import { databaseFilePath } from "~/utils/env.server";
import { openServerDatabase, type Synchronous } from "~/utils/sqlite.server";
import { injectFault } from "../faults";
import { log, stackOf } from "../log";
import { backoffMs } from "../retry";
import type { DocumentStore, StoredDocument, UpdateBatch } from "./document-store";

type LogRow = { bytes: Buffer | null; index: Buffer | null };
const MMAP_BYTES = 256 * 1024 * 1024;
/**
 * The journal keeps this many rows, or rows this old, before its oldest ones are swept: deleted if
 * their document's snapshot covers them (nearly all: a document compacts every 500 updates, and
 * 10–20 s after its first unsnapshotted update, room.ts), else moved to the per-document log.
 * A load scans the journal (no index: ~50 ns a row).
 */
const JOURNAL_KEEP_ROWS = 150_000;
const JOURNAL_KEEP_MS = 60_000;
/** Rows swept per step (a few milliseconds), and how often a step runs. */
const SWEEP_ROWS = 500;
const SWEEP_EVERY_MS = 50;
/** After a failed step the sweep waits 1 s, then 2, 4, ... up to a minute (the rows stay in the journal meanwhile). */
const SWEEP_RETRY_BASE_MS = 1_000;
const SWEEP_RETRY_MAX_MS = 60_000;
/** Per logged update in the index: its seq (6 bytes) and its length (4 bytes), big-endian. */
const INDEX_ENTRY = 10;

/**
 * The collab document store: an append-only update log plus one compacted snapshot per document
 * (docs/architecture.md §5). Synchronous better-sqlite3 on its own connection, so that an append is on disk
 * (WAL, fsynced: survives a killed process and a power cut, see SYNCHRONOUS in sqlite.server.ts)
 * before the caller relays or confirms it.
 *
 * The log has two tables. Updates are appended to the journal ("CollabJournal"), in arrival order:
 * a group commit of updates to 500 documents then writes the journal's last page or two, where
 * appending to the per-document log ("CollabUpdate", keyed by (docName, seq)) wrote one page per
 * document (4 KB each to the WAL: 4x the CPU per update, README Decisions 2026-12-05). The
 * journal's oldest rows are swept (sweep()): deleted once a snapshot covers them, or moved to the
 * per-document log if their document has not compacted by then. A document's log is its rows in
 * both, after its snapshot's seq.
 */
export class CollabStorage implements DocumentStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTx: (batches: UpdateBatch[]) => void;
  private readonly compactTx: (docName: string, seq: number, state: Uint8Array) => void;
  private readonly sweepTx: (below: number) => void;
  private readonly dropTx: (docName: string, seqs: number[]) => void;
  private readonly deleteTx: (docName: string) => void;
  private sweeper: NodeJS.Timeout | null = null;

  /** `synchronous`: only the benchmark that compares the settings passes one (bench/sync.ts). */
  constructor(file = databaseFilePath(), opts: { synchronous?: Synchronous } = {}) {
    this.db = openServerDatabase(file, opts);
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
      rowsAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>('SELECT seq, data FROM "CollabUpdate" WHERE docName = ? AND seq > ? ORDER BY seq'),
      journalAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>('SELECT seq, data FROM "CollabJournal" WHERE docName = ? AND seq > ? ORDER BY seq'),
      dropOne: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ? AND seq = ?'),
      // One pass over the journal (it has no index) for all of a document's refused seqs.
      dropJournaledSeqs: this.db.prepare('DELETE FROM "CollabJournal" WHERE docName = ? AND seq IN (SELECT value FROM json_each(?))'),
      append: this.db.prepare('INSERT INTO "CollabJournal" (docName, seq, data, createdAt) VALUES (?, ?, ?, ?)'),
      journalEnds: this.db.prepare<[], { first: number | null; last: number | null; firstAt: number | null }>(
        // Three subqueries: SQLite answers a lone min() or max() from the b-tree's edge, but scans the
        // whole table for a SELECT that has both.
        'SELECT (SELECT min(id) FROM "CollabJournal") AS first, (SELECT max(id) FROM "CollabJournal") AS last, ' +
          '(SELECT createdAt FROM "CollabJournal" ORDER BY id LIMIT 1) AS firstAt',
      ),
      // Journal rows below `id` that no snapshot covers go to the per-document log, in its key order.
      moveUncovered: this.db.prepare(
        'INSERT OR REPLACE INTO "CollabUpdate" (docName, seq, data, createdAt) SELECT j.docName, j.seq, j.data, j.createdAt FROM "CollabJournal" j ' +
          'WHERE j.id < ? AND j.seq > COALESCE((SELECT s.seq FROM "CollabSnapshot" s WHERE s.docName = j.docName), 0) ORDER BY j.docName, j.seq',
      ),
      firstYoung: this.db.prepare<[number, number, number], { id: number }>('SELECT id FROM "CollabJournal" WHERE id >= ? AND id < ? AND createdAt >= ? ORDER BY id LIMIT 1'),
      dropJournalBelow: this.db.prepare('DELETE FROM "CollabJournal" WHERE id < ?'),
      dropJournaled: this.db.prepare('DELETE FROM "CollabJournal" WHERE docName = ?'),
      putSnapshot: this.db.prepare(
        'INSERT INTO "CollabSnapshot" (docName, seq, state, updatedAt) VALUES (?, ?, ?, ?) ON CONFLICT(docName) DO UPDATE SET seq = excluded.seq, state = excluded.state, updatedAt = excluded.updatedAt',
      ),
      dropUpTo: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ? AND seq <= ?'),
      dropLog: this.db.prepare('DELETE FROM "CollabUpdate" WHERE docName = ?'),
      dropSnapshot: this.db.prepare('DELETE FROM "CollabSnapshot" WHERE docName = ?'),
    };
    // Transaction wrappers are made once: db.transaction() prepares BEGIN/COMMIT/ROLLBACK each time it is called.
    const { append, putSnapshot, dropUpTo } = this.statements;
    this.appendTx = this.db.transaction((batches: UpdateBatch[]) => {
      const now = Date.now();
      for (const { docName, firstSeq, updates } of batches) {
        for (let i = 0; i < updates.length; i++) append.run(docName, firstSeq + i, asBuffer(updates[i]!), now);
      }
      // Tests only: the commit fails after its rows were written, so SQLite rolls them back.
      injectFault("append");
    });
    this.compactTx = this.db.transaction((docName: string, seq: number, state: Uint8Array) => {
      putSnapshot.run(docName, seq, asBuffer(state), Date.now());
      injectFault("compaction");
      dropUpTo.run(docName, seq);
    });
    const { moveUncovered, dropJournalBelow, dropOne, dropJournaledSeqs, dropLog, dropJournaled, dropSnapshot } = this.statements;
    this.sweepTx = this.db.transaction((below: number) => {
      moveUncovered.run(below);
      dropJournalBelow.run(below);
    });
    this.dropTx = this.db.transaction((docName: string, seqs: number[]) => {
      for (const seq of seqs) dropOne.run(docName, seq);
      dropJournaledSeqs.run(docName, JSON.stringify(seqs));
    });
    this.deleteTx = this.db.transaction((docName: string) => {
      dropLog.run(docName);
      dropJournaled.run(docName);
      dropSnapshot.run(docName);
    });
  }

  /**
   * Sweep the journal's oldest rows while it holds more than JOURNAL_KEEP_ROWS or rows older than
   * JOURNAL_KEEP_MS, SWEEP_ROWS per step (one transaction). Only the collab server sweeps (a
   * connection opened to read a document does not). Returns the rows swept.
   */
  sweep(now = Date.now(), keep = { rows: JOURNAL_KEEP_ROWS, ms: JOURNAL_KEEP_MS }): number {
    injectFault("sweep");
    const { first, last, firstAt } = this.statements.journalEnds.get()!;
    if (first === null || last === null) return 0;
    let below = first + Math.min(SWEEP_ROWS, Math.max(0, last - first + 1 - keep.rows));
    if (firstAt !== null && now - Number(firstAt) > keep.ms) {
      // Rows arrive in time order: sweep up to the first one young enough to keep (within this step).
      const young = this.statements.firstYoung.get(first, first + SWEEP_ROWS, now - keep.ms);
      below = Math.max(below, young?.id ?? first + SWEEP_ROWS);
    }
    if (below <= first) return 0;
    this.sweepTx(below);
    return below - first;
  }

  /** The collab server's upkeep of this store (DocumentStore): the journal sweep. */
  startMaintenance(): void {
    this.startSweeping();
  }

  /**
   * Sweep the journal in steps on a timer until close(). A failed step loses nothing (its
   * transaction rolls back and the rows stay in the journal, where loads read them); it is logged
   * and the next step waits longer each time it fails again, so a failing disk is neither hammered
   * every 50 ms nor flooding the log.
   */
  startSweeping(): void {
    if (this.sweeper) return;
    let failures = 0;
    const step = () => {
      let wait = SWEEP_EVERY_MS;
      try {
        this.sweep();
        if (failures > 0) log.warn({ failures }, "collab journal sweep works again");
        failures = 0;
      } catch (error) {
        failures++;
        wait = backoffMs(failures, SWEEP_RETRY_BASE_MS, SWEEP_RETRY_MAX_MS);
        log.error({ failures, retryInMs: wait, err: stackOf(error) }, "collab journal sweep failed; its rows stay in the journal; trying again later");
      }
      if (!this.sweeper) return; // closed meanwhile
      this.sweeper = setTimeout(step, wait);
      this.sweeper.unref();
    };
    this.sweeper = setTimeout(step, SWEEP_EVERY_MS);
    this.sweeper.unref();
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
    let bytes: Uint8Array = row?.bytes ?? new Uint8Array(0);
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
    // The journal's rows come after the per-document log's (they were appended later).
    const journaled = this.statements.journalAfter.all(docName, fromSeq);
    if (journaled.length > 0) {
      for (const { seq, data } of journaled) {
        if (seq <= lastSeq) throw new Error(`collab log of ${docName} read out of order`);
        lastSeq = seq;
        ends.push((end += data.length));
      }
      bytes = Buffer.concat([bytes, ...journaled.map((r) => r.data)]);
    }
    return { snapshot: snapshot?.state ?? null, log: { bytes, ends }, lastSeq };
  }

  /** The logged updates after the snapshot with their sequence numbers (for salvaging a damaged log). */
  loadRows(docName: string): { snapshot: Uint8Array | null; rows: { seq: number; data: Uint8Array }[] } {
    const snapshot = this.statements.snapshot.get(docName);
    const fromSeq = snapshot?.seq ?? 0;
    const rows = [...this.statements.rowsAfter.all(docName, fromSeq), ...this.statements.journalAfter.all(docName, fromSeq)];
    return { snapshot: snapshot?.state ?? null, rows: rows.sort((a, b) => a.seq - b.seq) };
  }

  /** Append the batches of many documents in one transaction (group commit), each numbered from its firstSeq. */
  appendMany(batches: UpdateBatch[]): void {
    this.appendTx(batches);
  }

  /** Remove single logged updates (ones that were never relayed or confirmed because the document refused them). */
  dropUpdates(docName: string, seqs: number[]): void {
    this.dropTx(docName, seqs);
  }

  /** Remove a document entirely (log and snapshot): used when its content must be destroyed. */
  deleteDocument(docName: string): void {
    // Content destroyed on purpose (a destroyed letter, a disposed case) is overwritten, not only
    // unlinked: with secure_delete the freed cells and pages are zeroed, so the bytes do not linger
    // in free space for a copy of the file to reveal. Only here: the hot path keeps plain deletes.
    this.db.pragma("secure_delete = ON");
    try {
      this.deleteTx(docName);
    } finally {
      this.db.pragma("secure_delete = OFF");
    }
  }

  /** Replace the log up to `seq` with the encoded state of the document at that point. */
  compact(docName: string, seq: number, state: Uint8Array): void {
    this.compactTx(docName, seq, state);
  }

  close(): void {
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = null;
    this.db.close();
  }
}

/** A Buffer view of the same bytes (no copy) for binding as a blob. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
