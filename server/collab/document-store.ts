/**
 * The shapes a collab document store hands over and takes: the contract between storage.ts and
 * the modules that read what it loads (log-load.ts, log-coalesce.ts) or write through it (room.ts,
 * commits.ts). A leaf: it imports nothing, so none of them need import each other for a type.
 */

/** A document's logged updates as stored: their bytes back to back, and where each one ends. */
export type UpdateLog = { bytes: Uint8Array; ends: number[] };

/** A document as stored: its compacted snapshot (if any), every update logged after it, and the last seq. */
export type StoredDocument = { snapshot: Uint8Array | null; log: UpdateLog; lastSeq: number };

/** One document's updates of one commit, numbered from `firstSeq`. */
export type UpdateBatch = { docName: string; firstSeq: number; updates: Uint8Array[] };

/**
 * Where collab documents live: an append-only log of updates per document plus a compacted
 * snapshot. storage.ts's CollabStorage (SQLite, the server's own connection) is the one in use;
 * another store implements this and is passed to createCollabServer.
 *
 * Every method is synchronous, and that is part of the contract, not an accident of SQLite: an
 * append must be durable when it returns, because the room relays and confirms right after it,
 * and a server change (DocumentRoom.changeFromServer) appends inside the same turn of the event
 * loop so that no peer can observe an unstored change. A store over the network would need that
 * design changed, not just this interface implemented.
 */
export interface DocumentStore {
  /** The snapshot and every update logged after it, in seq order; throws if the log cannot be read whole. */
  load(docName: string): StoredDocument;
  /** The same, row by row with seqs, for salvaging a log the document refuses. */
  loadRows(docName: string): { snapshot: Uint8Array | null; rows: { seq: number; data: Uint8Array }[] };
  /** Append the batches of many documents at once (the group commit): all or nothing. */
  appendMany(batches: UpdateBatch[]): void;
  /** Remove single logged updates (ones the document refused: never relayed or confirmed). */
  dropUpdates(docName: string, seqs: number[]): void;
  /** Replace the log up to `seq` with `state`, the document's encoded state at that point. */
  compact(docName: string, seq: number, state: Uint8Array): void;
  /** Remove a document entirely, log and snapshot. */
  deleteDocument(docName: string): void;
  /** Begin background upkeep while a collab server uses the store (SQLite: sweeping its journal). */
  startMaintenance(): void;
  close(): void;
}
