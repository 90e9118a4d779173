import * as Y from "yjs";
import { attrsKey, EMBED, MARKER, marksKey, PARAGRAPH_KEY, PLAIN_KEY, readBlockAttrs, type BlockAttrs, type Flat } from "./flat-text";

/**
 * A rich-text field of a Yjs document as stored (see flat-text.ts for the model): a Y.Array of its
 * characters (one string of one UTF-16 unit each) and a Y.Map of their attributes, keyed by each
 * character's Yjs id. Shared by the editor binding, the server's step headings and the readers of
 * frozen copies.
 *
 * Why a Y.Array and not a Y.Text: Y.Text moves an insertion past any deleted items that follow the
 * character before it (to keep formatting tidy), so a keystroke gets a deleted item as its origin
 * instead of the character its person typed after. When someone else deleted something right there,
 * a third person's concurrent text, anchored to the same deleted item, can then land between two
 * consecutive keystrokes of one person: their word split in two. A Y.Array insertion always takes
 * the visible item before it as its origin, so a run of typing stays whole.
 */
export type FlatField = { chars: Y.Array<string>; attrs: Y.Map<unknown> };

export const flatField = (doc: Y.Doc, field: string): FlatField => ({ chars: doc.getArray(`${field}:chars`), attrs: doc.getMap(`${field}:attrs`) });

export const idKey = (client: number, clock: number) => `${client}:${clock}`;

/** What is stored, as the flat form plus each character's id. Never drops or adds a position. */
export function readFlat({ chars: array, attrs }: FlatField): Flat & { ids: string[] } {
  const chars: string[] = [];
  const keys: string[] = [];
  const ids: string[] = [];
  const withAttrs = attrs.size > 0;
  for (let item = array._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const values = item.content instanceof Y.ContentAny ? (item.content.arr as unknown[]) : null;
    for (let k = 0; k < item.length; k++) {
      // Anything but a one-unit string (which no editor writes) reads as one placeholder character.
      const stored = values?.[k];
      const ch = typeof stored === "string" && stored.length === 1 ? stored : EMBED;
      const id = idKey(item.id.client, item.id.clock + k);
      const value = withAttrs ? (attrs.get(id) as Record<string, unknown> | undefined) : undefined;
      chars.push(ch);
      ids.push(id);
      if (ch === MARKER) keys.push(value ? attrsKey(readBlockAttrs(value)) : PARAGRAPH_KEY);
      else keys.push(value ? marksKey(value) : PLAIN_KEY);
    }
  }
  return { text: chars.join(""), attrs: keys, ids };
}

/**
 * Inserts characters at `index`, each run with its attributes key (a block's or a character's).
 * Attributes other than the defaults are set in the map under the new characters' ids.
 */
export function insertFlat(field: FlatField, index: number, text: string, keys: string[]) {
  const doc = field.chars.doc!;
  for (let i = 0; i < text.length;) {
    let j = i + 1;
    while (j < text.length && keys[j] === keys[i] && (text[j] === MARKER) === (text[i] === MARKER)) j++;
    const client = doc.clientID;
    const clock = Y.getState(doc.store, client);
    field.chars.insert(index + i, text.slice(i, j).split(""));
    const isDefault = keys[i] === (text[i] === MARKER ? PARAGRAPH_KEY : PLAIN_KEY);
    if (!isDefault) for (let k = 0; k < j - i; k++) field.attrs.set(idKey(client, clock + k), JSON.parse(keys[i]!));
    i = j;
  }
}

/** Sets (or clears, for the default) the attributes of the characters with these ids. */
export function setAttrs(field: FlatField, ids: string[], key: string, isMarker: boolean) {
  const isDefault = key === (isMarker ? PARAGRAPH_KEY : PLAIN_KEY);
  for (const id of ids) {
    if (isDefault) field.attrs.delete(id);
    else field.attrs.set(id, JSON.parse(key));
  }
}

/** Deletes characters and their attributes. */
export function deleteFlat(field: FlatField, index: number, ids: string[]) {
  field.chars.delete(index, ids.length);
  for (const id of ids) if (field.attrs.has(id)) field.attrs.delete(id);
}

export const blockKey = (attrs: BlockAttrs) => attrsKey(attrs);

/** Appends plain paragraphs (the demo seed and tests write documents this way). */
export function appendParagraphs(field: FlatField, lines: string[]) {
  for (const line of lines) insertFlat(field, field.chars.length, MARKER + line, [PARAGRAPH_KEY, ...Array<string>(line.length).fill(PLAIN_KEY)]);
}
