import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { parseRichDoc, richDocFromYjs, richDocToText } from "~/utils/rich-text";

function docWith(build: (fragment: Y.XmlFragment) => void) {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("narrative"));
  return doc;
}

const paragraph = (text: string, attrs?: Record<string, unknown>) => {
  const p = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  t.insert(0, text, attrs);
  p.insert(0, [t]);
  return p;
};

describe("frozen rich text", () => {
  it("keeps paragraphs, headings, lists and bold/italic, and renders plain text", () => {
    const doc = docWith((f) => {
      const h = new Y.XmlElement("heading");
      h.setAttribute("level", "2" as never);
      const ht = new Y.XmlText();
      ht.insert(0, "What we agreed");
      h.insert(0, [ht]);
      const list = new Y.XmlElement("bulletList");
      const li = new Y.XmlElement("listItem");
      li.insert(0, [paragraph("Write a letter")]);
      list.insert(0, [li]);
      const p = paragraph("Dan will ");
      f.insert(0, [h, p, list]);
      (p.get(0) as Y.XmlText).insert(9, "apologise", { bold: true });
    });
    const rich = richDocFromYjs(doc, "narrative");
    expect(rich.blocks[0]).toEqual({ type: "heading", level: 2, content: [{ text: "What we agreed" }] });
    expect(rich.blocks[1]).toEqual({ type: "paragraph", content: [{ text: "Dan will " }, { text: "apologise", marks: ["bold"] }] });
    expect(richDocToText(rich)).toBe("What we agreed\nDan will apologise\n- Write a letter");
  });

  it("keeps script typed as text as text, and drops unknown nodes' markup and attributes", () => {
    const doc = docWith((f) => {
      const evil = new Y.XmlElement("img");
      evil.setAttribute("src", "https://evil.example/x.png" as never);
      evil.setAttribute("onerror", "alert(1)" as never);
      const p = paragraph("<script>alert('x')</script>", { link: { href: "javascript:alert(1)" } });
      p.setAttribute("onclick", "alert(2)" as never);
      f.insert(0, [p, evil]);
    });
    const rich = richDocFromYjs(doc, "narrative");
    const json = JSON.stringify(rich);
    expect(json).not.toContain("onerror");
    expect(json).not.toContain("onclick");
    expect(json).not.toContain("javascript:");
    expect(json).not.toContain("evil.example");
    expect(rich.blocks[0]).toEqual({ type: "paragraph", content: [{ text: "<script>alert('x')</script>" }] });
  });

  it("parses a stored tree back and ignores anything it could not have produced", () => {
    const stored = JSON.stringify({
      blocks: [
        { type: "paragraph", content: [{ text: "ok", marks: ["bold", "href"] }] },
        { type: "iframe", src: "x" },
        { type: "heading", level: 9, content: [] },
      ],
    });
    expect(parseRichDoc(stored)).toEqual({
      blocks: [
        { type: "paragraph", content: [{ text: "ok", marks: ["bold"] }] },
        { type: "heading", level: 3, content: [] },
      ],
    });
    expect(parseRichDoc("not json")).toEqual({ blocks: [] });
  });
});
