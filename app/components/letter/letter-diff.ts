/**
 * A small word diff between two versions of a letter (longest common subsequence on words and
 * the spaces between them). Letters are short; past MAX_CELLS the diff falls back to whole lines
 * so a pathological pair cannot stall a request.
 */
export type DiffPart = { op: "same" | "add" | "del"; text: string };

const MAX_CELLS = 4_000_000;

const words = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];
const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // table[i][j] = LCS length of a[i..] and b[j..], flattened.
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i] === b[j] ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const out: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) push("del", a[i++]!);
    else push("add", b[j++]!);
  }
  while (i < n) push("del", a[i++]!);
  while (j < m) push("add", b[j++]!);
  return out;
}

export function diffWords(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  if ((a.length + 1) * (b.length + 1) <= MAX_CELLS) return lcsDiff(a, b);
  const la = lines(before);
  const lb = lines(after);
  if ((la.length + 1) * (lb.length + 1) <= MAX_CELLS) return lcsDiff(la, lb);
  return [
    { op: "del", text: before },
    { op: "add", text: after },
  ];
}

/** Counts for a summary line ("12 words added, 3 removed"). */
export function diffStats(parts: DiffPart[]) {
  const count = (op: DiffPart["op"]) => parts.filter((p) => p.op === op).reduce((n, p) => n + (p.text.match(/[^\s]+/g)?.length ?? 0), 0);
  return { added: count("add"), removed: count("del") };
}
