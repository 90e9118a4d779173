import { diffArrays } from "diff";

/**
 * What changed between two versions of a text (agreement narratives, letters), for the screens
 * that strike through removed words and underline added ones. The comparison is jsdiff's (Myers'
 * shortest edit script); this module only chooses the pieces compared: words with the whitespace
 * between them, so joining one side's parts rebuilds that side exactly, and punctuation stays on
 * its word ("drunk." is one word) as a reader would mark it.
 */
export type DiffPart = { op: "same" | "add" | "del"; text: string };

/**
 * Past this many words (or lines) added plus removed a finer comparison gives way to a coarser
 * one (words → lines → the whole text), so a pair of long, unrelated texts cannot stall a page.
 * A count of edits, not a clock: the same texts always give the same diff.
 */
const MAX_EDITS = 1_000;

const words = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];
const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** Merges neighbouring parts with the same op and drops empty ones. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/**
 * One change per run: the shortest edit script keeps every space that two rewritten words share
 * ("sorry" → "sorry.", "but" → "It"), which reads as a row of one-word changes. A space (or blank
 * line) between two changes joins them, so the run shows as its old words struck through, then
 * its new words; neither side's text changes.
 */
function group(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    out.push({ op: "del", text: removed }, { op: "add", text: added });
    removed = added = "";
  };
  parts.forEach((p, i) => {
    if (p.op === "del") removed += p.text;
    else if (p.op === "add") added += p.text;
    else if ((removed || added) && i + 1 < parts.length && /^\s+$/.test(p.text)) {
      removed += p.text;
      added += p.text;
    } else {
      flush();
      out.push(p);
    }
  });
  flush();
  return merge(out);
}

function compare(before: string[], after: string[]): DiffPart[] | undefined {
  const changes = diffArrays(before, after, { maxEditLength: MAX_EDITS });
  return changes && group(changes.map((c) => ({ op: c.added ? "add" : c.removed ? "del" : "same", text: c.value.join("") })));
}

const whole = (before: string, after: string): DiffPart[] =>
  merge([
    { op: "del", text: before },
    { op: "add", text: after },
  ]);

/** Word by word (a letter's versions). */
export function diffWords(before: string, after: string): DiffPart[] {
  return compare(words(before), words(after)) ?? compare(lines(before), lines(after)) ?? whole(before, after);
}

/**
 * Line by line, then word by word inside each changed run of lines (an agreement's narrative):
 * unchanged paragraphs stay whole, and a changed sentence shows exactly which words changed.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const byLine = compare(lines(before), lines(after));
  // Texts that differ in that many lines are shown as rewritten, without looking for words in common.
  if (!byLine) return whole(before, after);
  const out: DiffPart[] = [];
  for (let k = 0; k < byLine.length;) {
    if (byLine[k]!.op === "same") {
      out.push(byLine[k++]!);
      continue;
    }
    let removed = "";
    let added = "";
    for (; k < byLine.length && byLine[k]!.op !== "same"; k++) {
      if (byLine[k]!.op === "del") removed += byLine[k]!.text;
      else added += byLine[k]!.text;
    }
    out.push(...(removed && added ? diffWords(removed, added) : whole(removed, added)));
  }
  return merge(out);
}

/** The text of one side of a diff: "before" drops additions, "after" drops deletions. */
export function sideOf(parts: DiffPart[], side: "before" | "after"): string {
  return parts
    .filter((p) => p.op === "same" || p.op === (side === "before" ? "del" : "add"))
    .map((p) => p.text)
    .join("");
}

/** Counts for a summary line ("12 words added, 3 removed"). */
export function diffStats(parts: DiffPart[]) {
  const count = (op: DiffPart["op"]) => parts.filter((p) => p.op === op).reduce((n, p) => n + (p.text.match(/[^\s]+/g)?.length ?? 0), 0);
  return { added: count("add"), removed: count("del") };
}
