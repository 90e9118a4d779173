import * as Y from "yjs";
import { flatField, insertFlat } from "./flat-store";
import { flatFromDocJson, type PmJson } from "./flat-text";

/** The rich-text fields of Circle's documents (notes, agreement narratives, letters). */
const FIELDS = ["notes", "narrative", "letter"] as const;

function toJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook): PmJson[] {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[])
      .filter((op) => typeof op.insert === "string")
      .map((op) => ({ type: "text", text: op.insert as string, marks: Object.keys(op.attributes ?? {}).map((type) => ({ type })) }));
  }
  if (!(node instanceof Y.XmlElement)) return [];
  const attrs = node.getAttributes() as Record<string, unknown>;
  if (attrs.level !== undefined) attrs.level = Number(attrs.level);
  return [{ type: node.nodeName, attrs, content: node.toArray().flatMap(toJson) }];
}

/** Whether a document holds rich text only in the old XML form (cheap: no copy is made). */
export const hasLegacyRichText = (doc: Y.Doc) => FIELDS.some((name) => doc.share.has(name) && flatField(doc, name).chars.length === 0 && doc.getXmlFragment(name).length > 0);

/**
 * Documents written before the flat model kept their text in Tiptap's XML fragment of the same
 * name. When such a document is opened, the server copies that text into the flat field once
 * (through its own stored change, before any tablet syncs), so nothing written then is hidden.
 * The fragment is left as it was. Returns whether anything was copied.
 */
export function copyLegacyRichText(doc: Y.Doc): boolean {
  let copied = false;
  for (const name of FIELDS) {
    if (!doc.share.has(name)) continue;
    const field = flatField(doc, name);
    const fragment = doc.getXmlFragment(name);
    if (field.chars.length > 0 || fragment.length === 0) continue;
    const flat = flatFromDocJson({ type: "doc", content: fragment.toArray().flatMap(toJson) });
    insertFlat(field, 0, flat.text, flat.attrs);
    copied = true;
  }
  return copied;
}
