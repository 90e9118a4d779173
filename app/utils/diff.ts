/**
 * A small line-then-word diff (longest common subsequence), for comparing agreement versions.
 * Lines are compared first; a run of removed lines followed by added lines is refined word by
 * word so a changed sentence shows exactly what changed. Large inputs fall back to whole lines.
 */
export type DiffPart = { op: "same" | "add" | "del"; text: string };

/** LCS table cells above this fall back to "all removed, all added" for the block. */
const MAX_CELLS = 2_000_000;

function lcsDiff(a: string[], b: string[]): { op: DiffPart["op"]; token: string }[] {
  // Trim the common head and tail first: versions usually differ in a small middle part.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((token) => ({ op: "same" as const, token }));
  const tail = a.slice(endA).map((token) => ({ op: "same" as const, token }));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length * y.length > MAX_CELLS) {
    return [...head, ...x.map((token) => ({ op: "del" as const, token })), ...y.map((token) => ({ op: "add" as const, token })), ...tail];
  }
  const n = x.length;
  const m = y.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i]![j] = x[i] === y[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const middle: { op: DiffPart["op"]; token: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      middle.push({ op: "same", token: x[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) middle.push({ op: "del", token: x[i++]! });
    else middle.push({ op: "add", token: y[j++]! });
  }
  while (i < n) middle.push({ op: "del", token: x[i++]! });
  while (j < m) middle.push({ op: "add", token: y[j++]! });
  return [...head, ...middle, ...tail];
}

/** Merges neighbouring parts with the same op. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/** Word diff: words and the whitespace between them are kept, so joining a side rebuilds it exactly. */
export function diffWords(a: string, b: string): DiffPart[] {
  const split = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
  return merge(lcsDiff(split(a), split(b)).map(({ op, token }) => ({ op, text: token })));
}

/** Line diff refined to words inside changed blocks. Each part's text keeps its newlines. */
export function diffText(a: string, b: string): DiffPart[] {
  const lines = (s: string) => (s === "" ? [] : s.split("\n").map((l) => l + "\n"));
  const ops = lcsDiff(lines(a), lines(b));
  const out: DiffPart[] = [];
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.op === "same") {
      out.push({ op: "same", text: ops[k]!.token });
      k++;
      continue;
    }
    let removed = "";
    let added = "";
    while (k < ops.length && ops[k]!.op !== "same") {
      if (ops[k]!.op === "del") removed += ops[k]!.token;
      else added += ops[k]!.token;
      k++;
    }
    out.push(...(removed && added ? diffWords(removed, added) : [{ op: removed ? ("del" as const) : ("add" as const), text: removed || added }]));
  }
  return merge(out);
}

/** The text of one side of a diff: "before" drops additions, "after" drops deletions. */
export function sideOf(parts: DiffPart[], side: "before" | "after"): string {
  return parts.filter((p) => p.op === "same" || p.op === (side === "before" ? "del" : "add")).map((p) => p.text).join("");
}
