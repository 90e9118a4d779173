import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdf } from "~/utils/pdf.server";
import { pdfPageCount, pdfText, pdfWithoutStreams } from "../support/pdf-text";

const NAMES = ["Llŷr ap Siôn", "Tŷ Hapus", "Łukasz Wróbel", "Αλέξης Παπαδόπουλος", "Ольга Смирнова"];

describe("the text-only PDF writer", () => {
  it("prints Welsh, Polish, Greek and Cyrillic names as themselves, in headings, text and notes", async () => {
    const bytes = await renderPdf({
      title: "Letter for Llŷr",
      blocks: [
        { kind: "heading", text: "Tŷ Hapus" },
        { kind: "paragraph", text: `Dear ${NAMES.join(", ")}.` },
        { kind: "meta", text: "Approved by Ольга Смирнова" },
      ],
    });
    const text = await pdfText(bytes);
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain("Letter for Llŷr");
    expect(text).toContain("Approved by Ольга Смирнова");
    expect(text).not.toContain("?");
  });

  it("prints a name typed with a combining accent as the same name", async () => {
    const decomposed = "Lly\u0302r ap Sio\u0302n";
    const text = await pdfText(await renderPdf({ title: "Letter", blocks: [{ kind: "paragraph", text: decomposed }] }));
    expect(text).toContain("Llŷr ap Siôn");
  });

  it("keeps every word of hostile text as text and carries no active content", async () => {
    const hostile = "Thanks (really) \\ <script>alert('x')</script> /JS /URI (http://evil.example) £20 – “quoted”";
    const bytes = await renderPdf({ title: "Letter", blocks: [{ kind: "paragraph", text: hostile }, { kind: "rule" }, { kind: "meta", text: "Approved by Sam Okafor" }] });
    // The line is wrapped to the page; read across the break.
    const text = (await pdfText(bytes)).replace(/\s+/g, " ");
    expect(text).toContain(hostile);
    expect(text).toContain("Approved by Sam Okafor");
    // Dictionaries are written uncompressed (no object streams), so this reads every one of them.
    const source = pdfWithoutStreams(bytes);
    expect(source.startsWith("%PDF-")).toBe(true);
    expect(source).toContain("/Type /Catalog");
    for (const active of ["/JavaScript", "/OpenAction", "/Launch", "/Annots", "/AA ", "/URI"]) expect(source).not.toContain(active);
  });

  it("wraps long text and adds pages as needed, numbering them", async () => {
    const long = Array.from({ length: 900 }, (_v, i) => `word${i}`).join(" ");
    const bytes = await renderPdf({ title: "Long", blocks: [{ kind: "paragraph", text: long }] });
    const pages = await pdfPageCount(bytes);
    expect(pages).toBeGreaterThan(1);
    const text = await pdfText(bytes);
    const words = text.split(/\s+/).filter((w) => /^word\d+$/.test(w));
    expect(words).toEqual(Array.from({ length: 900 }, (_v, i) => `word${i}`));
    expect(text).toContain(`Long · page ${pages} of ${pages}`);
    // Lines are wrapped to the page, not one line running off it.
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThan(120);
  });

  it("embeds only the characters used, so a letter stays small beside the whole font", async () => {
    const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    const wholeFonts = statSync(join(fontDir, "DejaVuSans.ttf")).size + statSync(join(fontDir, "DejaVuSans-Bold.ttf")).size;
    const letter = Array.from({ length: 30 }, () => `Dear ${NAMES.join(", ")}, I am sorry for what I did.`).join("\n");
    const bytes = await renderPdf({ title: "A letter for you", blocks: [{ kind: "paragraph", text: letter }] });
    expect(bytes.length).toBeLessThan(wholeFonts / 10);
    expect(await pdfText(bytes)).toContain("Αλέξης Παπαδόπουλος");
  });
});
