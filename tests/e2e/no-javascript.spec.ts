import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./helpers";
import { createBookedCase } from "./live-fixtures";

// Forms must work before (or without) JavaScript: a tablet on a slow network can tap "Sign in"
// before the page has hydrated, and the browser then posts the form itself. Folded forms are the
// exception (app/components/ui/fold.tsx): they are drawn when opened, and say so until then.

/** Signs in as the lead with the browser posting the form itself. */
async function signInByFormPost(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.lead);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("body")).not.toContainText("Cross-origin requests are not accepted.");
  await expect(page).toHaveURL(/\/cases$/);
}

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
    await signInByFormPost(page);
    await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  });

  test("Withdraw asks on a page of its own what it will do, and only its confirmation withdraws", async ({ page }, testInfo) => {
    const { caseId } = createBookedCase(`RJ-E2E-NJ-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`);
    await signInByFormPost(page);
    await page.goto(`/cases/${caseId}`);
    const harmed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Jess/ }) });
    await harmed.getByRole("button", { name: /Withdraw.*Meet face to face/i }).click();
    await expect(page).toHaveURL(/\/consent\/withdraw\?/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Withdraw Jess's consent to meet face to face?");
    await expect(page.getByTestId("withdraw-effects")).toContainText("will put the conference booked for");
    // "Keep consent" goes back and nothing has changed.
    await page.getByRole("link", { name: "Keep consent" }).click();
    await expect(
      page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: /Jess/ }) })
        .getByRole("button", { name: /Withdraw.*Meet face to face/i }),
    ).toBeVisible();
    await page.goBack();
    await page.getByRole("button", { name: "Withdraw consent" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consent withdrawn");
    await expect(page.getByTestId("withdraw-result")).toContainText("is on hold");
    await page.getByRole("link", { name: "Back to the case" }).click();
    await expect(page.locator("#conference")).toContainText("On hold");
  });

  test("a folded form on the case page says it needs JavaScript", async ({ page }, testInfo) => {
    const { caseId } = createBookedCase(`RJ-E2E-NJ-FOLD-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`);
    await signInByFormPost(page);
    await page.goto(`/cases/${caseId}`);
    const fold = page.locator("#contacts details", { has: page.locator(":scope > summary", { hasText: "Log a contact" }) });
    await fold.locator(":scope > summary").click();
    await expect(fold).toContainText("This needs JavaScript, and appears once the page has finished loading.");
  });
});
