import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { copyLegacyRichText, hasLegacyRichText } from "~/realtime/flat-legacy";
import { appendParagraphs, flatField, insertFlat, readFlat } from "~/realtime/flat-store";
import { docJsonFromFlat, flatFromDocJson, MARKER, type PmJson } from "~/realtime/flat-text";
import { richDocFromYjs, richDocToText } from "~/utils/rich-text";

const text = (t: string, marks: string[] = []): PmJson => (marks.length ? { type: "text", text: t, marks: marks.map((type) => ({ type })) } : { type: "text", text: t });
const p = (...content: PmJson[]): PmJson => (content.length ? { type: "paragraph", content } : { type: "paragraph" });
const item = (...content: PmJson[]): PmJson => ({ type: "listItem", content });

/** Everything the editors can write: headings, nested lists, items of several blocks, marks, line breaks. */
const DOC: PmJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("What was agreed")] },
    p(text("Dan will "), text("apologise", ["bold"]), text(" in "), text("writing", ["bold", "italic"])),
    {
      type: "bulletList",
      content: [
        item(p(text("A letter")), { type: "orderedList", content: [item(p(text("first draft"))), item(p(text("final")))] }, p(text("then read aloud"))),
        item(p(text("Repair the phone"))),
      ],
    },
    p(text("Line one"), { type: "hardBreak" }, text("line two")),
    p(),
  ],
};

describe("the flat rich-text model", () => {
  it("stores a document and reads back exactly the same document", () => {
    const doc = new Y.Doc();
    const field = flatField(doc, "notes");
    const flat = flatFromDocJson(DOC);
    insertFlat(field, 0, flat.text, flat.attrs);
    const stored = readFlat(field);
    expect(stored.text).toBe(flat.text);
    expect(stored.attrs).toEqual(flat.attrs);
    const back = docJsonFromFlat(stored, { headings: true });
    expect(flatFromDocJson(back)).toEqual(flat);
    expect(back.content?.[2]).toEqual(DOC.content?.[2]);
    // Plain text needs no attribute entries; only the heading, list blocks and marked characters have one.
    expect(field.attrs.size).toBe(1 + 5 + "apologise".length + "writing".length);
  });

  it("reads anything a tablet could store without losing a character: text before any line, unknown attributes, a list two levels deeper at once", () => {
    const doc = new Y.Doc();
    const field = flatField(doc, "notes");
    field.chars.insert(0, `orphan${MARKER}deep${MARKER}h`.split(""));
    const ids = readFlat(field).ids;
    field.attrs.set(ids[6]!, { block: "paragraph", list: "bullet/ordered/bullet", item: true, onclick: "x" });
    field.attrs.set(ids[11]!, { block: "heading", level: 9 });
    field.attrs.set(ids[0]!, { bold: "yes", href: "javascript:alert(1)" });
    const json = docJsonFromFlat(readFlat(field), { headings: false });
    expect(JSON.stringify(json)).not.toContain("javascript");
    expect(JSON.stringify(json)).not.toContain("onclick");
    expect(json.content?.map((n) => n.type)).toEqual(["paragraph", "bulletList", "paragraph"]);
    expect(flatFromDocJson(json).text).toBe(`${MARKER}orphan${MARKER}deep${MARKER}h`);
  });

  it("gives frozen copies (agreement versions, letters) the same text the editor showed", () => {
    const doc = new Y.Doc();
    const flat = flatFromDocJson(DOC);
    insertFlat(flatField(doc, "narrative"), 0, flat.text, flat.attrs);
    const rich = richDocFromYjs(doc, "narrative");
    expect(rich.blocks[1]).toEqual({
      type: "paragraph",
      content: [{ text: "Dan will " }, { text: "apologise", marks: ["bold"] }, { text: " in " }, { text: "writing", marks: ["bold", "italic"] }],
    });
    expect(richDocToText(rich)).toBe(
      "What was agreed\nDan will apologise in writing\n- A letter\n  1. first draft\n  2. final\n  then read aloud\n- Repair the phone\nLine one line two",
    );
  });

  it("copies a document written before the flat model into it once, on the server, leaving the old text as it was", () => {
    const doc = new Y.Doc();
    const para = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    t.insert(0, "Written last week");
    t.insert(8, "last ", { bold: true });
    para.insert(0, [t]);
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2" as never);
    heading.insert(0, [new Y.XmlText("Visit")]);
    doc.getXmlFragment("notes").insert(0, [heading, para]);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(doc));
    expect(hasLegacyRichText(reopened)).toBe(true);
    expect(copyLegacyRichText(reopened)).toBe(true);
    expect(hasLegacyRichText(reopened)).toBe(false);
    expect(copyLegacyRichText(reopened)).toBe(false);
    const json = docJsonFromFlat(readFlat(flatField(reopened, "notes")), { headings: true });
    expect(json.content).toEqual([{ type: "heading", attrs: { level: 2 }, content: [text("Visit")] }, p(text("Written "), text("last ", ["bold"]), text("last week"))]);
    expect(reopened.getXmlFragment("notes").length).toBe(2);
  });

  it("appends plain paragraphs as the seed and tests write them", () => {
    const doc = new Y.Doc();
    appendParagraphs(flatField(doc, "letter"), ["Dear Jess,", "I am sorry."]);
    expect(richDocToText(richDocFromYjs(doc, "letter"))).toBe("Dear Jess,\nI am sorry.");
  });
});
