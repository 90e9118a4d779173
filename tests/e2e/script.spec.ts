import { expect, test } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signedInPage, visit } from "./helpers";
import { createLiveConference } from "./live-fixtures";

/**
 * Preparation of the script: the lead starts from the standard template (names filled
 * in), reorders and adds a step, records the speaking order; the supervisor reads it only.
 * Each project tailors its own conference (the two run against one server at once).
 */
test("the lead tailors the conference script; the supervisor reads it", async ({ browser }, testInfo) => {
  test.setTimeout(60_000);
  const { conferenceId } = createLiveConference("RJ-2026-0142");
  const lead = await signedInPage(browser, DEMO.lead);
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  try {
    const page = lead.page;
    await visit(page, `/conferences/${conferenceId}/script`);
    await expect(page.getByText("No script yet.")).toBeVisible();
    await page.getByRole("button", { name: "Use this template" }).click();
    const steps = page.getByRole("list").filter({ has: page.getByRole("heading", { name: "What happened" }) });
    await expect(steps.getByRole("heading", { name: "What happened" })).toBeVisible();
    await expect(steps.locator("p", { hasText: "Dan, can you tell us what happened, in your own words?" })).toBeVisible();

    // Move "Introductions" above "Welcome".
    await page.getByRole("button", { name: 'Move "Introductions" up' }).click();
    await expect(steps.getByRole("listitem").first()).toContainText("Introductions");

    // Add a step addressed to the person harmed.
    const add = page.getByRole("region", { name: "Add a step" });
    await add.getByLabel("Part of the conference").selectOption({ label: "Closing" });
    await add.getByLabel("Title").fill("Refreshments");
    await add.getByLabel("What the chair says or asks").fill("Invite everyone to stay for tea; Jess leaves first.");
    await add.getByLabel(/Jess/).check();
    await add.getByRole("button", { name: "Add the step" }).click();
    await expect(steps.getByRole("listitem").last()).toContainText("Refreshments");
    await expect(steps.getByRole("listitem").last()).toContainText("Addressed to Jess");

    // Speaking order: whoever speaks second is moved first; the new order is kept after a reload.
    const order = page.getByRole("region", { name: "Speaking order" });
    const speakers = order.getByRole("listitem").locator("strong");
    const before = await speakers.allTextContents();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second, ...rest] = before;
    await order.getByRole("button", { name: `Move ${second} earlier` }).click();
    await expect(speakers).toHaveText([second!, first!, ...rest]);
    await page.reload();
    await expect(speakers).toHaveText([second!, first!, ...rest]);
    await expect(order.getByRole("button", { name: `Move ${second} earlier` })).toBeDisabled();
    await expectTouchTargets(order.getByRole("button"));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "30-script-tailored");
    await expectNoSeriousA11yViolations(page, testInfo, "script");

    await visit(supervisor.page, `/conferences/${conferenceId}/script`);
    await expect(supervisor.page.getByText("You can read the script; the facilitators prepare it.")).toBeVisible();
    await expect(supervisor.page.getByRole("heading", { name: "Refreshments" })).toBeVisible();
    await expect(supervisor.page.getByRole("region", { name: "Speaking order" }).getByRole("listitem").locator("strong")).toHaveText([second!, first!, ...rest]);
    await expect(supervisor.page.getByRole("button", { name: /Move|Remove|Add/ })).toHaveCount(0);
  } finally {
    await Promise.all([lead.context.close(), supervisor.context.close()]);
  }
});
