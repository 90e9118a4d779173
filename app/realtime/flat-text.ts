/**
 * Circle's rich text in Yjs: ONE flat sequence per field (a Y.Array of one-character strings,
 * `<field>:chars`, see flat-store.ts), not a tree of Y.XmlElements.
 *
 * Why: in a tree, pressing Enter or Backspace moves text between elements (a split deletes the
 * tail and re-inserts a copy into a new paragraph; a join deletes a paragraph), so a person
 * typing concurrently in the moved text loses their words or sees them land in another line. In
 * a flat sequence a paragraph is one marker character: Enter inserts a marker, Backspace at the
 * start of a line deletes one, and nobody's characters ever move. Yjs keeps each person's run of
 * typing contiguous and in place (YATA), so two people typing at the same spot each keep their
 * own words, whole, where they typed them. (The same reasoning as Quill's delta model and
 * Peritext's block markers.)
 *
 * Encoding, in document order: every block starts with MARKER ("\n"); text characters follow; a
 * hard line break is LINE_BREAK. Attributes are NOT Yjs formatting: formatting inserts zero-width
 * items into the sequence, and a keystroke next to one is anchored to it, so with a concurrent
 * Enter at the same place it can land in the other person's new line. Instead each character's
 * attributes sit in a Y.Map beside the text, keyed by the character's Yjs id (flat-store.ts): a
 * marker's block attributes (`block` "paragraph" or "heading", `level`, `list`: the list types from
 * the outermost in, "bullet/ordered", `item`: true when the block starts a new list item) and a
 * character's marks (`bold`, `italic`). No entry means a plain paragraph or unmarked text.
 * Anything else a (hostile or older) client writes is read leniently: unknown attributes are
 * ignored, text before the first marker belongs to an implicit paragraph, an embed counts as one
 * character. Reading never drops or invents a character, so positions always correspond.
 *
 * This module is pure (no Yjs, no ProseMirror, no DOM): used by the editor binding, the server's
 * readers and tests.
 */

export const MARKER = "\n";
export const LINE_BREAK = "\u2028";
export const EMBED = "\ufffc";

export type MarkName = "bold" | "italic";
export const MARKS: readonly MarkName[] = ["bold", "italic"];
export type ListKind = "bullet" | "ordered";
export type BlockAttrs = { block: "paragraph" | "heading"; level?: 1 | 2 | 3; list?: string; item?: true };
type Attrs = Record<string, unknown>;

/** ProseMirror JSON, as Tiptap's schema names it (doc, paragraph, heading, lists, text, hardBreak). */
export type PmJson = { type: string; attrs?: Attrs; content?: PmJson[]; text?: string; marks?: { type: string }[] };

/** The flat form: one entry per Yjs character. `attrs[i]` is a canonical JSON key of character i's attributes. */
export type Flat = { text: string; attrs: string[] };

const LIST_TYPES: Record<string, ListKind> = { bulletList: "bullet", orderedList: "ordered" };
const LIST_NODES: Record<ListKind, string> = { bullet: "bulletList", ordered: "orderedList" };

/** Canonical key of an attribute set (sorted keys, nulls dropped), so equal sets compare equal as strings. */
export function attrsKey(attrs: Attrs | undefined): string {
  if (!attrs) return "{}";
  const keys = Object.keys(attrs)
    .filter((k) => attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false)
    .sort();
  if (keys.length === 0) return "{}";
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, attrs[k]])));
}

export const attrsOf = (key: string): Attrs => JSON.parse(key) as Attrs;

// ---------------------------------------------------------------------------------------------
// ProseMirror JSON -> flat

/** The flat form of a document, exactly as the binding writes it to the field's sequence. */
export function flatFromDocJson(doc: PmJson): Flat {
  const out: Flat = { text: "", attrs: [] };
  const chars: string[] = [];
  const push = (ch: string, key: string) => {
    chars.push(ch);
    out.attrs.push(key);
  };
  const inline = (nodes: PmJson[] | undefined) => {
    for (const n of nodes ?? []) {
      if (n.type === "text" && typeof n.text === "string") {
        const marks = (n.marks ?? []).map((m) => m.type).filter((m): m is MarkName => (MARKS as string[]).includes(m));
        const key = attrsKey(Object.fromEntries(marks.map((m) => [m, true])));
        for (let i = 0; i < n.text.length; i++) push(n.text[i]!, key);
      } else if (n.type === "hardBreak") push(LINE_BREAK, "{}");
      else if (n.content) inline(n.content);
    }
  };
  const blocks = (nodes: PmJson[] | undefined, lists: ListKind[], firstIsItem: boolean) => {
    let first = firstIsItem;
    for (const n of nodes ?? []) {
      const listKind = LIST_TYPES[n.type];
      if (listKind) {
        for (const item of n.content ?? []) blocks(item.content, [...lists, listKind], true);
      } else if (n.type === "paragraph" || n.type === "heading") {
        const attrs: BlockAttrs = { block: n.type };
        if (n.type === "heading") attrs.level = headingLevel(n.attrs?.level);
        if (lists.length > 0) attrs.list = lists.join("/");
        if (lists.length > 0 && first) attrs.item = true;
        push(MARKER, attrsKey(attrs));
        inline(n.content);
      } else if (n.content) {
        // A wrapper this model does not know (none in Circle's schema): keep its blocks.
        blocks(n.content, lists, first);
      }
      first = false;
    }
  };
  blocks(doc.content, [], false);
  out.text = chars.join("");
  return out;
}

const headingLevel = (v: unknown): 1 | 2 | 3 => (v === 1 || v === 2 ? v : 3);

// ---------------------------------------------------------------------------------------------
// flat -> blocks -> ProseMirror JSON

export type FlatBlock = { attrs: BlockAttrs; inline: PmJson[]; implicit: boolean };

/** Reads the flat form into blocks. Never loses a character: text before any marker is an implicit paragraph. */
export function blocksFromFlat(flat: Flat): FlatBlock[] {
  const blocks: FlatBlock[] = [];
  let current: FlatBlock | null = null;
  let run = "";
  let runKey = "";
  const flush = () => {
    if (!run) return;
    const marks = MARKS.filter((m) => runKey.includes(`"${m}"`));
    current!.inline.push(marks.length ? { type: "text", text: run, marks: marks.map((type) => ({ type })) } : { type: "text", text: run });
    run = "";
  };
  for (let i = 0; i < flat.text.length; i++) {
    const ch = flat.text[i];
    if (ch === MARKER) {
      flush();
      blocks.push((current = { attrs: readBlockAttrs(attrsOf(flat.attrs[i]!)), inline: [], implicit: false }));
      continue;
    }
    if (!current) blocks.push((current = { attrs: { block: "paragraph" }, inline: [], implicit: true }));
    if (ch === LINE_BREAK) {
      flush();
      current.inline.push({ type: "hardBreak" });
      continue;
    }
    const key = marksKey(attrsOf(flat.attrs[i]!));
    if (key !== runKey) flush();
    runKey = key;
    run += ch;
  }
  flush();
  return blocks;
}

/** Only the attributes a block marker may carry, read leniently. */
export function readBlockAttrs(a: Attrs | undefined): BlockAttrs {
  const attrs: BlockAttrs = { block: a?.block === "heading" ? "heading" : "paragraph" };
  if (attrs.block === "heading") attrs.level = headingLevel(a?.level);
  if (typeof a?.list === "string") {
    const kinds = a.list.split("/").filter((k): k is ListKind => k === "bullet" || k === "ordered");
    if (kinds.length > 0) attrs.list = kinds.slice(0, 8).join("/");
  }
  if (attrs.list && a?.item === true) attrs.item = true;
  return attrs;
}

/** Only the marks a character may carry. */
export const marksKey = (a: Attrs | undefined) => attrsKey(Object.fromEntries(MARKS.filter((m) => a?.[m] === true).map((m) => [m, true])));

export type SchemaOptions = { headings: boolean };
/**
 * ProseMirror JSON for the blocks, nesting list blocks into lists and items. Where the markers ask
 * for something the schema cannot hold (a list nested two levels deeper at once, a heading as a
 * list item's first block, a heading where headings are off), the nearest valid shape is used;
 * every character stays.
 */
export function docJsonFromBlocks(blocks: FlatBlock[], options: SchemaOptions): PmJson {
  const top: PmJson[] = [];
  const stack: { kind: ListKind; list: PmJson; item: PmJson | null }[] = [];
  for (const b of blocks) {
    const path = (b.attrs.list?.split("/") ?? []) as ListKind[];
    let keep = 0;
    while (keep < stack.length && keep < path.length && stack[keep]!.kind === path[keep]) keep++;
    stack.length = keep;
    let newItem = b.attrs.item === true;
    // Open at most one new level per block: a list item cannot start with a nested list.
    const depth = Math.min(path.length, keep + 1);
    if (depth > keep) {
      const kind = path[keep]!;
      const list: PmJson = { type: LIST_NODES[kind], content: [] };
      (keep === 0 ? top : stack[keep - 1]!.item!.content!).push(list);
      stack.push({ kind, list, item: null });
      newItem = true;
    }
    const headings = options.headings && b.attrs.block === "heading";
    const node: PmJson = headings ? { type: "heading", attrs: { level: b.attrs.level ?? 3 } } : { type: "paragraph" };
    if (b.inline.length) node.content = b.inline;
    if (depth === 0) {
      top.push(node);
      continue;
    }
    const level = stack[depth - 1]!;
    if (newItem || !level.item) {
      // A list item's first block must be a paragraph.
      const first: PmJson = node.type === "paragraph" ? node : { type: "paragraph", ...(node.content ? { content: node.content } : {}) };
      level.item = { type: "listItem", content: [first] };
      level.list.content!.push(level.item);
    } else level.item.content!.push(node);
  }
  if (top.length === 0) top.push({ type: "paragraph" });
  return { type: "doc", content: top };
}

export const docJsonFromFlat = (flat: Flat, options: SchemaOptions) => docJsonFromBlocks(blocksFromFlat(flat), options);

export const PARAGRAPH_KEY = attrsKey({ block: "paragraph" });
export const PLAIN_KEY = "{}";
