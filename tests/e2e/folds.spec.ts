import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn, visit } from "./helpers";
import { createBookedCase } from "./live-fixtures";

/**
 * The case page's folded forms are drawn when first opened (app/components/ui/fold.tsx): opened,
 * the form is there; folded again and reopened, what was typed is still there; a fold tapped
 * before the page has hydrated fills in once it has; and without JavaScript a fold says so
 * (tests/e2e/no-javascript.spec.ts).
 */
const reference = (name: string, project: string) => `RJ-E2E-FOLD-${name}-${project === "tablet-portrait" ? "P" : "L"}`;

test("a folded form appears when opened and keeps what was typed when folded again", async ({ page }, testInfo) => {
  const { caseId } = createBookedCase(reference("KEEP", testInfo.project.name));
  await signIn(page, DEMO.lead, DEMO_PASSWORD);
  await visit(page, `/cases/${caseId}`);
  const contacts = page.locator("#contacts");
  const fold = contacts.locator("details", { has: page.locator(":scope > summary", { hasText: "Log a contact" }) });
  await expect(fold.getByLabel("Kind of contact")).toHaveCount(0);
  await fold.locator(":scope > summary").click();
  await expect(fold.getByLabel("Kind of contact")).toBeVisible();
  await fold.getByLabel("Where").selectOption("OTHER");
  await fold.getByLabel("Where exactly").fill("The community centre, room 2");
  await fold.locator(":scope > summary").click();
  await expect(fold.getByLabel("Where exactly")).toBeHidden();
  await fold.locator(":scope > summary").click();
  await expect(fold.getByLabel("Where exactly")).toHaveValue("The community centre, room 2");
});

test("a fold tapped open while the page's scripts are still loading fills in once they have", async ({ page }, testInfo) => {
  const { caseId } = createBookedCase(reference("EARLY", testInfo.project.name));
  await signIn(page, DEMO.lead, DEMO_PASSWORD);
  // Hold the scripts back, as a slow network would, so the tap lands before hydration.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/build/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/cases/${caseId}`, { waitUntil: "commit" });
  const fold = page.locator("#participants details.add-panel");
  await fold.locator(":scope > summary").click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  await expect(fold).toHaveAttribute("open", "");
  await expect(fold).toContainText("appears once the page has finished loading");
  release();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(fold.getByRole("button", { name: "Add person" })).toBeVisible();
  await expect(fold).not.toContainText("appears once the page has finished loading");
});
