import type { Node as PmNode } from "@tiptap/pm/model";

/**
 * Positions between a ProseMirror document and its flat form (app/realtime/flat-text.ts), where
 * every textblock is one marker followed by its inline content (a hard break counts one, as in
 * ProseMirror). A position between blocks counts everything before it.
 */
export function flatIndexAt(doc: PmNode, pos: number): number {
  let index = 0;
  let found = -1;
  doc.descendants((node, at) => {
    if (found >= 0) return false;
    if (!node.isTextblock) return true;
    const start = at + 1;
    if (pos < start) found = index;
    else if (pos <= start + node.content.size) found = index + 1 + (pos - start);
    else index += 1 + node.content.size;
    return false;
  });
  return found >= 0 ? found : index;
}

/** The caret position for a flat index: just after the character (or marker) before it. */
export function posAtFlatIndex(doc: PmNode, index: number): number {
  let count = 0;
  let previousEnd = -1;
  let found = -1;
  doc.descendants((node, at) => {
    if (found >= 0) return false;
    if (!node.isTextblock) return true;
    const start = at + 1;
    const size = node.content.size;
    if (index <= count) found = previousEnd >= 0 ? previousEnd : start;
    else if (index <= count + 1 + size) found = start + (index - count - 1);
    else {
      count += 1 + size;
      previousEnd = start + size;
    }
    return false;
  });
  if (found >= 0) return found;
  return previousEnd >= 0 ? previousEnd : Math.min(1, doc.content.size);
}

/**
 * Carries an index through a Y.Text change. Text inserted exactly at the index goes after it: a
 * caret stays right after the last character its person typed, so their next character follows it.
 */
/** A change to a Yjs sequence as Yjs describes it (retain, delete, insert). */
export type TextDelta = { retain?: number; delete?: number; insert?: unknown }[];

export function mapIndexThroughDelta(index: number, delta: TextDelta): number {
  let at = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain;
    else if (op.delete !== undefined) {
      shift -= Math.max(0, Math.min(op.delete, index - at));
      at += op.delete;
    } else if (op.insert !== undefined) {
      if (at >= index) break;
      shift += typeof op.insert === "string" || Array.isArray(op.insert) ? op.insert.length : 1;
    }
    if (at > index) break;
  }
  return index + shift;
}
