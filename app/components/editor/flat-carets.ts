import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { readPendingInput, type FlatBinding } from "./flat-binding";

const caretKey = new PluginKey<DecorationSet>("circle-flat-carets");
const COLOUR = /^#[0-9a-fA-F]{6}$/;
/** Carets this close (in characters, same line) would print their name labels on top of each other. */
const NEAR = 4;

type Caret = { clientId: number; name: string; colour: string; anchor: number; head: number };

/**
 * Other people's carets and selections, from awareness. Each tablet publishes its own caret as
 * Yjs relative positions in the flat text (they stay on the character they follow while text
 * arrives); names and colours are set by the server from the session, never by the client. Name
 * labels of carets close together are stacked so both stay readable.
 */
export function flatCaretsPlugin(binding: FlatBinding, awareness: Awareness): Plugin<DecorationSet> {
  let published = "";
  const publish = (view: EditorView, focused: boolean) => {
    const { doc, selection } = view.state;
    const rel = (pos: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(binding.chars, binding.indexOf(doc, pos), -1));
    const cursor = focused && view.editable ? { anchor: rel(selection.anchor), head: rel(selection.head) } : null;
    const json = JSON.stringify(cursor);
    if (json === published) return;
    published = json;
    awareness.setLocalStateField("cursor", cursor);
  };
  return new Plugin<DecorationSet>({
    key: caretKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, old, _oldState, state) => (tr.docChanged || tr.getMeta(caretKey) ? decorations(state.doc, binding, awareness) : old),
    },
    props: {
      decorations: (state) => caretKey.getState(state),
      handleDOMEvents: {
        focus: (view) => (publish(view, true), false),
        blur: (view) => (publish(view, false), false),
      },
    },
    view: (view) => {
      const redraw = () => {
        if (view.isDestroyed) return;
        // Redrawing puts ProseMirror's caret into the page: first read a caret move it has not seen.
        if (view.hasFocus()) readPendingInput(view);
        view.dispatch(view.state.tr.setMeta(caretKey, true).setMeta("addToHistory", false));
      };
      const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        if ([...added, ...updated, ...removed].some((id) => id !== awareness.clientID)) queueMicrotask(redraw);
      };
      awareness.on("change", onChange);
      return {
        update: (v, prev) => {
          if (!prev.doc.eq(v.state.doc) || !prev.selection.eq(v.state.selection)) publish(v, v.hasFocus());
        },
        destroy: () => {
          awareness.off("change", onChange);
          if (published !== "null" && published !== "") awareness.setLocalStateField("cursor", null);
        },
      };
    },
  });
}

function carets(doc: PmNode, binding: FlatBinding, awareness: Awareness): Caret[] {
  const ydoc = binding.chars.doc!;
  const resolve = (json: unknown): number | null => {
    try {
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), ydoc);
      return abs && abs.type === binding.chars ? binding.posOf(doc, abs.index) : null;
    } catch {
      return null;
    }
  };
  const out: Caret[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = state.user as { name?: unknown; color?: unknown } | undefined;
    const cursor = state.cursor as { anchor?: unknown; head?: unknown } | null | undefined;
    if (!user || typeof user.name !== "string" || !cursor) return;
    const anchor = resolve(cursor.anchor);
    const head = resolve(cursor.head);
    if (anchor === null || head === null) return;
    out.push({ clientId, name: user.name.slice(0, 60), colour: typeof user.color === "string" && COLOUR.test(user.color) ? user.color : "#2454a6", anchor, head });
  });
  return out.sort((a, b) => a.head - b.head || a.clientId - b.clientId);
}

function decorations(doc: PmNode, binding: FlatBinding, awareness: Awareness): DecorationSet {
  const list: Decoration[] = [];
  let stack = 0;
  let previous: Caret | null = null;
  for (const caret of carets(doc, binding, awareness)) {
    const sameLine = previous !== null && doc.resolve(previous.head).parent === doc.resolve(caret.head).parent;
    stack = sameLine && caret.head - previous!.head <= NEAR ? stack + 1 : 0;
    previous = caret;
    const { name, colour, clientId } = caret;
    const level = stack;
    list.push(Decoration.widget(caret.head, () => caretElement(name, colour, level), { key: `${clientId}:${name}:${colour}:${level}`, side: 10 }));
    const from = Math.min(caret.anchor, caret.head);
    const to = Math.max(caret.anchor, caret.head);
    if (from < to) list.push(Decoration.inline(from, to, { style: `background-color: ${colour}33`, class: "collaboration-carets__selection" }));
  }
  return DecorationSet.create(doc, list);
}

function caretElement(name: string, colour: string, stack: number): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = colour;
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = colour;
  label.style.setProperty("--caret-stack", String(stack));
  label.textContent = name;
  caret.append(label);
  return caret;
}
