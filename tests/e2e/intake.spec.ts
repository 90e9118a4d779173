import { expect, test } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn } from "./helpers";

/**
 * A facilitator records a referral and puts a team on it. The co-facilitator of the demo cases
 * records it (leading it), so the lead's case list, which cases.spec.ts counts, is not disturbed.
 * Both projects run at once against one server: each types its own reference and title.
 */
test("a facilitator records a referral, assigns the team and finds it on their list and its page", async ({ page }, testInfo) => {
  const portrait = testInfo.project.name === "tablet-portrait";
  const title = `E2E referral: stolen scooter (${portrait ? "portrait" : "landscape"})`;
  await signIn(page, DEMO.co);

  await page.getByRole("link", { name: "Record a referral" }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Record a referral" })).toBeVisible();
  const reference = page.getByLabel("Case reference");
  const prefilled = await reference.inputValue();
  expect(prefilled).toMatch(/^RJ-\d{4}-\d{4}$/);
  // The facilitator recording it is the lead unless they choose otherwise.
  await expect(page.getByLabel("Lead facilitator").locator("option:checked")).toHaveText("Chris Patel");
  const year = prefilled.slice(3, 7);
  const ours = `RJ-${year}-${portrait ? "8802" : "8801"}`;
  await reference.fill(ours);

  // First attempt with the summary and age group missing: each says what is wrong, and what was typed stays.
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Referred by").selectOption({ label: "Police" });
  await page.getByLabel("Referrer's name").fill("PC Ada Lewis");
  await page.getByLabel("Referrer's phone or email").fill("01632 960555");
  await page.getByLabel("Type of offence").selectOption({ label: "Theft or handling stolen goods" });
  await page.getByRole("button", { name: "Record the referral" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was saved. Please check the 2 answers marked below.");
  await expect(page.getByText("Describe what happened in a few sentences")).toBeVisible();
  await expect(page.getByText("Choose adult or youth case")).toBeVisible();
  await expect(page.getByLabel("What happened")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Referrer's name")).toHaveValue("PC Ada Lewis");
  await expect(page.getByLabel("Case reference")).toHaveValue(ours);
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "11a-record-referral-errors");

  await page.getByLabel("What happened").fill("An electric scooter was taken from outside a flat. The young person responsible has admitted it and wants to make amends.");
  await page.getByLabel("Youth case (under 18)").check();
  await page.getByLabel("Co-facilitator (optional)").selectOption({ label: "Oli Hughes" });
  await page.getByLabel("Case supervisor (optional)").selectOption({ label: "Sam Okafor" });

  await expectTouchTargets(page.locator("main").getByRole("textbox"));
  await expectTouchTargets(page.locator("main").getByRole("combobox"));
  await expectTouchTargets(page.getByRole("button", { name: "Record the referral" }));
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "11-record-referral");
  await expectNoSeriousA11yViolations(page, testInfo, "record a referral");

  await page.getByRole("button", { name: "Record the referral" }).click();
  await expect(page).toHaveURL(/\/cases\/c[a-z0-9]+\?recorded=1$/);
  await expect(page.getByRole("status").first()).toContainText(`Referral ${ours} recorded.`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".page-meta")).toContainText("Referral");
  await expect(page.locator(".page-meta")).toContainText("Youth case");
  const team = page.getByRole("region", { name: "Case team" });
  await expect(team).toContainText("Chris Patel");
  await expect(team).toContainText("Lead facilitator");
  await expect(team).toContainText("Oli Hughes");
  await expect(team).toContainText("Co-facilitator");
  await expect(team).toContainText("Sam Okafor");
  const referral = page.getByRole("region", { name: "Referral", exact: true });
  await expect(referral).toContainText("Police — PC Ada Lewis, 01632 960555");
  await expect(referral).toContainText("Theft or handling stolen goods");
  await expect(page.getByRole("region", { name: "Stage timeline" }).locator('[aria-current="step"]')).toContainText("Referral");

  // Change the title: the history keeps what it was.
  await referral.locator("summary", { hasText: "Edit the details" }).click();
  await referral.getByLabel("Title").fill(`${title}, renamed`);
  await referral.getByRole("button", { name: "Save the details" }).click();
  await expect(referral.getByRole("status")).toHaveText("Saved. Changed: title.");
  await expect(page.getByRole("heading", { level: 1, name: `${title}, renamed` })).toBeVisible();
  await referral.locator("summary", { hasText: "History of changes" }).click();
  const history = referral.getByRole("list", { name: "History of the case record" });
  // (The quotation marks around the values are drawn by the browser for <q>, so not in the text.)
  await expect(history).toContainText(`Title changed from ${title} to ${title}, renamed`);
  await expect(history).toContainText("Recorded the referral.");
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "12-case-referral-history");

  // On their case list, with its Victims' Code offer due soon (nobody harmed recorded yet).
  await page.getByRole("main").getByRole("link", { name: "My cases" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  const item = page.getByRole("list", { name: "Cases" }).getByRole("listitem").filter({ hasText: ours });
  await expect(item).toContainText(`${title}, renamed`);
  await expect(item).toContainText("Lead facilitator");
  await expect(item).toContainText("Due soon: Victims' Code offer of RJ by");
});

test("the service manager's overview lists an unassigned referral and opens its record", async ({ page }, testInfo) => {
  await signIn(page, DEMO.manager);
  const referrals = page.getByRole("region", { name: "New and unassigned referrals" });
  const allotment = referrals.getByRole("listitem").filter({ hasText: "RJ-2026-0176" });
  await expect(allotment).toContainText("No lead facilitator");
  await expect(page.getByRole("region", { name: "Overdue Victims' Code deadlines" })).toContainText("RJ-2026-0176");
  await expect(page.getByRole("region", { name: "Conferences this week" })).toContainText("RJ-2026-0163");
  await expectTouchTargets(page.getByRole("region", { name: "Cases by stage" }).getByRole("link"));
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "13-service-overview");
  await expectNoSeriousA11yViolations(page, testInfo, "service overview");

  await allotment.getByRole("link", { name: /Damage to allotment sheds/ }).click();
  await expect(page).toHaveURL(/\/admin\/cases\/c[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Damage to allotment sheds" })).toBeVisible();
  await expect(page.getByText("No lead facilitator: nobody is preparing this case yet.")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "14-admin-case-record");
  await expectNoSeriousA11yViolations(page, testInfo, "admin case record");

  await page.getByRole("link", { name: "Change the team" }).click();
  await expect(page).toHaveURL(/\/admin\/cases\?q=RJ-2026-0176$/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 2, name: /RJ-2026-0176/ })).toBeVisible();
});
