import * as Y from "yjs";
import { flatField, readFlat } from "~/realtime/flat-store";
import { docJsonFromFlat, type PmJson } from "~/realtime/flat-text";

/**
 * Frozen rich text (agreement narratives, letter versions): a collab document's rich-text field
 * (app/realtime/flat-text.ts) turned into a small, allow-listed tree and plain text. Only known nodes and marks survive;
 * attributes are dropped except a heading's level (1-3). Nothing in the result can carry markup,
 * links or script, so the print view and the PDF render text, never HTML from the document.
 */
export type RichMark = "bold" | "italic";
export type RichInline = { text: string; marks?: RichMark[] };
export type RichBlock =
  { type: "paragraph"; content: RichInline[] } | { type: "heading"; level: 1 | 2 | 3; content: RichInline[] } | { type: "bulletList" | "orderedList"; items: RichBlock[][] };
export type RichDoc = { blocks: RichBlock[] };

const MAX_BLOCKS = 5_000;
const MAX_TEXT = 200_000;

function inline(text: Y.XmlText, budget: { chars: number }): RichInline[] {
  const out: RichInline[] = [];
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== "string" || budget.chars <= 0) continue;
    const value = op.insert.slice(0, budget.chars);
    budget.chars -= value.length;
    const marks = (["bold", "italic"] as const).filter((m) => op.attributes && Object.hasOwn(op.attributes, m));
    out.push(marks.length ? { text: value, marks } : { text: value });
  }
  return out;
}

function inlineOf(el: Y.XmlElement, budget: { chars: number }): RichInline[] {
  return el.toArray().flatMap((child) => (child instanceof Y.XmlText ? inline(child, budget) : []));
}

function blocksOf(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[], budget: { chars: number; blocks: number }): RichBlock[] {
  const out: RichBlock[] = [];
  for (const node of nodes) {
    if (budget.blocks-- <= 0) break;
    if (node instanceof Y.XmlText) {
      out.push({ type: "paragraph", content: inline(node, budget) });
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    switch (node.nodeName) {
      case "paragraph":
        out.push({ type: "paragraph", content: inlineOf(node, budget) });
        break;
      case "heading": {
        const raw = Number(node.getAttribute("level"));
        const level = (raw === 1 || raw === 2 ? raw : 3) as 1 | 2 | 3;
        out.push({ type: "heading", level, content: inlineOf(node, budget) });
        break;
      }
      case "bulletList":
      case "orderedList": {
        const items = node
          .toArray()
          .filter((li): li is Y.XmlElement => li instanceof Y.XmlElement && li.nodeName === "listItem")
          .map((li) => blocksOf(li.toArray(), budget));
        out.push({ type: node.nodeName, items });
        break;
      }
      default:
        // Unknown nodes keep their text as a paragraph: nothing typed is lost, nothing unknown is rendered.
        out.push({ type: "paragraph", content: [{ text: plainOf(node).slice(0, Math.max(0, budget.chars)) }] });
    }
  }
  return out;
}

function plainOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, "");
  if (node instanceof Y.XmlElement) return node.toArray().map(plainOf).join(" ");
  return "";
}

/**
 * The allow-listed tree of a document's rich-text field. Documents written before the flat model
 * (Tiptap's XML fragment of the same name) are read from that fragment while the flat text is empty.
 */
export function richDocFromYjs(doc: Y.Doc, field: string): RichDoc {
  const budget = { chars: MAX_TEXT, blocks: MAX_BLOCKS };
  const flat = readFlat(flatField(doc, field));
  if (flat.text.length === 0 && doc.share.has(field)) return { blocks: blocksOf(doc.getXmlFragment(field).toArray(), budget) };
  return { blocks: blocksOfJson(docJsonFromFlat(flat, { headings: true }).content ?? [], budget) };
}

function inlineOfJson(nodes: PmJson[] | undefined, budget: { chars: number }): RichInline[] {
  const out: RichInline[] = [];
  for (const n of nodes ?? []) {
    if (budget.chars <= 0) break;
    // A line break inside a paragraph reads as a space in the frozen text.
    const text = n.type === "hardBreak" ? " " : (n.text ?? "").slice(0, budget.chars);
    budget.chars -= text.length;
    const marks = (["bold", "italic"] as const).filter((m) => n.marks?.some((x) => x.type === m));
    out.push(marks.length ? { text, marks } : { text });
  }
  return out;
}

function blocksOfJson(nodes: PmJson[], budget: { chars: number; blocks: number }): RichBlock[] {
  const out: RichBlock[] = [];
  for (const n of nodes) {
    if (budget.blocks-- <= 0) break;
    if (n.type === "heading") {
      const raw = n.attrs?.level;
      out.push({ type: "heading", level: raw === 1 || raw === 2 ? raw : 3, content: inlineOfJson(n.content, budget) });
    } else if (n.type === "bulletList" || n.type === "orderedList") {
      out.push({ type: n.type, items: (n.content ?? []).map((item) => blocksOfJson(item.content ?? [], budget)) });
    } else out.push({ type: "paragraph", content: inlineOfJson(n.content, budget) });
  }
  return out;
}

const inlineText = (content: RichInline[]) => content.map((c) => c.text).join("");

/** Plain text: one line per paragraph or heading, "- " or "1. " before list items. */
export function richDocToText(doc: RichDoc): string {
  const lines: string[] = [];
  const walk = (blocks: RichBlock[], indent: string) => {
    for (const b of blocks) {
      if (b.type === "paragraph" || b.type === "heading") lines.push(indent + inlineText(b.content));
      else {
        b.items.forEach((item, i) => {
          const bullet = b.type === "bulletList" ? "- " : `${i + 1}. `;
          const [first, ...rest] = item;
          if (first && (first.type === "paragraph" || first.type === "heading")) lines.push(indent + bullet + inlineText(first.content));
          else if (first) walk([first], indent + "  ");
          walk(rest, indent + "  ");
        });
      }
    }
  };
  walk(doc.blocks, "");
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Parses a stored tree back, keeping only what richDocFromYjs could have produced. */
export function parseRichDoc(json: string): RichDoc {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { blocks: [] };
  }
  const inlines = (v: unknown): RichInline[] =>
    Array.isArray(v)
      ? v
          .filter((c): c is { text: string; marks?: unknown } => typeof c === "object" && c !== null && typeof (c as { text?: unknown }).text === "string")
          .map((c) => {
            const marks = Array.isArray(c.marks) ? c.marks.filter((m): m is RichMark => m === "bold" || m === "italic") : [];
            return marks.length ? { text: c.text, marks } : { text: c.text };
          })
      : [];
  const blocks = (v: unknown): RichBlock[] =>
    Array.isArray(v)
      ? v.flatMap((b): RichBlock[] => {
          if (typeof b !== "object" || b === null) return [];
          const o = b as Record<string, unknown>;
          if (o.type === "paragraph") return [{ type: "paragraph", content: inlines(o.content) }];
          if (o.type === "heading") return [{ type: "heading", level: o.level === 1 || o.level === 2 ? o.level : 3, content: inlines(o.content) }];
          if (o.type === "bulletList" || o.type === "orderedList") return [{ type: o.type, items: Array.isArray(o.items) ? o.items.map(blocks) : [] }];
          return [];
        })
      : [];
  return { blocks: blocks((value as { blocks?: unknown } | null)?.blocks) };
}
