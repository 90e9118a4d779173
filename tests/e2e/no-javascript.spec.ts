import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./helpers";

// Forms must work before (or without) JavaScript: a tablet on a slow network can tap "Sign in"
// before the page has hydrated, and the browser then posts the form itself.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in page still renders its form", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("signing in with a plain form post reaches the case list", async ({ page }) => {
    // Guards a regression: with `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on a
    // native form post and the origin guard would refuse it (server/app.ts sets same-origin).
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.lead);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("body")).not.toContainText("Cross-origin requests are not accepted.");
    await expect(page).toHaveURL(/\/cases$/);
    await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  });
});
