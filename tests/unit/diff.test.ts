import { describe, expect, it } from "vitest";
import { diffText, diffWords, sideOf } from "~/utils/diff";

describe("diff: what changed between two agreement versions", () => {
  it("marks the changed words inside a changed line", () => {
    const parts = diffText("Dan will pay in 4 instalments.\nJess agreed.", "Dan will pay in 2 instalments.\nJess agreed.");
    expect(parts.filter((p) => p.op !== "same")).toEqual([{ op: "del", text: "4" }, { op: "add", text: "2" }]);
  });

  it("rebuilds each side exactly", () => {
    const a = "one two\nthree\nfour five six";
    const b = "one 2\nthree\nnew line\nfour five six";
    const parts = diffText(a, b);
    expect(sideOf(parts, "before")).toBe(a + "\n");
    expect(sideOf(parts, "after")).toBe(b + "\n");
  });

  it("handles empty sides and identical text", () => {
    expect(diffText("", "added")).toEqual([{ op: "add", text: "added\n" }]);
    expect(diffText("gone", "")).toEqual([{ op: "del", text: "gone\n" }]);
    expect(diffWords("same words", "same words")).toEqual([{ op: "same", text: "same words" }]);
  });

  it("stays fast on large inputs by falling back to whole blocks", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `row ${i}`).join("\n");
    const started = Date.now();
    const parts = diffText(a, b);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sideOf(parts, "after")).toBe(b + "\n");
  });
});
