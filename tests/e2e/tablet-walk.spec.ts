import { expect, test, type Locator } from "@playwright/test";
import { caseIdFromList, DEMO, DEMO_PASSWORD, expectTouchTargets, signIn, visit } from "./helpers";

// What a practitioner walking the demo on a tablet noticed: each test reads the page as it is drawn
// (sizes and positions), at both orientations, against the demo service's own data.

/** The vertical middle of an element, to say whether two things sit on one line. */
async function middle(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!.y + box!.height / 2;
}

test("each notification is a finger-sized link, with the way to the settings and back", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await visit(page, "/notifications");
  // The demo's deadlines (a contact overdue on the bus-stop case, agreement terms on the corner shop).
  const items = page.getByRole("list", { name: "Notifications" }).getByRole("link");
  await expect(items.first()).toBeVisible();
  await expectTouchTargets(items);
  await expectTouchTargets(page.getByRole("link", { name: "Choose what you are told" }));
  await page.getByRole("link", { name: "Choose what you are told" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await expectTouchTargets(page.getByRole("link", { name: "Back to notifications" }));
});

test("the approved agreement shows what was agreed in the participants' words, not an empty narrative", async ({ page }) => {
  await signIn(page, DEMO.supervisor);
  const caseId = await caseIdFromList(page, "RJ-2026-0117");
  await visit(page, `/cases/${caseId}/agreement`);
  const narrative = page.getByRole("region", { name: "Narrative" });
  await expect(narrative.getByTestId("collab-status")).toHaveText(/read only/i);
  await expect(narrative).toContainText("Tyler said he wants to put right the damage to Amira's shop");
});

test("a long checkbox label wraps beside its box, and a consent answer stays one pill", async ({ page }) => {
  await visit(page, "/login");
  await page.getByLabel("Email or username").fill("amira");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/);
  const box = page.getByRole("checkbox", { name: /My facilitator may pass this on/ });
  const label = page.locator(`label[for="${await box.getAttribute("id")}"]`);
  const [boxBox, labelBox] = [await box.boundingBox(), await label.boundingBox()];
  expect(labelBox!.x, "the label starts to the right of its box").toBeGreaterThan(boxBox!.x + boxBox!.width);
  expect(Math.abs((await middle(label)) - (await middle(box))), "box and label share a line").toBeLessThan(20);
  // The cards of the workspace stand apart rather than touching.
  const passed = await page.getByRole("region", { name: "Passed on to you" }).boundingBox();
  const write = await page.getByRole("region", { name: /^Write to/ }).boundingBox();
  expect(write!.y - (passed!.y + passed!.height), "gap between cards").toBeGreaterThanOrEqual(12);

  await page.context().clearCookies();
  await signIn(page, DEMO.lead);
  const caseId = await caseIdFromList(page, "RJ-2026-0142");
  await visit(page, `/cases/${caseId}`);
  // "– Not asked" in a person's consent table: one line, however narrow the column.
  const pill = page.locator(".answer-none").first();
  await expect(pill).toBeVisible();
  const height = (await pill.boundingBox())!.height;
  const lineHeight = await pill.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5);
  expect(height, "the pill is one line tall").toBeLessThan(lineHeight * 1.9);
  // The case notes stand apart from the corrections card above them.
  const corrections = await page.getByRole("region", { name: "Corrections asked for" }).boundingBox();
  const notes = await page.getByRole("region", { name: "Case notes" }).boundingBox();
  expect(notes!.y - (corrections!.y + corrections!.height), "gap between cards").toBeGreaterThanOrEqual(12);
});

test("the demo youth case says so, a guardian's column says when no answer is needed, and the notes' heading buttons are words", async ({ page }) => {
  await signIn(page, DEMO.lead);
  const caseId = await caseIdFromList(page, "RJ-2026-0180");
  await visit(page, `/cases/${caseId}`);
  await expect(page.getByText("Youth case", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Adult case", { exact: true })).toHaveCount(0);
  // Sharing information needs no guardian's yes: the column says so rather than pointing elsewhere.
  const grid = page.locator("table.consent-grid.with-guardians").first();
  await expect(grid.getByRole("row", { name: /Share information/ })).toContainText("Not needed (any answer is kept in the history below)");
  // "My cases" stays lit on the case's pages.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My cases" })).toHaveAttribute("aria-current", "page");

  await visit(page, `/cases/${caseId}/notes`);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await expect(toolbar.getByRole("button", { name: "Heading", exact: true })).toHaveText("Heading");
  await expect(toolbar.getByRole("button", { name: "Subheading", exact: true })).toHaveText("Subheading");
  await expectTouchTargets(toolbar.getByRole("button"));
});

test("on a conference's seating plan, My cases is still the page's place in the navigation", async ({ page }) => {
  await signIn(page, DEMO.lead);
  const caseId = await caseIdFromList(page, "RJ-2026-0142");
  await visit(page, `/cases/${caseId}`);
  const href = await page.getByRole("link", { name: "Seating plan" }).first().getAttribute("href");
  expect(href).toMatch(/^\/conferences\//);
  await visit(page, href!);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My cases" })).toHaveAttribute("aria-current", "page");
});
