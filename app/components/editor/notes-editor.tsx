import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { formatDateTime } from "~/utils/format";
import { richTextExtensions } from "./rich-text-extensions";

type Props = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  readOnly: boolean;
  label: string;
  /** The document's rich-text field (see app/realtime/flat-store.ts). */
  field?: string;
  /** Shown to someone who may only read. */
  readOnlyHint?: string;
};

/** Notes both facilitators write at once (Tiptap + Yjs). The server sets each caret's name and colour. */
export function NotesEditor({ doc, provider, readOnly, label, field = "notes", readOnlyHint = "You can read these notes; only the facilitators edit them." }: Props) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: richTextExtensions({ doc, field, headings: true, awareness: provider.awareness }),
      editorProps: { attributes: { "aria-label": label, "aria-multiline": "true", role: "textbox", class: "notes-content" } },
    },
    [doc, provider, readOnly, field],
  );
  if (!editor) return <p className="hint">Loading the editor…</p>;
  return (
    <div className="notes-editor">
      {readOnly ? <p className="hint">{readOnlyHint}</p> : <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  // Symbols where they are universal (B, I, lists, undo); the headings in words, since "H" and "h"
  // meant little to the facilitators who tried them on a tablet.
  const item = (name: string, active: boolean, run: () => void, text: React.ReactNode) => (
    <button
      type="button"
      className={`tool${typeof text === "string" && text.length > 2 ? " wide" : ""}${active ? " on" : ""}`}
      aria-pressed={active}
      aria-label={name}
      title={name}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {item("Heading", editor.isActive("heading", { level: 2 }), () => chain().toggleHeading({ level: 2 }).run(), "Heading")}
      {item("Subheading", editor.isActive("heading", { level: 3 }), () => chain().toggleHeading({ level: 3 }).run(), "Subheading")}
      {item("Bold", editor.isActive("bold"), () => chain().toggleBold().run(), <strong>B</strong>)}
      {item("Italic", editor.isActive("italic"), () => chain().toggleItalic().run(), <em>I</em>)}
      {item("Bulleted list", editor.isActive("bulletList"), () => chain().toggleBulletList().run(), "•")}
      {item("Numbered list", editor.isActive("orderedList"), () => chain().toggleOrderedList().run(), "1.")}
      {item("Undo my last change", false, () => editor.storage.flatCollaboration.undoManager?.undo(), "↶")}
      {item("Redo", false, () => editor.storage.flatCollaboration.undoManager?.redo(), "↷")}
      <button
        type="button"
        className="tool wide"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() =>
          chain()
            .insertContent(`[${formatDateTime(new Date().toISOString())}] `)
            .run()
        }
      >
        Insert time
      </button>
    </div>
  );
}
