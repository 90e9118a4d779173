import { describe, expect, it } from "vitest";
import { applyRedactions, releaseCheck } from "~/components/letter/letter-delivery";
import { diffStats, diffWords } from "~/utils/diff";
import { findWritingPrompts } from "~/components/letter/writing-prompts";

describe("writing prompts: gentle hints, never blocking", () => {
  it("finds excuses, minimising and blaming in reading order", () => {
    const text = "I'm sorry but I was drunk. It wasn't that bad, you shouldn't have been there. My mental health made me do it.";
    expect(findWritingPrompts(text).map((p) => p.id)).toEqual(["but", "intoxicated", "minimising", "blaming", "condition"]);
  });
  it("leaves a plain apology alone, and does not match inside words", () => {
    expect(findWritingPrompts("I hit you and took your phone. It was my choice. I am sorry. Butter.")).toEqual([]);
  });
  it("notices asking for forgiveness or a reply", () => {
    expect(findWritingPrompts("Please forgive me and write back.").map((p) => p.id)).toEqual(["forgiveness", "forgiveness"]);
  });
});

describe("letter diff", () => {
  it("marks words added and removed between versions", () => {
    const parts = diffWords("I am sorry but I was drunk.", "I am sorry. It was my choice.");
    expect(
      parts
        .filter((p) => p.op === "same")
        .map((p) => p.text)
        .join(""),
    ).toContain("I am ");
    expect(parts.map((p) => (p.op === "del" ? "" : p.text)).join("")).toBe("I am sorry. It was my choice.");
    expect(parts.map((p) => (p.op === "add" ? "" : p.text)).join("")).toBe("I am sorry but I was drunk.");
    expect(diffStats(parts).added).toBeGreaterThan(0);
  });
  it("falls back to lines for very long texts without stalling", () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(" ");
    const parts = diffWords(long, long + " end");
    expect(parts.map((p) => (p.op === "del" ? "" : p.text)).join("")).toBe(long + " end");
  });
});

describe("release follows the person harmed's newest choice", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("needs an approved letter and a recorded choice", () => {
    expect(releaseCheck("SUBMITTED", { choice: "RECEIVE_NOW", deliverAfter: null }, now).ok).toBe(false);
    expect(releaseCheck("APPROVED", null, now)).toMatchObject({ ok: false, reason: expect.stringContaining("Record their choice") });
  });
  it("holds, declines and destroys without delivering; waits for a later date", () => {
    expect(releaseCheck("APPROVED", { choice: "HOLD", deliverAfter: null }, now)).toMatchObject({ ok: false, held: true });
    expect(releaseCheck("APPROVED", { choice: "DECLINE", deliverAfter: null }, now).ok).toBe(false);
    expect(releaseCheck("APPROVED", { choice: "DESTROY", deliverAfter: null }, now).ok).toBe(false);
    expect(releaseCheck("APPROVED", { choice: "DELIVER_LATER", deliverAfter: "2026-12-02T00:00:00Z" }, now).ok).toBe(false);
    expect(releaseCheck("APPROVED", { choice: "DELIVER_LATER", deliverAfter: "2026-11-30T00:00:00Z" }, now).ok).toBe(true);
    expect(releaseCheck("APPROVED", { choice: "READ_ALOUD", deliverAfter: null }, now).ok).toBe(true);
    expect(releaseCheck("RELEASED", { choice: "RECEIVE_NOW", deliverAfter: null }, now).ok).toBe(false);
  });
  it("applies the redactions she asked for", () => {
    const lines = ["Dear Jess,", "I am sorry, Jess.", "", "From", "Dan Price"];
    expect(applyRedactions(lines, { redactSignature: true, redactFirstName: true }, ["Daniel Price", "Dan"], ["Jessica Barnes", "Jess"])).toEqual([
      "Dear [name removed],",
      "I am sorry, [name removed].",
      "",
      "From",
      "[signature removed] [signature removed]",
    ]);
  });
});
