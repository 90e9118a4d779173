import * as Y from "yjs";
import { flatField } from "~/realtime/flat-store";

/** One visible character of a document (a block start counts as one), with its Yjs identity. */
export type Token = { id: string; ch: string; client: number; clock: number; block: boolean };

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/** The document's visible tokens, in order: the flat text, or (for Tiptap's XML binding) its tree walked in order. */
export function tokensOf(doc: Y.Doc, field: string, binding: "flat" | "xml"): Token[] {
  const out: Token[] = [];
  const items = (start: Y.Item | null) => {
    for (let item = start; item; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString || item.content instanceof Y.ContentAny) {
        const s = item.content instanceof Y.ContentString ? item.content.str : (item.content.arr as string[]).join("");
        for (let k = 0; k < s.length; k++) {
          out.push({ id: `${item.id.client}:${item.id.clock + k}`, ch: s[k]!, client: item.id.client, clock: item.id.clock + k, block: s[k] === "\n" });
        }
      } else if (item.content instanceof Y.ContentType) {
        const type = item.content.type;
        if (type instanceof Y.XmlElement) {
          out.push({ id: idKey(item.id), ch: "\n", client: item.id.client, clock: item.id.clock, block: true });
          items(type._start);
        } else if (type instanceof Y.XmlText) items(type._start);
      }
    }
  };
  if (binding === "flat") items(flatField(doc, field).chars._start);
  else items(doc.getXmlFragment(field)._start);
  return out;
}
