import StarterKit from "@tiptap/starter-kit";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { FlatCollaboration } from "./flat-collaboration";

/**
 * The editor schema every shared text uses (notes, agreement narratives, letters), bound to its
 * document: paragraphs, headings (not in letters), bulleted and numbered lists, bold, italic, line
 * breaks. Exactly what the flat text model (app/realtime/flat-text.ts) and the frozen copies
 * (app/utils/rich-text.ts) hold; nothing else can be typed or pasted in. No trailing paragraph is
 * added by the editor: with two tablets each would add its own.
 */
export function richTextExtensions(options: { doc: Y.Doc; field: string; headings: boolean; awareness: Awareness | null }) {
  return [
    StarterKit.configure({
      undoRedo: false,
      trailingNode: false,
      heading: options.headings ? { levels: [1, 2, 3] } : false,
      blockquote: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: false,
    }),
    FlatCollaboration.configure(options),
  ];
}
