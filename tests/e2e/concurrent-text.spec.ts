import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { caseIdFromList, DEMO, screenshot, signedInPage, visit } from "./helpers";

/**
 * Two facilitators typing into the same spot of the case notes at the same moment, on two real
 * tablets. Whatever the interleaving of keystrokes over the network, each person's words must end
 * up whole, where that person was typing, and both tablets must show the same document.
 *
 * Both viewport projects run at once against one server, so each writes in its own case (lead and
 * co are on both teams). notes.spec.ts writes in RJ-2026-0142 and RJ-2026-0150; preparation.spec.ts
 * uses these two cases too, but only their participants and stage, never their notes document.
 *
 * The tests run one after another in one worker per project ("default" mode), so two of them never
 * type into the same document at once. Not "serial" mode: each test sets up its own paragraphs and
 * does not depend on the ones before it, and a failure in one variant must not hide the others.
 */
// Retried once (a retry is reported as "flaky", never hidden): on CI's loaded two-core machine a
// click right after the pages open can still miss while the page settles. The intermittent
// misplacements once seen here were explained (a caret move not yet reported to ProseMirror, put
// back by a redraw: variant 7 and the README's Decisions) and fixed.
test.describe.configure({ mode: "default", retries: 1 });

const CASE_FOR: Record<string, string> = { "tablet-landscape": "RJ-2026-0172", "tablet-portrait": "RJ-2026-0174" };

// Sentences with almost no letters in common at the start, so letter-by-letter interleaving is obvious.
const LEAD = "Lead says the bus was late";
const CO = "Co notes Jess arrived early";
/**
 * The pace both people type at: about a person typing on a tablet. Every key press, Enter,
 * Backspace and Control+B included, is held this long before the next key (a slow machine adds
 * its own time on top of it).
 */
const KEY_DELAY = 120;
/**
 * Wi-Fi between each tablet and the server: every WebSocket message takes this long each way, so a
 * key pressed on one tablet shows on the other about half a key later. Both people start at the
 * same moment, so their first keys (the Enter, the Control+B, the first letters) are concurrent:
 * neither tablet has seen the other's yet. And each key has reached the other tablet before that
 * tablet's next key. Without it the two browsers sit a millisecond from the server, and whether a
 * remote edit lands before or after a local key would be down to how the machine schedules them.
 */
const LATENCY = KEY_DELAY / 4;

const editor = (page: Page) => page.getByRole("textbox", { name: "Case notes" });
const status = (page: Page) => page.getByTestId("collab-status");
/** The paragraph (also one inside a list item) that contains `text`. */
const paragraph = (page: Page, text: string) => editor(page).locator("p", { hasText: text });

type Pair = { lead: Page; co: Page };

/**
 * The document as one string per block: paragraphs and headings as their text, list items as
 * "• text" (ordered: "# text"). Other people's caret widgets are removed first: they are DOM inside
 * the text but not part of the document. Non-breaking spaces count as spaces (the browser may
 * render a typed space as one; that is not what these tests are about).
 */
const blocks = (page: Page) =>
  editor(page).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    const text = (el: Element) => (el.textContent ?? "").replace(/\u00a0/g, " ");
    const out: string[] = [];
    for (const child of Array.from(copy.children)) {
      if (child.matches("ul, ol")) {
        const bullet = child.matches("ol") ? "#" : "•";
        for (const item of Array.from(child.children)) out.push(`${bullet} ${text(item)}`);
      } else {
        out.push(text(child));
      }
    }
    return out;
  });

/**
 * The runs of bold text in the paragraph containing `text`, in order. Computed from the text nodes
 * rather than by counting <strong> elements, so a caret widget that splits one bold run into two
 * elements in the DOM does not change the answer.
 */
const boldRuns = (page: Page, text: string) =>
  paragraph(page, text).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    const runs: string[] = [];
    let current: string | null = null;
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const bold = node.parentElement?.closest("strong, b") != null;
      if (bold) current = (current ?? "") + (node.textContent ?? "");
      else if (current !== null) {
        runs.push(current);
        current = null;
      }
    }
    if (current !== null) runs.push(current);
    return runs.map((r) => r.replace(/\u00a0/g, " "));
  });

/** Where this tablet's caret is: the text of its block and the number of characters before it. */
const caret = (page: Page) =>
  page.evaluate(() => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const start = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    const block = start?.closest("p, h2, h3");
    if (!block) return null;
    const clean = (node: Node) => {
      const copy = node.cloneNode(true) as Element | DocumentFragment;
      copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
      return (copy.textContent ?? "").replace(/\u00a0/g, " ");
    };
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    return { block: clean(block), offset: clean(before.cloneContents()).length, collapsed: range.collapsed };
  });

/**
 * Waits until both tablets show the same blocks and both badges say "Saved" (every change of each
 * tablet acknowledged by the server), then returns the document. On a timeout the failure shows
 * both tablets' blocks side by side.
 */
async function settled({ lead, co }: Pair, timeout = 20_000): Promise<string[]> {
  await expect
    .poll(
      async () => {
        const [l, c, ls, cs] = await Promise.all([blocks(lead), blocks(co), status(lead).textContent(), status(co).textContent()]);
        return { badges: [ls?.trim(), cs?.trim()], differing: JSON.stringify(l) === JSON.stringify(c) ? null : { lead: l, co: c } };
      },
      { timeout, message: "both tablets show the same document and say Saved" },
    )
    .toEqual({ badges: ["Saved", "Saved"], differing: null });
  const [l, c] = await Promise.all([blocks(lead), blocks(co)]);
  expect(c, "the co-facilitator's tablet shows the same blocks as the lead's").toEqual(l);
  return l;
}

/** The document must be one of two outcomes (the order of two people's new paragraphs is not specified). */
function expectOneOf(actual: string[], a: string[], b: string[], what: string) {
  expect(actual, what).toEqual(JSON.stringify(actual) === JSON.stringify(b) ? b : a);
}

/** Delays every WebSocket message of this browser context by LATENCY, in both directions, keeping their order. */
async function overMeetingRoomWifi(context: BrowserContext) {
  await context.routeWebSocket(
    () => true,
    (page) => {
      const server = page.connectToServer();
      const delayed = (send: (message: string | Buffer) => void) => {
        let queue = Promise.resolve();
        return (message: string | Buffer) => {
          const due = Date.now() + LATENCY;
          queue = queue
            .then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
            .then(() => send(message))
            .catch(() => {}); // the socket closed meanwhile (page closed): nothing left to deliver
        };
      };
      page.onMessage(delayed((message) => server.send(message)));
      server.onMessage(delayed((message) => page.send(message)));
    },
  );
}

/** Lead and co signed in on their own tablets, both on this project's case notes, both saved. */
async function openNotes(browser: Browser, testInfo: TestInfo) {
  const reference = CASE_FOR[testInfo.project.name];
  if (!reference) throw new Error(`no case for project ${testInfo.project.name}`);
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  await overMeetingRoomWifi(lead.context);
  await overMeetingRoomWifi(co.context);
  const caseId = await caseIdFromList(lead.page, reference);
  await visit(lead.page, `/cases/${caseId}/notes`);
  await visit(co.page, `/cases/${caseId}/notes`);
  for (const page of [lead.page, co.page]) {
    await expect(editor(page)).toBeVisible();
    await expect(status(page)).toHaveText("Saved");
  }
  return {
    pair: { lead: lead.page, co: co.page } as Pair,
    close: async () => {
      await lead.context.close();
      await co.context.close();
    },
  };
}

/**
 * An editor with StarterKit's trailing node keeps an empty paragraph after a list at the end of the
 * document (so there is somewhere to type below it). It is not anyone's writing: leave it out of
 * the comparison, so the tests hold with or without that extension.
 */
function withoutTrailingNode(doc: string[]): string[] {
  return doc.length >= 2 && doc.at(-1) === "" && /^[•#] /.test(doc.at(-2)!) ? doc.slice(0, -1) : doc;
}

/**
 * One writer adds new blocks at the very end of the notes, typed quickly (only one person types).
 * Returns the document before them, as the blocks that the new ones follow: an empty paragraph at
 * the end (a fresh document, or the trailing node after a list) is typed into rather than left.
 */
async function appendBlocks(pair: Pair, write: (page: Page) => Promise<void>): Promise<string[]> {
  const page = pair.lead;
  const current = await settled(pair);
  const reuseEmpty = current.at(-1) === "";
  // Setting up: the caret must be at the very end before the new blocks are typed (tried again if
  // a click right after opening left it elsewhere, as seen on CI's loaded machine).
  const last = current.at(-1)?.replace(/^• /, "") ?? "";
  const atTheEnd = { block: last, offset: last.length, collapsed: true };
  for (let attempt = 0; attempt < 3; attempt++) {
    await editor(page).click();
    await page.keyboard.press("Control+End");
    const atEnd = await expect
      .poll(() => caret(page), { timeout: 2_000 })
      .toEqual(atTheEnd)
      .then(
        () => true,
        () => false,
      );
    if (atEnd || current.length === 0) break;
  }
  // Never type anywhere else: words typed at a caret left elsewhere would fail the test later, as if
  // they had been scrambled, when the setting up is what went wrong.
  if (current.length > 0) await expect.poll(() => caret(page), { message: "setting up: the caret at the end of the notes" }).toEqual(atTheEnd);
  if (!reuseEmpty) {
    await page.keyboard.press("Enter");
    // A document that ends in a list (without a trailing paragraph): Enter made an empty item; Enter again leaves the list.
    if (await page.evaluate(() => document.getSelection()?.anchorNode?.parentElement?.closest("li") != null)) {
      await page.keyboard.press("Enter");
    }
  }
  await write(page);
  return reuseEmpty ? current.slice(0, -1) : current;
}

/**
 * Clicks the paragraph containing `find`, then Home or End, then ArrowLeft `left` times, and checks
 * that the caret is where intended in `text` (the whole paragraph). `find` must be a part of the
 * paragraph no caret sits inside: a caret widget's name label is text in the DOM.
 */
async function placeCaret(page: Page, find: string, text: string, where: "start" | "end", left = 0) {
  const expected = { block: text, offset: where === "start" ? 0 : text.length - left, collapsed: true };
  // Setting up, not under test: a click that lands while the page is still settling is tried again
  // (seen on CI's loaded machine: the caret left at the document's start right after opening).
  for (let attempt = 0; attempt < 3; attempt++) {
    await paragraph(page, find).click();
    await page.keyboard.press(where === "start" ? "Home" : "End");
    for (let i = 0; i < left; i++) await page.keyboard.press("ArrowLeft");
    const placed = await expect
      .poll(() => caret(page), { timeout: 2_000 })
      .toEqual(expected)
      .then(
        () => true,
        () => false,
      );
    if (placed) return;
  }
  await expect.poll(() => caret(page), { message: `caret in "${text}" at ${expected.offset}` }).toEqual(expected);
}

/** Each tablet shows the other person's caret in the paragraph: both carets are placed before anyone types. */
async function seeEachOther({ lead, co }: Pair, text: string) {
  for (const page of [lead, co]) {
    await expect(paragraph(page, text).locator(".collaboration-carets__caret").first()).toBeAttached();
  }
}

/** The settled document (see settled()), without the trailing node. */
const documentOf = async (pair: Pair) => withoutTrailingNode(await settled(pair));

/** Two writers at once, each pressing its keys at typing speed from the same instant. */
const together = (lead: () => Promise<void>, co: () => Promise<void>) => Promise.all([lead(), co()]);

test.describe("two tablets typing at the same spot of the case notes", () => {
  test("1. both at the end of a paragraph press Enter and type: two whole new paragraphs below it", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const original = `Enter at the end ${tag}.`;
      const before = await appendBlocks(pair, (page) => page.keyboard.type(original));
      expect(await documentOf(pair)).toEqual([...before, original]);

      await placeCaret(pair.lead, original, original, "end");
      await placeCaret(pair.co, original, original, "end");
      await seeEachOther(pair, original);
      await together(
        async () => {
          await pair.lead.keyboard.press("Enter", { delay: KEY_DELAY });
          await pair.lead.keyboard.type(LEAD, { delay: KEY_DELAY });
        },
        async () => {
          await pair.co.keyboard.press("Enter", { delay: KEY_DELAY });
          await pair.co.keyboard.type(CO, { delay: KEY_DELAY });
        },
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-enter-at-end");
      expectOneOf(after, [...before, original, LEAD, CO], [...before, original, CO, LEAD], "each sentence is a whole paragraph below the unchanged original");
    } finally {
      await close();
    }
  });

  test("2. both at the start of a line type: each person's words whole, before the original text", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const original = `Typed in front of ${tag}.`;
      const before = await appendBlocks(pair, (page) => page.keyboard.type(original));
      expect(await documentOf(pair)).toEqual([...before, original]);

      await placeCaret(pair.lead, original, original, "start");
      await placeCaret(pair.co, original, original, "start");
      await seeEachOther(pair, original);
      const lead = `${LEAD}. `;
      const co = `${CO}. `;
      await together(
        () => pair.lead.keyboard.type(lead, { delay: KEY_DELAY }),
        () => pair.co.keyboard.type(co, { delay: KEY_DELAY }),
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-home");
      expectOneOf(after, [...before, lead + co + original], [...before, co + lead + original], "both sentences whole, in front of the intact original line");
    } finally {
      await close();
    }
  });

  test("3. one splits a paragraph in the middle while the other types at its end: the tail moves with the other's words", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const head = `Head ${tag}.`;
      const tail = " Tail of the paragraph.";
      const coWords = ` ${CO}.`;
      const before = await appendBlocks(pair, (page) => page.keyboard.type(head + tail));
      expect(await documentOf(pair)).toEqual([...before, head + tail]);

      // The lead's caret first: it is placed with the arrow keys, which then never step over the co's caret widget.
      await placeCaret(pair.lead, head, head + tail, "end", tail.length);
      await placeCaret(pair.co, head, head + tail, "end");
      await seeEachOther(pair, head);
      await together(
        async () => {
          // Split while the co is a few keys into their sentence, so part of it moves with the tail and
          // the rest must keep following it. The correct outcome does not depend on this timing.
          await pair.lead.waitForTimeout(6 * KEY_DELAY);
          await pair.lead.keyboard.press("Enter", { delay: KEY_DELAY });
          await pair.lead.keyboard.type(`${LEAD}.`, { delay: KEY_DELAY });
        },
        () => pair.co.keyboard.type(coWords, { delay: KEY_DELAY }),
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-split");
      expect(after, "the head stays; the new paragraph is the lead's words, the tail, then the co's words").toEqual([...before, head, `${LEAD}.${tail}${coWords}`]);
    } finally {
      await close();
    }
  });

  test("4. one joins two paragraphs with Backspace while the other types at the end of the second: nothing is lost", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const first = `First ${tag}.`;
      const second = `Second ${tag}.`;
      const coWords = ` ${CO}.`;
      const coMore = " Co adds that Dan apologised.";
      const leadWords = ` ${LEAD}. `;
      const before = await appendBlocks(pair, async (page) => {
        await page.keyboard.type(first);
        await page.keyboard.press("Enter");
        await page.keyboard.type(second);
      });
      expect(await documentOf(pair)).toEqual([...before, first, second]);

      await placeCaret(pair.lead, second, second, "start");
      await placeCaret(pair.co, second, second, "end");
      await seeEachOther(pair, second);
      await together(
        async () => {
          // Join while the co is a few keys into their sentence; the key the co presses meanwhile is
          // concurrent with the join. The correct outcome does not depend on this timing.
          await pair.lead.waitForTimeout(6 * KEY_DELAY);
          await pair.lead.keyboard.press("Backspace", { delay: KEY_DELAY });
        },
        () => pair.co.keyboard.type(coWords, { delay: KEY_DELAY }),
      );
      expect(await documentOf(pair), "one paragraph: first, second, then everything the co typed").toEqual([...before, first + second + coWords]);
      expect.soft(await caret(pair.lead), "the lead's caret is still at the join point").toEqual({ block: first + second + coWords, offset: first.length, collapsed: true });

      // The joiner carries on at the join point while the co carries on at the end.
      await together(
        () => pair.lead.keyboard.type(leadWords, { delay: KEY_DELAY }),
        () => pair.co.keyboard.type(coMore, { delay: KEY_DELAY }),
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-join");
      expect(after, "the lead's words whole at the join point, the co's at the end").toEqual([...before, first + leadWords + second + coWords + coMore]);
    } finally {
      await close();
    }
  });

  test("5. both in the last item of a bulleted list press Enter and type: two new whole list items", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const one = `Item one ${tag}`;
      const two = `Item two ${tag}`;
      const before = await appendBlocks(pair, async (page) => {
        await page.keyboard.type(one);
        await page.getByRole("button", { name: "Bulleted list" }).click();
        await page.keyboard.press("End");
        await page.keyboard.press("Enter");
        await page.keyboard.type(two);
      });
      const list = [`• ${one}`, `• ${two}`];
      expect(await documentOf(pair)).toEqual([...before, ...list]);

      await placeCaret(pair.lead, two, two, "end");
      await placeCaret(pair.co, two, two, "end");
      await seeEachOther(pair, two);
      await together(
        async () => {
          await pair.lead.keyboard.press("Enter", { delay: KEY_DELAY });
          await pair.lead.keyboard.type(LEAD, { delay: KEY_DELAY });
        },
        async () => {
          await pair.co.keyboard.press("Enter", { delay: KEY_DELAY });
          await pair.co.keyboard.type(CO, { delay: KEY_DELAY });
        },
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-list");
      expectOneOf(after, [...before, ...list, `• ${LEAD}`, `• ${CO}`], [...before, ...list, `• ${CO}`, `• ${LEAD}`], "two new list items, each one person's words whole");
    } finally {
      await close();
    }
  });

  test("6. bold switched on in the middle of a word while the other types at the end: both whole, only the bold words bold", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const start = `Bold ${tag} sun`;
      const end = "flower field.";
      const original = start + end;
      const coWords = ` ${CO}.`;
      const before = await appendBlocks(pair, (page) => page.keyboard.type(original));
      expect(await documentOf(pair)).toEqual([...before, original]);

      // The lead's caret first, between "sun" and "flower", with the arrow keys (see variant 3).
      const find = `Bold ${tag}`;
      await placeCaret(pair.lead, find, original, "end", end.length);
      await placeCaret(pair.co, find, original, "end");
      await seeEachOther(pair, find);
      await together(
        async () => {
          await pair.lead.keyboard.press("Control+B", { delay: KEY_DELAY });
          await pair.lead.keyboard.type(LEAD, { delay: KEY_DELAY });
        },
        () => pair.co.keyboard.type(coWords, { delay: KEY_DELAY }),
      );

      const after = await documentOf(pair);
      await screenshot(pair.lead, testInfo, "concurrent-bold");
      expect(after, "the lead's words inside the word, the co's at the end").toEqual([...before, start + LEAD + end + coWords]);
      const bold = { lead: await boldRuns(pair.lead, find), co: await boldRuns(pair.co, find) };
      expect(bold, "the bold text on each tablet: exactly the words typed after Control+B").toEqual({ lead: [LEAD], co: [LEAD] });
    } finally {
      await close();
    }
  });

  test("7. a caret moved just before the other person's caret or words arrive stays where it was moved", async ({ browser }, testInfo) => {
    const { pair, close } = await openNotes(browser, testInfo);
    try {
      const tag = `${testInfo.project.name}-${Date.now()}`;
      const line = `Moved ${tag} caret.`;
      const other = `Other ${tag} line.`;
      const before = await appendBlocks(pair, async (page) => {
        await page.keyboard.type(line);
        await page.keyboard.press("Enter");
        await page.keyboard.type(other);
      });
      await placeCaret(pair.lead, line, line, "start");
      await placeCaret(pair.co, other, other, "end");
      await expect(paragraph(pair.lead, other).locator(".collaboration-carets__caret")).toBeAttached();
      await expect(paragraph(pair.co, line).locator(".collaboration-carets__caret")).toBeAttached();
      // The lead's browser moves the caret to the end of the line, and the "selectionchange" event
      // that tells ProseMirror is held back until the co's caret and words have arrived: what a
      // loaded tablet does when a network message is handled before that event's task.
      await pair.lead.evaluate((find) => {
        const hold = (event: Event) => event.stopImmediatePropagation();
        window.addEventListener("selectionchange", hold, true);
        (window as unknown as { releaseSelection: () => void }).releaseSelection = () => window.removeEventListener("selectionchange", hold, true);
        const block = Array.from(document.querySelectorAll(".ProseMirror p")).find((p) => p.textContent?.includes(find))!;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let last: Text | null = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
        document.getSelection()!.collapse(last!, last!.length);
      }, line);
      await pair.co.keyboard.press("Home");
      await expect(editor(pair.lead).locator(".collaboration-carets__caret")).toHaveCount(1);
      await pair.co.keyboard.type("Then ", { delay: KEY_DELAY });
      await expect.poll(() => blocks(pair.lead)).toContain(`Then ${other}`);
      await pair.lead.evaluate(() => (window as unknown as { releaseSelection: () => void }).releaseSelection());
      await pair.lead.keyboard.type(" More.", { delay: KEY_DELAY });

      expect(await documentOf(pair), "the lead's words at the end of the line the caret was moved to").toEqual([...before, `${line} More.`, `Then ${other}`]);
    } finally {
      await close();
    }
  });
});
