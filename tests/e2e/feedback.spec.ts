import { expect, test } from "@playwright/test";
import { caseIdFromList, DEMO, DEMO_PASSWORD, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, visit } from "./helpers";

/** The corner shop is in follow-up after its conference; the lead facilitator leads it. */
const CORNER_SHOP = "RJ-2026-0117";

/**
 * The facilitator hands the tablet to a participant after the conference: the participant sees
 * only the questions in large type, answers, cannot get anywhere else (a typed address, the back
 * button, a refresh), and the facilitator takes the tablet back with their own password, a wrong
 * one refused. The feedback is then on the case's feedback page. Each orientation asks a different
 * participant, so the two projects (one server, one database) do not meet.
 */
test("a participant gives feedback in participant mode and cannot leave it without the facilitator", async ({ page }, testInfo) => {
  const portrait = testInfo.project.name === "tablet-portrait";
  const person = portrait ? { full: "Tyler Moss", first: "Tyler" } : { full: "Amira Khan", first: "Amira" };
  const words = `It helped to be listened to (${testInfo.project.name})`;

  await signIn(page, DEMO.lead);
  const caseId = await caseIdFromList(page, CORNER_SHOP);
  await visit(page, `/cases/${caseId}`);
  await page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Feedback" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Feedback" })).toBeVisible();
  await expect(page.getByLabel("Feedback about")).toHaveValue("CONFERENCE");
  await page.getByRole("button", { name: `Hand the tablet to ${person.full}` }).click();

  // Participant mode: their first name, the questions, nothing of the case or of Circle.
  await expect(page).toHaveURL(/\/participant$/);
  await expect(page.getByRole("heading", { level: 1, name: `Hello ${person.first}` })).toBeVisible();
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(CORNER_SHOP);
  await expect(page.locator("body")).not.toContainText("Linda Millington");
  await expect(page.locator("body")).not.toContainText(person.full);
  await expectTouchTargets(page.locator(".feedback-choice"), 64);
  await expectTouchTargets(page.getByRole("button", { name: /Send my answers|rather not say/ }), 64);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "participant feedback");
  await screenshot(page, testInfo, "30-participant-feedback");

  const satisfaction = page.getByRole("group", { name: "How satisfied are you with how it went?" });
  // Each answer is a box the size of a fingertip or more: the tap lands on its radio button.
  await satisfaction.getByRole("radio", { name: "4 Happy" }).tap();
  await expect(satisfaction.getByRole("radio", { name: "4 Happy" })).toBeChecked();
  await page.getByRole("group", { name: "Did you feel safe?" }).getByRole("radio", { name: "Yes" }).tap();
  await page.getByRole("group", { name: "Did you feel listened to?" }).getByRole("radio", { name: "Yes" }).tap();
  await page.getByRole("group", { name: "Did you feel prepared for it?" }).getByRole("radio", { name: "Not sure" }).tap();
  await page.getByRole("group", { name: "Would you recommend restorative justice to someone else?" }).getByRole("radio", { name: "Yes" }).tap();
  await expect(page.getByRole("group", { name: "Did you feel prepared for it?" }).getByRole("radio", { name: "Not sure" })).toBeChecked();
  await page.getByLabel("Anything you would like to say, in your own words").fill(words);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Thank you, ${person.first}` })).toBeVisible();
  await screenshot(page, testInfo, "31-participant-thanks");

  // Trying to get away: the case's address typed, the back button, a refresh. Still the participant's page.
  await visit(page, `/cases/${caseId}`);
  await expect(page).toHaveURL(/\/participant$/);
  await expect(page.getByRole("heading", { level: 1, name: `Thank you, ${person.first}` })).toBeVisible();
  await visit(page, "/cases");
  await expect(page).toHaveURL(/\/participant$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/participant$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Thank you, ${person.first}` })).toBeVisible();
  await expect(page.getByRole("navigation")).toHaveCount(0);

  // The facilitator takes the tablet back: a wrong password is refused with a clear message.
  await page.getByRole("link", { name: "For the facilitator: take the tablet back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Take the tablet back" })).toBeVisible();
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Take the tablet back" }).click();
  await expect(page.getByRole("alert")).toContainText("That password is not right. Only the facilitator who handed this tablet over can take it back.");
  await expect(page).toHaveURL(/\/participant\/leave$/);
  await expectNoSeriousA11yViolations(page, testInfo, "leave participant mode");
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Take the tablet back" }).click();

  // Back on the case's feedback page, with the navigation, and what the participant said on it.
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/feedback$`));
  await expect(page.getByRole("heading", { level: 1, name: "Feedback" })).toBeVisible();
  const given = page.getByRole("list", { name: "Feedback given" }).getByRole("listitem").filter({ hasText: words });
  await expect(given).toContainText(person.full);
  await expect(given).toContainText("Satisfaction 4 of 5");
  await expect(given).toContainText("Given on the tablet");
  await expect(page.getByRole("link", { name: "My cases" }).first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "case feedback");
  await screenshot(page, testInfo, "32-case-feedback");
});
