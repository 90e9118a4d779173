import { expect, test, type Locator, type Page } from "@playwright/test";
import { BUS_STOP, caseIdFromList, DEMO, screenshot, signedInPage, visit } from "./helpers";

const editor = (page: Page) => page.getByRole("textbox", { name: "Case notes" });
const status = (page: Page) => page.getByTestId("collab-status");
/** The document's text without other people's caret labels. */
const docText = (page: Page) =>
  editor(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.textContent ?? "";
  });

const londonTime = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });

/** Read at a glance: the badge is one line and wholly on screen (a 768px-wide tablet included). */
async function expectOneLineInView(page: Page, badge: Locator) {
  const box = await badge.boundingBox();
  const lineHeight = await badge.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(box).not.toBeNull();
  expect(box!.height).toBeLessThan(lineHeight * 1.8);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function typeAtEnd(page: Page, text: string) {
  await editor(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test("lead and co-facilitator write the same notes and see each other's named caret, also after going offline", async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  try {
    // Each viewport project writes in its own case: the two run at once, and typing "at the end" of
    // one shared document from two pairs would interleave (correctly) and confuse the assertions.
    const reference = testInfo.project.name === "tablet-portrait" ? "RJ-2026-0150" : BUS_STOP.reference;
    const caseId = await caseIdFromList(lead.page, reference);
    await visit(lead.page, `/cases/${caseId}/notes`);
    await visit(co.page, `/cases/${caseId}/notes`);
    await expect(status(lead.page)).toHaveText("Saved");
    await expect(status(co.page)).toHaveText("Saved");

    await typeAtEnd(lead.page, ` Lead ${tag}: Jessica wants to speak first.`);
    await expect(editor(co.page)).toContainText(`Lead ${tag}: Jessica wants to speak first.`);
    await typeAtEnd(co.page, ` Co ${tag}: Daniel's mother will attend.`);
    await expect(editor(lead.page)).toContainText(`Co ${tag}: Daniel's mother will attend.`);
    // Each sees the other's caret, labelled with the name the server vouches for.
    await expect(lead.page.locator(".collaboration-carets__label", { hasText: "Chris Patel" }).first()).toBeVisible();
    await expect(co.page.locator(".collaboration-carets__label", { hasText: "Linda Millington" }).first()).toBeVisible();
    await expect(status(lead.page)).toHaveText("Saved");
    await screenshot(lead.page, testInfo, "notes-lead");

    // The co-facilitator's tablet loses Wi-Fi, keeps typing, and comes back.
    await co.context.setOffline(true);
    await expect(status(co.page)).toContainText("Offline", { timeout: 40_000 });
    const before = londonTime(new Date());
    await typeAtEnd(co.page, ` Offline ${tag}.`);
    const after = londonTime(new Date());
    // The badge says the words are on this tablet and not yet sent, since the first offline keystroke.
    await expect(status(co.page)).toHaveText(/^Offline — changes kept on this tablet, not yet sent \(since \d\d:\d\d\)$/);
    const since = (await status(co.page).textContent())?.match(/since (\d\d:\d\d)/)?.[1];
    expect([before, after]).toContain(since);
    await expectOneLineInView(co.page, status(co.page));
    await screenshot(co.page, testInfo, "notes-offline");
    await co.context.setOffline(false);
    await expect(status(co.page)).toHaveText("Saved", { timeout: 20_000 });
    await expect(editor(lead.page)).toContainText(`Offline ${tag}.`);
    await expect.poll(async () => (await docText(co.page)) === (await docText(lead.page))).toBe(true);

    // Nothing is lost or duplicated on a reload.
    await co.page.reload();
    await expect(status(co.page)).toHaveText("Saved");
    await expect(editor(co.page)).toContainText(`Offline ${tag}.`);
    expect((await docText(co.page)).split(`Offline ${tag}.`).length).toBe(2);
  } finally {
    await lead.context.close();
    await co.context.close();
  }
});

test("the case supervisor reads the notes but cannot edit them", async ({ browser }) => {
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  try {
    const caseId = await caseIdFromList(supervisor.page, BUS_STOP.reference);
    await visit(supervisor.page, `/cases/${caseId}/notes`);
    await expect(status(supervisor.page)).toHaveText("Live · read only");
    await expect(editor(supervisor.page)).toHaveAttribute("contenteditable", "false");
    await expect(supervisor.page.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  } finally {
    await supervisor.context.close();
  }
});

test("a tablet whose page is older than the server is told to reload it, and keeps its notes on screen", async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const co = await signedInPage(browser, DEMO.co);
  try {
    // From the moment the flag is set, this tablet's page speaks another protocol version than the
    // server (as a page loaded before a deployment would): only the version it sends changes.
    await co.context.addInitScript(() => {
      if (sessionStorage.getItem("circle-e2e-old-page") !== "1") return;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(String(url).replace(/([?&]version=)\d+/, "$1999"), protocols);
        }
      };
    });
    // A case no other notes test writes in.
    const caseId = await caseIdFromList(co.page, "RJ-2026-0180");
    await visit(co.page, `/cases/${caseId}/notes`);
    await expect(status(co.page)).toHaveText("Saved");
    await typeAtEnd(co.page, ` Before the update ${tag}.`);
    await expect(status(co.page)).toHaveText("Saved");
    await co.page.evaluate(() => sessionStorage.setItem("circle-e2e-old-page", "1"));
    await co.page.reload();
    await expect(status(co.page)).toHaveText("Circle has been updated. Reload the page to carry on; your changes on this tablet are kept.");
    // The tablet's own copy is still shown.
    await expect(editor(co.page)).toContainText(`Before the update ${tag}.`);
    await screenshot(co.page, testInfo, "notes-outdated-page");
  } finally {
    await co.context.close();
  }
});
