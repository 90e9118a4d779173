import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import * as Y from "yjs";
import { deleteFlat, insertFlat, readFlat, setAttrs, type FlatField } from "~/realtime/flat-store";
import { docJsonFromFlat, flatFromDocJson, MARKER, type Flat, type SchemaOptions } from "~/realtime/flat-text";
import { flatIndexAt, mapIndexThroughDelta, posAtFlatIndex, type TextDelta } from "./flat-positions";

/** Where a local change happened: everything before `from` and the last `endDist` positions are untouched. */
type Window = { from: number; endDist: number };
type SyncState = { base: PmNode; doc: PmNode; window: Window | null };

export const flatSyncKey = new PluginKey<SyncState>("circle-flat-sync");

/**
 * Keeps a ProseMirror editor and a flat text field (app/realtime/flat-text.ts, flat-store.ts) equal.
 *
 * Local edits: each transaction's steps say exactly where the document changed, so the change is
 * written to Yjs at that place (a typed character is inserted right after the character the caret
 * followed, an Enter inserts one marker there). Guessing the place from a diff of two documents
 * is what misplaces text when the same characters repeat nearby.
 *
 * Remote edits: the editor shows the stored text again (only the changed range is replaced), and
 * the caret is carried through Yjs's own description of the change: an insertion exactly at the
 * caret goes after it, so a person keeps typing where they were, never inside the other
 * person's new line. No guessing by content.
 */
export class FlatBinding {
  view: EditorView | null = null;
  /** The editor document that equals the stored text (ProseMirror documents are immutable). */
  synced: PmNode | null = null;
  /** 1 while the stored text lacks its first block marker (empty, or text before any marker). */
  lead = 1;
  private applyingRemote = false;
  /** While reading typing the page holds but ProseMirror has not read yet (see render): the edit found. */
  private captured: { before: PmNode; after: PmNode; window: Window | null } | null | undefined;
  /** What other people changed in the transaction being applied: the text's change, and whether attributes changed. */
  private pending: { delta: TextDelta; attrs: boolean } | null = null;

  constructor(
    readonly field: FlatField,
    readonly options: SchemaOptions,
    /** The Yjs transaction origin of this editor's own edits (the undo manager tracks it). */
    readonly origin: object = {},
  ) {}

  get chars() {
    return this.field.chars;
  }

  attach(view: EditorView) {
    this.view = view;
    this.synced = view.state.doc;
    this.field.chars.observe(this.onText);
    this.field.attrs.observe(this.onAttrs);
    this.field.chars.doc!.on("afterTransaction", this.afterTransaction);
    // Not during the view's construction: Tiptap's dispatch reaches the view only once it exists.
    queueMicrotask(() => this.view === view && this.render([]));
  }

  detach() {
    this.field.chars.unobserve(this.onText);
    this.field.attrs.unobserve(this.onAttrs);
    this.field.chars.doc!.off("afterTransaction", this.afterTransaction);
    this.view = null;
  }

  /** Yjs index of a position in a document that equals what is stored (the editor's, between transactions). */
  indexOf(doc: PmNode, pos: number): number {
    return Math.max(0, flatIndexAt(doc, pos) - this.lead);
  }

  /** Document position of a Yjs index. */
  posOf(doc: PmNode, index: number): number {
    return posAtFlatIndex(doc, index + this.lead);
  }

  private onText = (event: Y.YArrayEvent<string>, transaction: Y.Transaction) => {
    if (transaction.origin !== this.origin) this.pending = { delta: event.delta as TextDelta, attrs: this.pending?.attrs ?? false };
  };

  private onAttrs = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin !== this.origin) this.pending = { delta: this.pending?.delta ?? [], attrs: true };
  };

  /** One redraw per remote transaction, after both the text and its attributes are in. */
  private afterTransaction = () => {
    const pending = this.pending;
    this.pending = null;
    if (pending && this.view) this.render(pending.delta);
  };

  /** Shows what is stored; `delta` (the change just made to the text) carries the selection. */
  private render(delta: TextDelta) {
    const view = this.view!;
    // What the browser has already done in the page but not yet reported to ProseMirror would be
    // undone by the redraw: keys typed (they would be overwritten) and a caret moved (the stale
    // caret would be put back, and the next keys would go there). Read both now; typed keys are
    // stored through the change that arrived. Only the person using this editor can have either.
    let captured: FlatBinding["captured"] = null;
    if (view.hasFocus()) {
      this.captured = null;
      try {
        readPendingInput(view);
      } finally {
        captured = this.captured;
        this.captured = undefined;
      }
    }
    const typedAt = captured ? this.writeThrough(captured, delta) : null;
    const { state } = view;
    const old = state.doc;
    const anchor = typedAt ?? mapIndexThroughDelta(this.indexOf(old, state.selection.anchor), delta);
    const head = typedAt ?? mapIndexThroughDelta(this.indexOf(old, state.selection.head), delta);
    const stored = readFlat(this.field);
    this.lead = stored.text.startsWith(MARKER) ? 0 : 1;
    const next = state.schema.nodeFromJSON(docJsonFromFlat(stored, this.options));
    const tr = state.tr;
    const start = old.content.findDiffStart(next.content);
    if (start !== null) {
      let { a: endA, b: endB } = old.content.findDiffEnd(next.content)!;
      const overlap = start - Math.min(endA, endB);
      if (overlap > 0) {
        endA += overlap;
        endB += overlap;
      }
      tr.replace(start, endA, next.slice(start, endB));
    }
    tr.setSelection(TextSelection.create(tr.doc, this.posOf(tr.doc, anchor), this.posOf(tr.doc, head)));
    // Setting the selection drops stored marks: bold switched on at the caret must survive someone else's keystroke.
    if (state.storedMarks) tr.setStoredMarks(state.storedMarks);
    tr.setMeta(flatSyncKey, "remote").setMeta("addToHistory", false);
    this.applyingRemote = true;
    try {
      view.dispatch(tr);
    } finally {
      this.applyingRemote = false;
    }
    // Plugins may append their own transactions to this one: those are local edits to store.
    this.synced = tr.doc;
    this.update(view);
  }

  /** After every editor update: write what this person changed to Yjs. */
  update(view: EditorView) {
    const doc = view.state.doc;
    if (this.applyingRemote || doc === this.synced || !this.synced) return;
    const sync = flatSyncKey.getState(view.state);
    const window = sync && sync.doc === doc && sync.base === this.synced ? sync.window : null;
    if (this.captured !== undefined) {
      this.captured = { before: this.captured?.before ?? this.synced, after: doc, window: this.captured ? null : window };
      return;
    }
    this.writeThrough({ before: this.synced, after: doc, window }, []);
  }

  /**
   * Stores this person's edit. `delta` is a remote change already stored but not yet shown (empty
   * for an ordinary keystroke): the edit's place is carried through it. Returns where the caret
   * goes (after what was typed), or null when nothing changed.
   */
  private writeThrough({ before, after, window }: NonNullable<FlatBinding["captured"]>, delta: TextDelta): number | null {
    this.synced = after;
    const change = changeBetween(before, after, window);
    if (!change) return null;
    const { old, next, start, oldEnd, newEnd } = change;
    const lead = this.lead;
    const field = this.field;
    // The first block's marker may exist only in the editor: then it is stored first, at index 0.
    const shift = lead === 1 && field.chars.get(0) !== MARKER ? 1 : 0;
    const at = (i: number) => (i < lead ? 0 : mapIndexThroughDelta(i - lead, delta) + shift);
    const from = at(start);
    const to = Math.max(from, at(oldEnd));
    field.chars.doc!.transact(() => {
      if (shift) insertFlat(field, 0, MARKER, [old.attrs[0]!]);
      if (lead === 1 && field.chars.get(0) === MARKER) this.lead = 0;
      const stored = readFlat(field);
      if (old.text.slice(start, oldEnd) === next.text.slice(start, newEnd)) {
        for (let i = start; i < oldEnd; i++) if (old.attrs[i] !== next.attrs[i]) setAttrs(field, [stored.ids[at(i)]!], next.attrs[i]!, old.text[i] === MARKER);
      } else {
        if (to > from) deleteFlat(field, from, stored.ids.slice(from, to));
        insertFlat(field, from, next.text.slice(start, newEnd), next.attrs.slice(start, newEnd));
      }
    }, this.origin);
    return from + (newEnd - start);
  }
}

/**
 * Makes ProseMirror read what the browser did in the page that it has not processed yet: typed
 * keys (DOM mutations) and a moved caret (the "selectionchange" event is a task of its own, so a
 * message from the network can be handled first). Call before any redraw that is not this
 * person's own input, or the redraw puts the old caret back into the page.
 */
export function readPendingInput(view: EditorView) {
  (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
}

const same = (a: Flat, i: number, b: Flat, j: number) => a.text[i] === b.text[j] && a.attrs[i] === b.attrs[j];

/** What changed between two editor documents, in flat positions, kept to the transaction's window. */
function changeBetween(before: PmNode, after: PmNode, window: Window | null) {
  const old = flatFromDocJson(before.toJSON());
  const next = flatFromDocJson(after.toJSON());
  let start = 0;
  let tail = 0;
  if (window && window.from <= after.content.size - window.endDist) {
    start = flatIndexAt(before, window.from);
    tail = Math.min(old.text.length - flatIndexAt(before, before.content.size - window.endDist), next.text.length - flatIndexAt(after, after.content.size - window.endDist));
  }
  let oldEnd = Math.max(start, old.text.length - tail);
  let newEnd = Math.max(start, next.text.length - tail);
  while (start < oldEnd && start < newEnd && same(old, start, next, start)) start++;
  while (oldEnd > start && newEnd > start && same(old, oldEnd - 1, next, newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return start === oldEnd && start === newEnd ? null : { old, next, start, oldEnd, newEnd };
}

/** The range one transaction changed, from its steps (mark steps have no position map, so their own range counts). */
function windowOf(tr: Transaction): Window {
  const size = tr.doc.content.size;
  let from = size;
  let endDist = size;
  tr.steps.forEach((step, i) => {
    const rest = tr.mapping.slice(i + 1);
    const note = (start: number, end: number) => {
      from = Math.min(from, rest.map(start, -1));
      endDist = Math.min(endDist, size - rest.map(end, 1));
    };
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => note(newStart, newEnd));
    const ranged = step as unknown as { from?: number; to?: number; pos?: number };
    if (typeof ranged.from === "number" && typeof ranged.to === "number") note(ranged.from, ranged.to);
    else if (typeof ranged.pos === "number") note(ranged.pos, ranged.pos + (tr.docs[i]!.nodeAt(ranged.pos)?.nodeSize ?? 0));
  });
  return { from, endDist };
}

/** The ProseMirror plugin: tracks each local transaction's window and hands updates to the binding. */
export function flatSyncPlugin(binding: FlatBinding): Plugin<SyncState> {
  return new Plugin<SyncState>({
    key: flatSyncKey,
    state: {
      init: (_config, state) => ({ base: state.doc, doc: state.doc, window: null }),
      apply: (tr, value) => {
        if (tr.getMeta(flatSyncKey)) return { base: tr.doc, doc: tr.doc, window: null };
        if (!tr.docChanged) return value;
        const window = windowOf(tr);
        // Several transactions before the binding wrote anything (e.g. appended ones): one window.
        if (value.doc === tr.before && value.window && value.base !== value.doc && binding.synced === value.base) {
          return { base: value.base, doc: tr.doc, window: { from: Math.min(value.window.from, window.from), endDist: Math.min(value.window.endDist, window.endDist) } };
        }
        return { base: tr.before, doc: tr.doc, window };
      },
    },
    view: (view) => {
      binding.attach(view);
      return { update: (v) => binding.update(v), destroy: () => binding.detach() };
    },
  });
}
