import { expect, test } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signIn } from "./helpers";

/**
 * Both tablet projects share one server: each works on a youth rule of its own outcome, so neither
 * changes a rule the other has open (a rule changed meanwhile is refused as no longer in force).
 */
const OUTCOME: Record<string, string> = { "tablet-landscape": "Withdrawn", "tablet-portrait": "Not suitable" };

test("the manager sets a youth rule, changes it, and sees it saved, beside the cases due for review", async ({ page }, testInfo) => {
  const outcome = OUTCOME[testInfo.project.name]!;
  const name = `Youth cases, ${outcome.toLowerCase()}`;
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Retention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Retention" })).toBeVisible();
  // The retention job ran when the server started: the demo's case closed in 2019 is due.
  await expect(page.getByRole("heading", { name: /^Cases due for review: [1-9]/ })).toBeVisible();
  const due = page.getByRole("region", { name: /^Cases due for review/ });
  await expect(due.getByRole("row", { name: /RJ-2019-0031/ })).toContainText("2 March 2025");

  const add = page.getByRole("region", { name: "Add a rule for one outcome" });
  await add.getByLabel("Case type").selectOption({ label: "Youth cases" });
  await add.getByLabel("Closed as").selectOption({ label: outcome });
  await add.getByLabel("How long to keep them").selectOption({ label: "A time after closure" });
  await add.getByLabel("Years after closure").fill("3");
  // No reason yet: refused with a message beside the field, nothing added.
  await add.getByRole("button", { name: "Add the rule" }).click();
  await expect(add.getByText("Give the reason for this rule, e.g. the policy it follows")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name })).toHaveCount(0);
  await add.getByLabel("Reason for this rule").fill("Service policy 4.3: young people who withdrew");
  await add.getByRole("button", { name: "Add the rule" }).click();
  await expect(add.getByRole("status")).toContainText(`Added the rule for youth cases closed as "${outcome.toLowerCase()}"`);

  const card = page.getByRole("article", { name });
  await expect(card).toContainText("Kept 3 years after closure.");
  await card.locator("summary").click();
  await card.getByLabel("How long to keep them").selectOption({ label: "Whichever is later of the two" });
  await card.getByLabel(/Until the youngest person harmed or responsible is this age/).fill("25");
  await card.getByLabel("Reason for this rule").fill("Service policy 4.3; ICO guidance on records about children");
  await card.getByRole("button", { name: "Save the rule" }).click();
  await expect(card.getByRole("status")).toContainText("until the youngest person harmed or responsible is 25, or 3 years after closure if that is later");

  // Saved: a fresh load shows the new terms and reason, and the history keeps both versions.
  await page.reload();
  const saved = page.getByRole("article", { name });
  await expect(saved).toContainText("Kept until the youngest person harmed or responsible is 25, or 3 years after closure if that is later.");
  await expect(saved).toContainText("Service policy 4.3; ICO guidance on records about children");
  await expect(saved).toContainText("Set by Morgan Reid");
  const history = page.getByRole("region", { name: /^Changes to the rules/ });
  await expect(history.getByRole("row").filter({ hasText: name }).filter({ hasText: "Changed" })).toHaveCount(1);
  await expect(history.getByRole("row").filter({ hasText: name }).filter({ hasText: "Added" })).toHaveCount(1);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "retention");
});
