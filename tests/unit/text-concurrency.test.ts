// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { headingText, insertStepHeading } from "~/realtime/live-headings";
import { SERVER_CLIENT_ID } from "~/realtime/protocol";
import { tablets, type Tablet } from "../support/text-pair";

/**
 * Two people typing at the same spot at the same time, as in the conference room: each gets their
 * own words, whole, where they typed them. Every case runs with both orders of the two tablets'
 * Yjs client ids (Yjs breaks ties between concurrent insertions by client id) and with two timings:
 * keystrokes crossing one by one (a quick Wi-Fi) and nothing crossing until both have finished (a
 * slow one, or a tablet offline).
 */
const LEAD = "Lead says the bus was late";
const CO = "Co notes Jess arrived early";

type Scenario = {
  start: (a: Tablet) => void;
  /** Each tablet's moves before typing (caret placement, Enter, Backspace...). */
  lead: (a: Tablet) => void;
  co: (b: Tablet) => void;
  leadText?: string;
  coText?: string;
  /** The outcomes that keep everyone's intention (either order of the two writers is fair). */
  expected: string[][];
  /** More to check on the first tablet's editor. */
  also?: (a: Tablet) => void;
};

async function play(s: Scenario) {
  for (const ids of [
    [1, 2],
    [2, 1],
  ] as [number, number][]) {
    for (const crossing of ["keystroke by keystroke", "after both finished"]) {
      const { a, b, flush, destroy } = await tablets(s.start, ids);
      s.lead(a);
      s.co(b);
      const leadText = s.leadText ?? LEAD;
      const coText = s.coText ?? CO;
      for (let i = 0; i < Math.max(leadText.length, coText.length); i++) {
        // The co-facilitator's key crosses first: the lead's tablet redraws before its own next key.
        if (i < coText.length) b.type(coText[i]!);
        if (crossing === "keystroke by keystroke") flush();
        if (i < leadText.length) a.type(leadText[i]!);
        if (crossing === "keystroke by keystroke") flush();
      }
      flush();
      flush();
      const label = `client ids ${ids.join("/")}, ${crossing}`;
      expect(b.blocks(), label).toEqual(a.blocks());
      expect(
        s.expected.map((e) => JSON.stringify(e)),
        label,
      ).toContain(JSON.stringify(a.blocks()));
      s.also?.(a);
      destroy();
    }
  }
}

const twoLines = (a: Tablet) => {
  a.type("Opening remarks.");
  a.press("Enter");
  a.type("Jess spoke first.");
};

describe("two facilitators writing at the same spot", () => {
  it("both at the end of the same paragraph press Enter and type: two new lines, each whole, under it", async () => {
    await play({
      start: twoLines,
      lead: (a) => (a.caret(0), a.press("Enter")),
      co: (b) => (b.caret(0), b.press("Enter")),
      expected: [
        ["Opening remarks.", LEAD, CO, "Jess spoke first."],
        ["Opening remarks.", CO, LEAD, "Jess spoke first."],
      ],
    });
  });

  it("both at the start of the same line type: both sentences whole, before the line's text", async () => {
    await play({
      start: twoLines,
      lead: (a) => a.caret(1, 0),
      co: (b) => b.caret(1, 0),
      leadText: "Lead: ",
      coText: "Co: ",
      expected: [
        ["Opening remarks.", "Lead: Co: Jess spoke first."],
        ["Opening remarks.", "Co: Lead: Jess spoke first."],
      ],
    });
  });

  it("one splits a paragraph in the middle and types while the other types at its end", async () => {
    await play({
      start: twoLines,
      // "Jess spoke first." split after "Jess": the lead starts a new line there.
      lead: (a) => (a.caret(1, 4), a.press("Enter")),
      co: (b) => b.caret(1),
      leadText: "Lead new line ",
      coText: " Co adds this.",
      expected: [["Opening remarks.", "Jess", "Lead new line  spoke first. Co adds this."]],
    });
  });

  it("one joins two paragraphs with Backspace while the other types in the second: nothing is lost", async () => {
    await play({
      start: twoLines,
      lead: (a) => (a.caret(1, 0), a.press("Backspace")),
      co: (b) => b.caret(1),
      leadText: " [joined] ",
      coText: " Co adds this.",
      expected: [["Opening remarks. [joined] Jess spoke first. Co adds this."]],
    });
  });

  it("both press Enter in the last item of a bulleted list: two new items, each whole", async () => {
    await play({
      start: (a) => {
        a.type("Agreed:");
        a.press("Enter");
        a.type("- Apology letter");
      },
      lead: (a) => (a.caret(1), a.press("Enter")),
      co: (b) => (b.caret(1), b.press("Enter")),
      expected: [
        ["Agreed:", "Apology letter", LEAD, CO],
        ["Agreed:", "Apology letter", CO, LEAD],
      ],
      also: (a) => expect(a.editor.getHTML()).toMatch(/^<p>Agreed:<\/p><ul><li><p>Apology letter<\/p><\/li><li><p>.*<\/p><\/li><li><p>.*<\/p><\/li><\/ul>$/),
    });
  });

  it("one turns on bold in the middle of a word and types while the other types at the end of the line", async () => {
    await play({
      start: twoLines,
      // The Mod-b key runs toggleBold; Tiptap's keyboardShortcut() in jsdom keeps only document steps, not stored marks.
      lead: (a) => (a.caret(1, 2), a.editor.commands.toggleBold()),
      co: (b) => b.caret(1),
      leadText: "BOLD",
      coText: " Co adds this.",
      expected: [["Opening remarks.", "JeBOLDss spoke first. Co adds this."]],
      also: (a) => expect(a.editor.getHTML()).toContain("<p>Je<strong>BOLD</strong>ss spoke first. Co adds this.</p>"),
    });
  });
});

describe("keys typed while someone else's change arrives", () => {
  it("keeps what the browser already put into the page before ProseMirror read it, where it was typed", async () => {
    const { a, b, flush, destroy } = await tablets((t) => t.type("Dan said sorry to Jess"));
    a.caret(0);
    b.caret(0);
    a.editor.view.focus();
    expect(a.editor.view.hasFocus()).toBe(true);
    // The browser has put ". " into the lead's paragraph; ProseMirror reads it only when its DOM observer fires.
    const textNode = a.editor.view.dom.querySelector("p")!.firstChild as Text;
    textNode.data += ". ";
    // Before that, the co-facilitator's words arrive and redraw the paragraph.
    b.type(" and meant it");
    flush();
    await new Promise((r) => setTimeout(r, 30));
    flush();
    expect(a.blocks()).toEqual(b.blocks());
    expect(a.blocks()).toEqual(["Dan said sorry to Jess.  and meant it"]);
    a.type("More.");
    flush();
    expect(b.blocks()).toEqual(["Dan said sorry to Jess. More. and meant it"]);
    destroy();
  });

  it.each([
    ["the co-facilitator's words arrive", (b: Tablet) => b.type(" quietly"), "Jess listened quietly"],
    [
      "the co-facilitator's caret moves (their name label is redrawn)",
      (b: Tablet) => {
        const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(b.doc.getArray("notes:chars"), 4));
        b.awareness!.setLocalStateField("cursor", { anchor: at, head: at });
      },
      "Jess listened",
    ],
  ])("keeps a caret the browser moved but had not yet reported, when %s", async (_what, remote, second) => {
    const { a, b, flush, destroy } = await tablets(
      (t) => {
        t.type("Dan said sorry");
        t.press("Enter");
        t.type("Jess listened");
      },
      [1, 2],
      { carets: true },
    );
    a.caret(0, 0);
    b.caret(1);
    a.editor.view.focus();
    flush();
    await new Promise((r) => setTimeout(r, 10));
    // The lead presses End: the browser moves the caret in the page; ProseMirror hears of it only
    // when the "selectionchange" task runs, and the co-facilitator's change arrives before that.
    const textNode = a.editor.view.dom.querySelector("p")!.firstChild as Text;
    document.getSelection()!.collapse(textNode, textNode.length);
    remote(b);
    flush();
    await Promise.resolve(); // the caret redraw runs in a microtask
    a.type(" to Jess");
    flush();
    expect(a.blocks()).toEqual(["Dan said sorry to Jess", second]);
    expect(b.blocks()).toEqual(a.blocks());
    destroy();
  });
});

describe("a step heading the server adds while the scribe is typing at the end of the notes", () => {
  const at = Date.UTC(2026, 11, 6, 14, 5);
  const heading = `heading: ${headingText("Introductions", at)}`;
  const cases: [string, (a: Tablet) => void, string[]][] = [
    ["typing in the last paragraph: the sentence stays whole, above the heading", (a) => a.type("Opening."), ["Opening. Jess wants to speak first.", heading, ""]],
    [
      "typing in an empty last paragraph: the sentence stays whole, below the heading",
      (a) => {
        a.type("Opening.");
        a.press("Enter");
      },
      ["Opening.", heading, " Jess wants to speak first."],
    ],
  ];
  for (const [where, start, expected] of cases) {
    for (const scribe of [1, SERVER_CLIENT_ID - 1]) {
      for (const crossing of ["keystroke by keystroke", "after the scribe finished"]) {
        it(`${where} (scribe's client id ${scribe}, ${crossing})`, async () => {
          // The second "tablet" stands for the server's copy: it writes under the server's client id, as the collab room does.
          const { a, b, flush, destroy } = await tablets(start, [scribe, SERVER_CLIENT_ID]);
          flush();
          // Typed, but not yet at the server when the lead moves to the next step.
          a.type(" Jess wants");
          insertStepHeading(b.doc, { conferenceId: "c1", version: 2, stepId: "s2", title: "Introductions" }, at);
          for (const ch of " to speak first.") {
            a.type(ch);
            if (crossing === "keystroke by keystroke") flush();
          }
          flush();
          flush();
          expect(a.blocks()).toEqual(expected);
          expect(b.blocks()).toEqual(expected);
          destroy();
        });
      }
    }
  }
});
