import * as Y from "yjs";
import type { UpdateLog } from "./document-store";
import { coalesceLog } from "./log-coalesce";

/** Updates applied per Yjs transaction: each transaction merges what it integrated, so the pieces die young. */
const APPLY_PER_TRANSACTION = 500;

/**
 * A stored document (its snapshot, then its log) as a Y.Doc: a cold load. The log is folded first
 * (log-coalesce.ts: one joined item per stretch of typing), which is what makes a 100,000-update
 * log load in a fraction of the time.
 *
 * A joined item integrates exactly as its pieces would in a sequence of text. The one thing the
 * bytes of an update cannot tell is whether a piece's origin sits in a sequence or holds a map
 * key's value (parentSub, inherited from the origin): there each piece would delete the one before
 * it. No editor writes text there, but a crafted update could; so after applying, every joined item
 * is checked, and if one is not plain integrated text the document is built again update by update.
 */
export function loadStored(stored: { snapshot: Uint8Array | null; log: UpdateLog }): Y.Doc {
  const { updates, runs } = coalesceLog(stored.log);
  const doc = build(stored.snapshot, updates);
  const plainText = runs.every(({ client, clock }) => {
    if (Y.getState(doc.store, client) <= clock) return false; // still pending
    const item = Y.getItem(doc.store, Y.createID(client, clock));
    return item instanceof Y.Item && item.parentSub === null;
  });
  if (plainText) return doc;
  doc.destroy();
  return build(stored.snapshot, splitLog(stored.log));
}

function build(snapshot: Uint8Array | null, updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (let i = 0; i < updates.length; i += APPLY_PER_TRANSACTION) {
    Y.transact(doc, () => {
      for (const update of updates.slice(i, i + APPLY_PER_TRANSACTION)) Y.applyUpdate(doc, update);
    });
  }
  return doc;
}

/** The log's updates one by one (views of its bytes). */
export function splitLog(log: UpdateLog): Uint8Array[] {
  return log.ends.map((end, i) => log.bytes.subarray(i === 0 ? 0 : log.ends[i - 1], end));
}
