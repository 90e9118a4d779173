import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { richTextExtensions } from "~/components/editor/rich-text-extensions";

type Props = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  readOnly: boolean;
  label: string;
  /** The live editor (to apply an accepted suggestion, or quote a selection) and its text on every change. */
  onEditor?: (editor: Editor | null) => void;
  onText?: (text: string) => void;
};

/**
 * The letter: a calm, plain Tiptap editor on the rich-text field "letter" of `letter:<id>`.
 * No formatting toolbar: a letter needs words, not styling. The facilitator's copy is
 * read-only and shows the author's caret (names and colours are set by the server).
 */
export function LetterEditor({ doc, provider, readOnly, label, onEditor, onText }: Props) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: richTextExtensions({ doc, field: "letter", headings: false, awareness: provider.awareness }),
      editorProps: { attributes: { "aria-label": label, "aria-multiline": "true", role: "textbox", class: "letter-content", ...(readOnly ? { "aria-readonly": "true" } : {}) } },
    },
    [doc, provider, readOnly],
  );
  useEffect(() => {
    onEditor?.(editor);
    if (!editor) return;
    const publish = () => onText?.(editor.getText({ blockSeparator: "\n" }));
    publish();
    editor.on("update", publish);
    return () => {
      editor.off("update", publish);
      onEditor?.(null);
    };
  }, [editor, onEditor, onText]);
  if (!editor) return <p className="hint">Opening the letter…</p>;
  return (
    <div className="letter-editor">
      <EditorContent editor={editor} />
    </div>
  );
}

/**
 * Replaces the first occurrence of `original` in the document with `replacement` (an accepted
 * suggestion). Text is matched within and across text nodes of one block. Returns false when the
 * words are no longer there (the author changed them since).
 */
export function replaceInEditor(editor: Editor, original: string, replacement: string): boolean {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isTextblock) return !found;
    const text = node.textContent;
    const at = text.indexOf(original);
    if (at < 0) return false;
    // Map the character offset inside the block to document positions through its inline children.
    let offset = 0;
    let from = -1;
    let to = -1;
    node.forEach((child, childPos) => {
      const len = child.isText ? child.text!.length : 0;
      if (from < 0 && at < offset + len) from = pos + 1 + childPos + (at - offset);
      if (to < 0 && at + original.length <= offset + len) to = pos + 1 + childPos + (at + original.length - offset);
      offset += len;
    });
    if (from >= 0 && to >= 0) found = { from, to };
    return false;
  });
  if (!found) return false;
  editor.chain().focus().insertContentAt(found, replacement).run();
  return true;
}

/** The text the facilitator selected in the letter, for quoting in a comment or suggestion. */
export function selectedText(editor: Editor | null): string {
  if (!editor) return "";
  const { from, to } = editor.state.selection;
  return editor.state.doc.textBetween(from, to, "\n").trim();
}
