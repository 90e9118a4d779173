import { expect, test, type Locator, type Page } from "@playwright/test";
import { BUS_STOP, caseIdFromList, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signIn, visit } from "./helpers";

/**
 * Shuttle communication on the bus-stop case: Jess's three questions, gathered at a home visit,
 * are recorded and approved; Dan's answer, gathered at a prison visit, is edited for safety with
 * his agreement, approved and read with Jess at a visit; each one's printable pack shows what may
 * reach them and nothing else. Both projects share one server and database, so every text carries
 * the project's name and each step finds its own message by it.
 */
const message = (page: Page, text: string): Locator => page.getByRole("article").filter({ hasText: text });

async function record(page: Page, fields: { kind: string; from: string; to: string; gathered: string; text: string; wording: string; answers?: string }) {
  const form = page.getByRole("region", { name: "Record a message" });
  await form.getByLabel("What it is").selectOption({ label: fields.kind });
  if (fields.answers) await form.getByLabel("The question it answers").selectOption({ label: `Jess asked: ${fields.answers}` });
  await form.getByLabel("From", { exact: true }).selectOption({ label: fields.from });
  await form.getByLabel("For", { exact: true }).selectOption({ label: fields.to });
  await form.getByLabel("How it was gathered").selectOption({ label: fields.gathered });
  await form.getByLabel("What they want passed on").fill(fields.text);
  await form.getByLabel("They agreed to it being passed on").selectOption({ label: "Yes" });
  await form.getByLabel("Passed on", { exact: true }).selectOption({ label: fields.wording });
  await form.getByRole("button", { name: "Record the message" }).click();
  await expect(form.getByRole("status")).toHaveText("Recorded. It is waiting for review.");
  await expect(message(page, fields.text)).toContainText("Waiting for review");
}

async function choose(page: Page, name: string) {
  const party = page
    .getByRole("region", { name: "The parties and their choices" })
    .getByRole("listitem")
    .filter({ hasText: `${name} (` });
  await party.locator("summary").filter({ hasText: "choice" }).click();
  await party.getByLabel(`What ${name} wants`).selectOption({ label: "Receive them now" });
  await party.getByRole("button", { name: new RegExp(`^Record ${name}.s choice$`) }).click();
  await expect(party.getByRole("status")).toHaveText("Their choice is recorded.");
  await expect(party).toContainText("Messages for them: receive them now");
}

test("Jess's questions reach Dan, and his answer, edited with his agreement, is read with her at a visit", async ({ page }, testInfo) => {
  const tag = testInfo.project.name;
  const questions = [`Why me? (${tag})`, `Were you sorry? (${tag})`, `Do you think about that night? (${tag})`];
  const raw = `I was off my head and she was just there (${tag})`;
  const agreed = `It was not about you. I am sorry for what I did (${tag})`;

  await signIn(page, DEMO.lead);
  const caseId = await caseIdFromList(page, BUS_STOP.reference);
  await visit(page, `/cases/${caseId}`);
  await page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Messages between the parties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages between the parties" })).toBeVisible();

  // Validation says what to fix, beside each field, and records nothing.
  const form = page.getByRole("region", { name: "Record a message" });
  await form.getByRole("button", { name: "Record the message" }).click();
  await expect(form.getByText("Write down what they want to pass on")).toBeVisible();
  await expect(form.getByText("Choose who it comes from")).toBeVisible();

  // Jess's three questions, from the home visit, in her own words; each approved.
  for (const text of questions) {
    await record(page, { kind: "Question", from: "Jess", to: "Dan", gathered: "At a visit", text, wording: "In their own words" });
    await message(page, text).getByRole("button", { name: "Approve to pass on" }).click();
    await expect(message(page, text)).toContainText("Approved to pass on");
  }
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "exchange");

  // Dan's answer to the first, from the prison visit, as the facilitator's summary.
  await record(page, { kind: "Answer", answers: questions[0]!, from: "Dan", to: "Jess", gathered: "At a prison visit", text: raw, wording: "As the facilitator's summary" });
  const answer = message(page, raw);
  // Threaded under the question it answers.
  await expect(
    page
      .getByRole("listitem")
      .filter({ has: message(page, questions[0]!) })
      .getByRole("list", { name: "Answers" }),
  ).toContainText(raw);

  // Edited for safety with his agreement: the words as recorded stay beside the edited text.
  await answer.getByText("Edit for safety").click();
  await answer.getByLabel("Text to pass on").fill(agreed);
  await answer.getByLabel("Why it needs changing").fill("Blames her for being there: agreed a new wording with Dan");
  await answer.getByLabel("The sender agreed to the change").selectOption({ label: "Yes" });
  await answer.getByRole("button", { name: "Record the edit" }).click();
  await expect(answer.getByRole("status")).toHaveText("Edit recorded, with the sender's agreement.");
  await expect(answer.getByRole("blockquote", { name: "As recorded" })).toContainText(raw);
  await expect(answer.getByRole("blockquote", { name: "To pass on" })).toContainText(agreed);
  await answer.getByRole("button", { name: "Approve to pass on" }).click();
  await expect(answer).toContainText("Approved to pass on");

  // Jess has not yet said she wants messages: delivery waits for her choice.
  await choose(page, "Jess");
  await choose(page, "Dan");
  await answer.getByLabel("How it reached them").selectOption({ label: "Read with them at a visit" });
  await answer.getByRole("button", { name: "Mark as delivered" }).click();
  await expect(answer).toContainText("Read with them at a visit");
  await expect(answer.locator(".badge")).toHaveText("Delivered");
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "40-exchange");

  // Jess's pack: Dan's answer as agreed, under her own question; his raw words and nothing of the case.
  await page.getByRole("link", { name: "Printable pack for Jess" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "For Jess" })).toBeVisible();
  const pack = page.getByRole("article");
  await expect(pack).toContainText(agreed);
  await expect(pack).toContainText(questions[0]!);
  await expect(pack).not.toContainText(raw);
  for (const hidden of ["Barnes", "Price", "07700", "Orchard Row", BUS_STOP.reference]) await expect(page.locator("main"), hidden).not.toContainText(hidden);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "exchange pack");
  await screenshot(page, testInfo, "41-exchange-pack");

  // Dan's pack: Jess's three questions.
  await visit(page, `/cases/${caseId}/exchange`);
  await page.getByRole("link", { name: "Printable pack for Dan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "For Dan" })).toBeVisible();
  for (const q of questions) await expect(page.getByRole("article")).toContainText(q);
});
