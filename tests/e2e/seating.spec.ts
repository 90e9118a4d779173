import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { BUS_STOP, caseIdFromList, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signedInPage, visit } from "./helpers";

/**
 * Both viewport projects share one server and the bus-stop conference's one seating document, and
 * may run at once: each test holds a lock (a directory) so one pair of tablets edits it at a time,
 * and starts by resetting the plan from the layout picker.
 */
const LOCK = path.join(os.tmpdir(), `circle-e2e-seating-${process.env.E2E_PORT ?? 3217}.lock`);
const HOLDER = path.join(LOCK, "pid");
/** A lock left by a run that was killed: its worker process is gone (a slow holder is never robbed). */
function abandoned(): boolean {
  const pid = Number(readFileSync(HOLDER, { encoding: "utf8", flag: "a+" }) || 0);
  if (!pid) return Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
async function withPlanLock(run: () => Promise<void>) {
  const end = Date.now() + 150_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(HOLDER, String(process.pid));
      break;
    } catch {
      try {
        if (abandoned()) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Let go of between the two looks: try again.
      }
      if (Date.now() > end) throw new Error("the seating plan stayed busy");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await run();
  } finally {
    rmSync(LOCK, { recursive: true });
  }
}

const seat = (page: Page, n: number) => page.locator(`[data-seat-number="${n}"]`);
const status = (page: Page) => page.getByTestId("collab-status");
const announce = (page: Page) => page.getByTestId("seating-announce");

async function centre(page: Page, selector: ReturnType<Page["locator"]>) {
  const box = await selector.boundingBox();
  if (!box) throw new Error("not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real finger drag (Chromium turns these touches into pointer events with pointerType "touch"). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from.x, y: from.y }] });
  for (let i = 1; i <= 10; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [p] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

async function seatingUrl(page: Page) {
  const caseId = await caseIdFromList(page, BUS_STOP.reference);
  await visit(page, `/cases/${caseId}`);
  const href = await page.getByRole("link", { name: "Seating plan" }).first().getAttribute("href");
  if (!href) throw new Error("no seating link");
  return href;
}

test("lead and co-facilitator arrange the room and seat people together: touch, keyboard and tap", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  lead.page.on("dialog", (d) => void d.accept());
  try {
    const url = await seatingUrl(lead.page);
    await withPlanLock(async () => {
      await visit(lead.page, url);
      await visit(co.page, url);
      await expect(lead.page.getByRole("heading", { level: 1 })).toContainText("Seating plan");
      // Another test may have started the conference: the lead unlocks the plan first.
      const unlock = lead.page.getByRole("button", { name: "Unlock" });
      if (await unlock.isVisible()) await unlock.click();
      await expect(status(lead.page)).toHaveText("Saved", { timeout: 15_000 });
      await expect(status(co.page)).toHaveText("Saved", { timeout: 15_000 });

      // The lead starts from a circle sized to the four attendees and two facilitators.
      await lead.page.getByRole("button", { name: "Arrange room" }).click();
      await lead.page.getByLabel("Layout").selectOption("circle");
      await lead.page.getByRole("button", { name: "Use layout" }).click();
      await expect(co.page.locator("[data-seat-id]")).toHaveCount(6);
      await expect(co.page.getByTestId("seating-tray").getByRole("button")).toHaveCount(4);
      await expect(seat(co.page, 1)).toHaveAttribute("aria-label", /facilitator's seat/);

      // A seat dragged with a finger on the lead's tablet moves on the co-facilitator's.
      const before = await seat(co.page, 2).getAttribute("transform");
      const from = await centre(lead.page, seat(lead.page, 2));
      await touchDrag(lead.page, from, { x: from.x + 40, y: from.y + 60 });
      await expect(announce(lead.page)).toHaveText("Seat 2 moved.");
      await expect.poll(() => seat(co.page, 2).getAttribute("transform")).not.toBe(before);
      await expect.poll(() => seat(co.page, 2).getAttribute("transform")).toBe(await seat(lead.page, 2).getAttribute("transform"));
      await lead.page.getByRole("button", { name: "Place people" }).click();

      // Keyboard only on the co-facilitator's tablet: Enter on Jess, Shift+Tab back to seat 3, Enter.
      await co.page.getByRole("button", { name: /^Jess/ }).focus();
      await co.page.keyboard.press("Enter");
      await expect(announce(co.page)).toContainText("Jess (person harmed) selected");
      for (let i = 0; i < 12; i++) {
        if ((await co.page.evaluate(() => document.activeElement?.getAttribute("data-seat-number"))) === "3") break;
        await co.page.keyboard.press("Shift+Tab");
      }
      await co.page.keyboard.press("Enter");
      await expect(announce(co.page)).toHaveText("Jess placed on seat 3.");
      await expect(seat(lead.page, 3)).toHaveAttribute("aria-label", "Seat 3: Jess, person harmed");
      // Escape cancels a selection.
      await co.page.getByRole("button", { name: /^Ray/ }).focus();
      await co.page.keyboard.press("Space");
      await co.page.keyboard.press("Escape");
      await expect(announce(co.page)).toHaveText("Cancelled.");

      // Tap to select, tap to place, on the lead's tablet: Dan next to Jess raises a hint on both.
      await lead.page.getByRole("button", { name: /^Dan/ }).tap();
      await seat(lead.page, 2).tap();
      await expect(seat(co.page, 2)).toHaveAttribute("aria-label", "Seat 2: Dan, person responsible");
      await expect(co.page.getByTestId("seating-hints")).toContainText("Jess (person harmed) sits next to Dan (person responsible).");

      // The co-facilitator drags Dan away with a finger, and Carol from the tray next to Jess.
      await touchDrag(co.page, await centre(co.page, seat(co.page, 2)), await centre(co.page, seat(co.page, 6)));
      await expect(seat(lead.page, 6)).toHaveAttribute("aria-label", /Dan/);
      await touchDrag(co.page, await centre(co.page, co.page.getByRole("button", { name: /^Carol/ })), await centre(co.page, seat(co.page, 2)));
      await expect(seat(lead.page, 2)).toHaveAttribute("aria-label", /^Seat 2: Carol.*, supporter$/);
      // Supporters sit beside their person, the two sides apart; the risk assessment still wants Jess nearest the door.
      await expect(lead.page.getByTestId("seating-hints")).toHaveText(/asks for Jess \(person harmed\) to sit nearest the door/);
      await expect(lead.page.getByTestId("seating-hints").getByRole("listitem")).toHaveCount(1);
      // The lead moves the door beside Jess with the mouse: no concerns left.
      await lead.page.getByRole("button", { name: "Arrange room" }).click();
      const door = await centre(lead.page, lead.page.getByTestId("door"));
      const jess = await centre(lead.page, seat(lead.page, 3));
      await lead.page.mouse.move(door.x, door.y);
      await lead.page.mouse.down();
      await lead.page.mouse.move(jess.x + 60, jess.y + 40, { steps: 12 });
      await lead.page.mouse.up();
      await expect(co.page.getByText("No concerns with this plan.")).toBeVisible();
      await lead.page.getByRole("button", { name: "Place people" }).click();
      await expect(status(lead.page)).toHaveText("Saved");
      await expect(status(co.page)).toHaveText("Saved");

      await expectTouchTargets(lead.page.locator("[data-seat-id]"));
      await expectTouchTargets(lead.page.getByTestId("seating-tray").getByRole("button"));
      await expectNoHorizontalOverflow(lead.page);
      await expectNoSeriousA11yViolations(lead.page, testInfo, "seating-lead");
      await screenshot(lead.page, testInfo, "seating-lead");
      await screenshot(co.page, testInfo, "seating-co");
      await lead.page.getByRole("button", { name: "Arrange room" }).click();
      await seat(lead.page, 5).click();
      await screenshot(lead.page, testInfo, "seating-arrange");
      await lead.page.emulateMedia({ media: "print" });
      await screenshot(lead.page, testInfo, "seating-print");
    });
  } finally {
    await lead.context.close();
    await co.context.close();
  }
});

test("the case supervisor sees the plan read-only", async ({ browser }, testInfo) => {
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  try {
    await visit(supervisor.page, await seatingUrl(supervisor.page));
    await expect(status(supervisor.page)).toHaveText("Live · read only", { timeout: 15_000 });
    // The live conference walk may have started this case's conference on the shared database, which
    // locks the plan: then the lock banner stands where the read-only hint would be.
    await expect(supervisor.page.getByText("You can see this plan; only the facilitators change it.").or(supervisor.page.getByTestId("seating-locked"))).toBeVisible();
    await expect(supervisor.page.getByRole("toolbar", { name: "Seating plan tools" })).toHaveCount(0);
    await expect(supervisor.page.getByRole("link", { name: "Back to the case" })).toBeVisible();
    await expectNoSeriousA11yViolations(supervisor.page, testInfo, "seating-supervisor");
  } finally {
    await supervisor.context.close();
  }
});
