import { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { richTextExtensions } from "~/components/editor/rich-text-extensions";
import { prepareDom } from "./text-harness";

/**
 * Two tablets writing the same notes, in jsdom with real Tiptap editors bound to their own Y.Docs,
 * and a wire between them that the test controls: `flush()` delivers what each side sent.
 */
export type Tablet = {
  editor: Editor;
  doc: Y.Doc;
  /** With `carets`: this tablet's awareness (its caret, as other tablets see it). */
  awareness: Awareness | null;
  /** Types text one keystroke at a time, as a person does (through the editor's input handling). */
  type(text: string): void;
  press(key: string): void;
  /** Puts the caret in block `index` (0-based, counting every paragraph, heading and list item) at `offset` or its end. */
  caret(index: number, offset?: number | "end"): void;
  blocks(): string[];
};

/**
 * `carets`: each tablet also has awareness (the other person's caret is drawn in its editor), and
 * `flush()` delivers awareness changes too.
 */
export async function tablets(setup: (first: Tablet) => void, clientIds: [number, number] = [1, 2], { carets = false } = {}) {
  prepareDom();
  const outbox = new Map<Y.Doc, Uint8Array[]>();
  const awarenessOf = new Map<Y.Doc, Awareness>();
  const make = async (clientID: number): Promise<Tablet> => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    outbox.set(doc, []);
    doc.on("update", (u: Uint8Array, origin: unknown) => origin !== "wire" && outbox.get(doc)!.push(u));
    let awareness: Awareness | null = null;
    if (carets) {
      awareness = new Awareness(doc);
      awareness.setLocalStateField("user", { name: `Writer ${clientID}`, color: "#2454a6" });
      awarenessOf.set(doc, awareness);
    }
    const element = document.createElement("div");
    document.body.append(element);
    const editor = new Editor({ element, extensions: richTextExtensions({ doc, field: "notes", headings: true, awareness }) });
    await Promise.resolve();
    const textblocks = () => {
      const out: { pos: number; size: number; text: string; type: string }[] = [];
      editor.state.doc.descendants((node, pos) => {
        if (node.isTextblock) out.push({ pos: pos + 1, size: node.content.size, text: node.textContent, type: node.type.name });
        return !node.isTextblock;
      });
      return out;
    };
    return {
      editor,
      doc,
      awareness,
      type(text) {
        for (const ch of text) {
          const { view } = editor;
          const { from, to } = view.state.selection;
          const deflt = () => view.state.tr.insertText(ch);
          if (!view.someProp("handleTextInput", (f) => f(view, from, to, ch, deflt))) view.dispatch(deflt());
        }
      },
      press(key) {
        editor.commands.keyboardShortcut(key);
      },
      caret(index, offset = "end") {
        const block = textblocks()[index]!;
        const pos = block.pos + (offset === "end" ? block.size : offset);
        editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
      },
      blocks: () => textblocks().map((b) => (b.type === "paragraph" ? b.text : `${b.type}: ${b.text}`)),
    };
  };
  const a = await make(clientIds[0]);
  setup(a);
  const b = await make(clientIds[1]);
  const flush = () => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const pending = outbox.get(from.doc)!.splice(0);
      for (const u of pending) Y.applyUpdate(to.doc, u, "wire");
      const awareness = awarenessOf.get(from.doc);
      if (awareness) applyAwarenessUpdate(awarenessOf.get(to.doc)!, encodeAwarenessUpdate(awareness, [awareness.clientID]), "wire");
    }
  };
  // The second tablet opens the document as it is.
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), "wire");
  outbox.get(a.doc)!.length = 0;
  const destroyAll = () => {
    a.editor.destroy();
    b.editor.destroy();
    for (const awareness of awarenessOf.values()) awareness.destroy();
  };
  return { a, b, flush, destroy: destroyAll };
}
