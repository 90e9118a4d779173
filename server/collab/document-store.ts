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
