import { expect, test } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, visit } from "./helpers";

test.describe("signing in and out", () => {
  test("the sign-in page asks for an email and a password", async ({ page }, testInfo) => {
    const response = await visit(page, "/login");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Sign in/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Circle" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("type", "email");
    await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    // No navigation for someone who is not signed in.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    await expectTouchTargets(page.getByRole("button", { name: "Sign in" }));
    await expectTouchTargets(page.getByLabel("Email"));
    await expectTouchTargets(page.getByLabel("Password"));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "01-login");
    await expectNoSeriousA11yViolations(page, testInfo, "login");
  });

  test("the root address sends a visitor to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a wrong password shows a clear error and keeps the email", async ({ page }, testInfo) => {
    await visit(page, "/login");
    await page.getByLabel("Email").fill(DEMO.supervisor);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.supervisor);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await screenshot(page, testInfo, "02-login-error");
    await expectNoSeriousA11yViolations(page, testInfo, "login with error");
  });

  test("an empty form explains what is missing next to each field", async ({ page }) => {
    await visit(page, "/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter an email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });

  test("signing out returns to sign-in, and going back does not show the cases", async ({ page }) => {
    await signIn(page, DEMO.co);
    await expect(page.getByRole("navigation", { name: "Main" }).getByText("Chris Patel")).toBeVisible();
    await expectTouchTargets(page.getByRole("button", { name: "Sign out" }));

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in to Circle" })).toBeVisible();

    // The browser's back button: the case list is not shown again, sign-in is.
    await page.goBack();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Circle" })).toBeVisible();
    await expect(page.getByText("RJ-2026-0142")).toHaveCount(0);

    // Typing the address: also sign-in, remembering where the user wanted to go.
    await page.goto("/cases");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcases$/);
    await expect(page.getByRole("heading", { name: "Sign in to Circle" })).toBeVisible();
  });

  test("after sign-in the user lands on the page they first asked for", async ({ page }) => {
    await visit(page, "/cases?stage=REFERRAL");
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
    await page.getByLabel("Email").fill(DEMO.lead);
    await page.getByLabel("Password").fill("circle-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/cases\?stage=REFERRAL$/);
    await expect(page.getByLabel("Stage")).toHaveValue("REFERRAL");
  });
});
