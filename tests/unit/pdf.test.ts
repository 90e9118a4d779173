import { describe, expect, it } from "vitest";
import { pdfText, renderPdf } from "~/utils/pdf.server";

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

describe("the text-only PDF writer", () => {
  it("writes a well-formed PDF whose cross-reference table points at every object", () => {
    const bytes = renderPdf({ title: "Outcome agreement", blocks: [{ kind: "paragraph", text: "Dan will write a letter." }] });
    const source = latin1(bytes);
    expect(source.startsWith("%PDF-1.4\n")).toBe(true);
    expect(source.trimEnd().endsWith("%%EOF")).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(source)![1]);
    expect(source.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const offsets = [...source.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(source.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
    // Stream lengths are exact.
    for (const m of source.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(source.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe("\nendstream");
    }
  });

  it("keeps every word, escapes what could break out of a string, and carries no active content", () => {
    const hostile = "Thanks (really) \\ <script>alert('x')</script> /JS /URI (http://evil.example) £20 – “quoted”";
    const bytes = renderPdf({ title: "Letter", blocks: [{ kind: "paragraph", text: hostile }, { kind: "rule" }, { kind: "meta", text: "Approved by Sam Okafor" }] });
    expect(pdfText(bytes).join(" ")).toContain(hostile);
    expect(pdfText(bytes)).toContain("Approved by Sam Okafor");
    const source = latin1(bytes);
    for (const active of ["/JavaScript", "/OpenAction", "/Launch", "/Annots", "/AA "]) expect(source).not.toContain(active);
    // The hostile text appears only inside literal strings, with its parentheses escaped.
    expect(source).toContain("Thanks \\(really\\) \\\\");
  });

  it("wraps long text and adds pages as needed", () => {
    const long = Array.from({ length: 900 }, (_v, i) => `word${i}`).join(" ");
    const bytes = renderPdf({ title: "Long", blocks: [{ kind: "paragraph", text: long }] });
    const source = latin1(bytes);
    const pages = Number(/\/Count (\d+)/.exec(source)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(bytes).join(" ");
    expect(text).toContain("word0 ");
    expect(text).toContain("word899");
  });
});
