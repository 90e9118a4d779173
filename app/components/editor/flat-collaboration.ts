import { Extension } from "@tiptap/core";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { flatField } from "~/realtime/flat-store";
import { FlatBinding, flatSyncPlugin } from "./flat-binding";
import { flatCaretsPlugin } from "./flat-carets";

type Options = {
  doc: Y.Doc | null;
  /** The document's field (e.g. "notes"): see flat-store.ts for where its text and attributes live. */
  field: string;
  /** Whether the editor's schema has headings (letters do not). */
  headings: boolean;
  /** Other people's carets; none when absent. */
  awareness: Awareness | null;
};

type Storage = { undoManager: Y.UndoManager | null };

declare module "@tiptap/core" {
  interface Storage {
    flatCollaboration: { undoManager: Y.UndoManager | null };
  }
}

/**
 * Tiptap's collaboration for Circle: the editor bound to a flat sequence (see flat-text.ts for why
 * not Tiptap's own XML binding), other people's carets, and undo/redo of this person's own edits
 * only (Yjs's UndoManager, tracking this editor's origin: undo never removes a colleague's words).
 */
export const FlatCollaboration = Extension.create<Options, Storage>({
  name: "flatCollaboration",
  priority: 1000,

  addOptions: () => ({ doc: null, field: "notes", headings: true, awareness: null }),
  addStorage: () => ({ undoManager: null }),

  addProseMirrorPlugins() {
    if (!this.options.doc) throw new Error("FlatCollaboration needs a Y.Doc");
    const field = flatField(this.options.doc, this.options.field);
    const binding = new FlatBinding(field, { headings: this.options.headings });
    this.storage.undoManager?.destroy();
    this.storage.undoManager = new Y.UndoManager([field.chars, field.attrs], { trackedOrigins: new Set([binding.origin]), captureTimeout: 500 });
    const plugins = [flatSyncPlugin(binding)];
    if (this.options.awareness) plugins.push(flatCaretsPlugin(binding, this.options.awareness) as never);
    return plugins;
  },

  addKeyboardShortcuts() {
    const undo = () => (this.storage.undoManager?.undo(), true);
    const redo = () => (this.storage.undoManager?.redo(), true);
    return { "Mod-z": undo, "Mod-y": redo, "Shift-Mod-z": redo };
  },

  onDestroy() {
    this.storage.undoManager?.destroy();
    this.storage.undoManager = null;
  },
});
