import { expect, test } from "@playwright/test";
import { BUS_STOP, DEMO, caseIdFromList, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, signedInPage } from "./helpers";

test.describe("pages that are not there", () => {
  test("an unknown address shows a 404 page", async ({ page }, testInfo) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("There is nothing here, or you do not have access to it.")).toBeVisible();
    // No stack trace, no framework error text.
    await expect(page.locator("body")).not.toContainText(/at .*\.js:\d+|Error:/);
    await expectTouchTargets(page.getByRole("link", { name: /my cases/i }));
    await screenshot(page, testInfo, "09-not-found");
    await expectNoSeriousA11yViolations(page, testInfo, "404");
  });

  test("another facilitator opening the bus stop case gets 'Page not found' (404), not the case", async ({ browser, page }, testInfo) => {
    const lead = await signedInPage(browser, DEMO.lead);
    const caseId = await caseIdFromList(lead.page, BUS_STOP.reference);
    await lead.context.close();

    await signIn(page, DEMO.other);
    await expect(page.getByText(BUS_STOP.reference)).toHaveCount(0);
    const response = await page.goto(`/cases/${caseId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(BUS_STOP.title);
    await expect(page.locator("body")).not.toContainText(BUS_STOP.reference);
    // Still signed in: the navigation is there to carry on.
    await expect(page.getByRole("navigation", { name: "Main" }).getByText("Oli Hughes")).toBeVisible();
    await screenshot(page, testInfo, "10-not-found-signed-in");

    // A made-up case id looks exactly the same.
    const made = await page.goto("/cases/cnotarealcaseidatall00000");
    expect(made?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });

  test("admin pages are 'Page not found' for a facilitator", async ({ page }) => {
    await signIn(page, DEMO.lead);
    for (const url of ["/admin/users", "/admin/cases"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    }
  });
});
