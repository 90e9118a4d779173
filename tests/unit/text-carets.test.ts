// @vitest-environment jsdom
import { Editor } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { richTextExtensions } from "~/components/editor/rich-text-extensions";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { prepareDom } from "../support/text-harness";

/** A supervisor's read-only view of notes in which two facilitators' carets sit `gap` characters apart. */
async function viewWithCarets(gap: number) {
  prepareDom();
  const doc = new Y.Doc();
  appendParagraphs(flatField(doc, "notes"), ["What was agreed: Dan writes to Jess."]);
  const awareness = new Awareness(doc);
  const element = document.createElement("div");
  document.body.append(element);
  const editor = new Editor({ element, editable: false, extensions: richTextExtensions({ doc, field: "notes", headings: true, awareness }) });
  await Promise.resolve();
  const others = [
    { id: 101, name: "Linda Millington", color: "#8a4b00", index: 30 },
    { id: 102, name: "Chris Patel", color: "#4b6b00", index: 30 - gap },
  ];
  for (const o of others) {
    const tablet = new Y.Doc();
    tablet.clientID = o.id;
    const remote = new Awareness(tablet);
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(flatField(doc, "notes").chars, o.index, -1));
    remote.setLocalState({ user: { name: o.name, color: o.color }, cursor: { anchor: at, head: at } });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [o.id]), "remote");
  }
  await new Promise((r) => setTimeout(r, 0));
  const labels = [...element.querySelectorAll<HTMLElement>(".collaboration-carets__label")].map((l) => ({ name: l.textContent, stack: l.style.getPropertyValue("--caret-stack") }));
  editor.destroy();
  return labels;
}

describe("other people's carets", () => {
  it("stacks the name labels of two carets a character apart, so both names can be read", async () => {
    const labels = await viewWithCarets(1);
    expect(labels.map((l) => l.name).sort()).toEqual(["Chris Patel", "Linda Millington"]);
    expect(labels.map((l) => l.stack).sort()).toEqual(["0", "1"]);
  });

  it("keeps labels of carets far apart on one line", async () => {
    const labels = await viewWithCarets(20);
    expect(labels.map((l) => l.stack)).toEqual(["0", "0"]);
  });
});
