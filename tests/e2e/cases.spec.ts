import { expect, test, type Locator } from "@playwright/test";
import { BUS_STOP, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, visit } from "./helpers";

const LEAD_CASES = ["RJ-2026-0142", "RJ-2026-0150", "RJ-2026-0117", "RJ-2026-0172", "RJ-2026-0174", "RJ-2026-0180"];
const NOT_LEAD_CASES = ["RJ-2026-0161", "RJ-2026-0163", "RJ-2026-0098"];
/** Other specs add cases of their own for the lead (references RJ-E2E-…) while these run: leave them out. */
const seededItems = (list: Locator) => list.getByRole("listitem").filter({ hasNotText: /RJ-E2E-/ });
const SEARCH_LABEL = "Search by reference, title or name";

test.describe("a lead facilitator's cases", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.lead);
  });

  test("the case list shows exactly the cases they are on", async ({ page }, testInfo) => {
    await expect(page).toHaveTitle(/My cases/);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My cases" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByText("Linda Millington")).toBeVisible();
    // A facilitator has no admin links.
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Case teams" })).toHaveCount(0);

    const list = page.getByRole("list", { name: "Cases" });
    const items = seededItems(list);
    await expect(items).toHaveCount(LEAD_CASES.length);
    for (const ref of LEAD_CASES) await expect(list.getByText(ref, { exact: true })).toBeVisible();
    for (const ref of NOT_LEAD_CASES) await expect(page.getByText(ref)).toHaveCount(0);
    const shown = await list.getByRole("listitem").count();
    await expect(page.getByText(`${shown} cases`)).toBeVisible();

    const busStop = list.getByRole("link", { name: new RegExp(BUS_STOP.reference) });
    await expect(busStop).toContainText(BUS_STOP.title);
    await expect(busStop).toContainText("Conference scheduled");
    await expect(busStop).toContainText("Lead facilitator");
    await expect(busStop).toContainText("Sensitive or complex");
    await expect(busStop).toContainText(/Conference \w{3}, \d{1,2} \w{3} 20\d\d, \d\d:\d\d/);

    await expectTouchTargets(list.getByRole("link"));
    await expectTouchTargets(nav.getByRole("link"));
    await expectTouchTargets(page.getByRole("button", { name: "Search" }));
    await expectTouchTargets(page.getByLabel(SEARCH_LABEL));
    await expectTouchTargets(page.getByLabel("Stage"));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "03-cases");
    await expectNoSeriousA11yViolations(page, testInfo, "cases");
  });

  test("search narrows the list by reference, title or a person's name", async ({ page }, testInfo) => {
    const list = page.getByRole("list", { name: "Cases" });
    const search = page.getByLabel(SEARCH_LABEL);

    await search.fill("bus stop");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=bus\+stop/);
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText(BUS_STOP.reference);
    await expect(page.getByText("1 case match")).toBeVisible();

    await search.fill("0150");
    await search.press("Enter");
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText("RJ-2026-0150");

    // A person's preferred name finds their case, and says who matched (other specs' copies of the
    // bus-stop case, RJ-E2E-…, have Jess on them too).
    await search.fill("Jess");
    await search.press("Enter");
    await expect(page).toHaveURL(/q=Jess/);
    await expect(seededItems(list)).toHaveCount(1);
    await expect(seededItems(list)).toContainText(BUS_STOP.reference);
    await expect(seededItems(list)).toContainText("Name match: Jessica Barnes (Jess)");

    // Another facilitator's case is not found by searching for it.
    await search.fill("bicycle");
    await search.press("Enter");
    await expect(page.getByRole("list", { name: "Cases" })).toHaveCount(0);
    await expect(page.getByText("No cases match.")).toBeVisible();
    await screenshot(page, testInfo, "04-cases-no-match");
    await expectTouchTargets(page.getByRole("link", { name: "Clear the search" }));
    await page.getByRole("link", { name: "Clear the search" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect(
      page
        .getByRole("list", { name: "Cases" })
        .getByRole("listitem")
        .filter({ hasNotText: /RJ-E2E-/ }),
    ).toHaveCount(LEAD_CASES.length);
  });

  test("the stage filter shows only cases at that stage", async ({ page }) => {
    const list = page.getByRole("list", { name: "Cases" });
    await page.getByLabel("Stage").selectOption({ label: "Referral" });
    await expect(page).toHaveURL(/stage=REFERRAL/);
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText("RJ-2026-0150");

    await page.getByLabel("Stage").selectOption({ label: "Follow-up" });
    await expect(page).toHaveURL(/stage=FOLLOW_UP/);
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText("RJ-2026-0117");

    await page.getByLabel("Stage").selectOption({ label: "Closed" });
    await expect(page).toHaveURL(/stage=CLOSED/);
    // None of the demo's own cases is closed; a walk that closes its own copy of a case (RJ-E2E-…)
    // may have run first on the shared database.
    await expect(list.getByRole("listitem").filter({ hasNotText: /RJ-E2E-/ })).toHaveCount(0);

    await page.getByLabel("Stage").selectOption({ label: "All stages" });
    await expect(
      page
        .getByRole("list", { name: "Cases" })
        .getByRole("listitem")
        .filter({ hasNotText: /RJ-E2E-/ }),
    ).toHaveCount(LEAD_CASES.length);

    // Search and stage together.
    await page.getByLabel(SEARCH_LABEL).fill("RJ-2026");
    await page.getByLabel("Stage").selectOption({ label: "Follow-up" });
    await expect(page).toHaveURL(/q=RJ-2026.*stage=FOLLOW_UP|stage=FOLLOW_UP.*q=RJ-2026/);
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText("RJ-2026-0117");
  });

  test("a filter the server does not understand shows all cases with a warning", async ({ page }) => {
    await visit(page, "/cases?stage=NOT_A_STAGE");
    await expect(page.getByText("That filter was not understood")).toBeVisible();
    await expect(
      page
        .getByRole("list", { name: "Cases" })
        .getByRole("listitem")
        .filter({ hasNotText: /RJ-E2E-/ }),
    ).toHaveCount(LEAD_CASES.length);
  });

  test("the bus stop case shows its timeline, team and what comes next", async ({ page }, testInfo) => {
    await page.getByRole("link", { name: new RegExp(BUS_STOP.reference) }).click();
    await expect(page).toHaveURL(/\/cases\/c[a-z0-9]+$/);
    await expect(page).toHaveTitle(new RegExp(BUS_STOP.reference));
    await expect(page.getByRole("heading", { level: 1, name: BUS_STOP.title })).toBeVisible();
    await expect(page.getByText(BUS_STOP.reference, { exact: true })).toBeVisible();
    await expect(page.getByText("You are lead facilitator")).toBeVisible();
    await expect(page.locator(".page-meta").getByText("Sensitive or complex")).toBeVisible();

    const next = page.getByRole("region", { name: "What comes next" });
    await expect(next).toContainText("Confirm venue, seating and the script with your co-facilitator.");
    await expect(next).toContainText("Riverside Community Centre, Room 2");
    await expect(next).toContainText("punched in the stomach at a bus stop");

    const timeline = page.getByRole("region", { name: "Stage timeline" });
    const steps = timeline.getByRole("listitem");
    await expect(steps).toHaveCount(7);
    await expect(steps.first()).toContainText("Referral");
    await expect(steps.last()).toContainText("Closed");
    const current = timeline.locator('[aria-current="step"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText("Conference scheduled");

    const team = page.getByRole("region", { name: "Case team" });
    await expect(team).toContainText("Linda Millington");
    await expect(team).toContainText("Lead facilitator");
    await expect(team).toContainText("Chris Patel");
    await expect(team).toContainText("Co-facilitator");
    await expect(team).toContainText("Sam Okafor");
    await expect(team).toContainText("Case supervisor");

    await expectTouchTargets(page.getByRole("link", { name: "My cases" }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "05-case-overview");
    await expectNoSeriousA11yViolations(page, testInfo, "case overview");

    await page.getByRole("main").getByRole("link", { name: "My cases" }).click();
    await expect(page).toHaveURL(/\/cases$/);
  });
});
