import { describe, expect, it } from "vitest";
import { diffStats, diffText, diffWords, sideOf, type DiffPart } from "~/utils/diff";

const changes = (parts: DiffPart[]) => parts.filter((p) => p.op !== "same");

describe("diff: what changed between two agreement versions", () => {
  it("marks the changed words inside a changed line", () => {
    const parts = diffText("Dan will pay in 4 instalments.\nJess agreed.", "Dan will pay in 2 instalments.\nJess agreed.");
    expect(changes(parts)).toEqual([
      { op: "del", text: "4" },
      { op: "add", text: "2" },
    ]);
  });

  it("keeps unchanged paragraphs whole and marks an added paragraph as one addition", () => {
    const parts = diffText("Dan will repay Jess.\nJess agreed.", "Dan will repay Jess.\nThey shook hands.\nJess agreed.");
    expect(parts).toEqual([
      { op: "same", text: "Dan will repay Jess.\n" },
      { op: "add", text: "They shook hands.\n" },
      { op: "same", text: "Jess agreed." },
    ]);
  });

  it("rebuilds each side exactly, whitespace included", () => {
    const a = "one two\nthree\n\nfour  five six";
    const b = "one 2\nthree\nnew line\n\nfour five six\n";
    const parts = diffText(a, b);
    expect(sideOf(parts, "before")).toBe(a);
    expect(sideOf(parts, "after")).toBe(b);
  });

  it("handles empty sides and identical text", () => {
    expect(diffText("", "added")).toEqual([{ op: "add", text: "added" }]);
    expect(diffText("gone", "")).toEqual([{ op: "del", text: "gone" }]);
    expect(diffText("", "")).toEqual([]);
    expect(diffWords("same words", "same words")).toEqual([{ op: "same", text: "same words" }]);
  });

  it("on a long narrative with a few edited sentences, marks only the edited words", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} says what was agreed.`);
    const after = before.map((line, i) => (i % 500 === 7 ? line.replace("agreed", "promised") : line));
    const parts = diffText(before.join("\n"), after.join("\n"));
    expect(changes(parts)).toEqual(
      Array.from({ length: 6 }, () => [
        { op: "del", text: "agreed." },
        { op: "add", text: "promised." },
      ]).flat(),
    );
    expect(sideOf(parts, "before")).toBe(before.join("\n"));
    expect(sideOf(parts, "after")).toBe(after.join("\n"));
  });

  it("on two long texts with nothing in common, still gives both sides back, all removed and all added", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `row ${i + 5000}`).join("\n");
    const parts = diffText(a, b);
    expect(sideOf(parts, "before")).toBe(a);
    expect(sideOf(parts, "after")).toBe(b);
    expect(parts.some((p) => p.op === "same" && /\S/.test(p.text))).toBe(false);
  });
});

describe("diff: what changed between two versions of a letter", () => {
  it("marks the words a reader sees replaced, with punctuation on its word", () => {
    const parts = diffWords("I am sorry but I was drunk.", "I am sorry. It was my choice.");
    expect(sideOf(parts, "before")).toBe("I am sorry but I was drunk.");
    expect(sideOf(parts, "after")).toBe("I am sorry. It was my choice.");
    expect(parts[0]).toEqual({ op: "same", text: "I am " });
    expect(
      changes(parts)
        .filter((p) => p.op === "del")
        .map((p) => p.text.trim()),
    ).toEqual(["sorry but I", "drunk."]);
    expect(
      changes(parts)
        .filter((p) => p.op === "add")
        .map((p) => p.text.trim()),
    ).toEqual(["sorry. It", "my choice."]);
    expect(diffStats(parts)).toEqual({ added: 4, removed: 4 });
  });

  it("compares names in any script as whole words", () => {
    const parts = diffWords("Annwyl Αλέξης, I am sorry.", "Annwyl Ольга, I am sorry.");
    expect(changes(parts)).toEqual([
      { op: "del", text: "Αλέξης," },
      { op: "add", text: "Ольга," },
    ]);
  });

  it("on a 3,000-word letter with one word added at the end, marks just that word", () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(" ");
    const parts = diffWords(long, long + " end");
    expect(parts).toEqual([
      { op: "same", text: long },
      { op: "add", text: " end" },
    ]);
    expect(diffStats(parts)).toEqual({ added: 1, removed: 0 });
  });

  it("on two long letters with nothing in common, falls back to whole lines and keeps both texts", () => {
    const a = Array.from({ length: 4000 }, (_, i) => `a${i}`).join(" ") + "\nShared last line";
    const b = Array.from({ length: 4000 }, (_, i) => `b${i}`).join(" ") + "\nShared last line";
    const parts = diffWords(a, b);
    expect(sideOf(parts, "before")).toBe(a);
    expect(sideOf(parts, "after")).toBe(b);
    expect(parts.at(-1)).toEqual({ op: "same", text: "Shared last line" });
    expect(diffStats(parts)).toEqual({ added: 4000, removed: 4000 });
  });
});
