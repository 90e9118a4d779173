import * as Y from "yjs";
import { attrsKey, EMBED, MARKER, marksKey, PARAGRAPH_KEY, PLAIN_KEY, readBlockAttrs, type BlockAttrs, type Flat } from "./flat-text";

/**
 * A rich-text field of a Yjs document as stored (see flat-text.ts for the model): the Y.Text of
 * its characters and the Y.Map of their attributes, keyed by each character's Yjs id. Shared by
 * the editor binding, the server's step headings and the readers of frozen copies.
 */
export type FlatField = { text: Y.Text; attrs: Y.Map<unknown> };

export const flatField = (doc: Y.Doc, field: string): FlatField => ({ text: doc.getText(`${field}:flat`), attrs: doc.getMap(`${field}:attrs`) });

export const idKey = (client: number, clock: number) => `${client}:${clock}`;

/** What is stored, as the flat form plus each character's id. Formatting items, if a client wrote any, are ignored. */
export function readFlat({ text, attrs }: FlatField): Flat & { ids: string[] } {
  const chars: string[] = [];
  const keys: string[] = [];
  const ids: string[] = [];
  const withAttrs = attrs.size > 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const str = item.content instanceof Y.ContentString ? item.content.str : null;
    for (let k = 0; k < item.length; k++) {
      const ch = str ? str[k]! : EMBED;
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
 * Plain text is inserted without formatting so that Yjs creates no zero-width items; attributes
 * other than the defaults are set in the map under the new characters' ids.
 */
export function insertFlat(field: FlatField, index: number, text: string, keys: string[]) {
  const doc = field.text.doc!;
  for (let i = 0; i < text.length; ) {
    let j = i + 1;
    while (j < text.length && keys[j] === keys[i] && (text[j] === MARKER) === (text[i] === MARKER)) j++;
    const client = doc.clientID;
    const clock = Y.getState(doc.store, client);
    field.text.insert(index + i, text.slice(i, j));
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
  field.text.delete(index, ids.length);
  for (const id of ids) if (field.attrs.has(id)) field.attrs.delete(id);
}

export const blockKey = (attrs: BlockAttrs) => attrsKey(attrs);

/** Appends plain paragraphs (the demo seed and tests write documents this way). */
export function appendParagraphs(field: FlatField, lines: string[]) {
  for (const line of lines) insertFlat(field, field.text.length, MARKER + line, [PARAGRAPH_KEY, ...Array<string>(line.length).fill(PLAIN_KEY)]);
}
