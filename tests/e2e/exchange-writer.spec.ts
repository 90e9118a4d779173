import { expect, test, type Locator, type Page } from "@playwright/test";
import { createIndirectCase } from "./exchange-fixtures";
import { AUTHOR_PASSWORD, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, visit } from "./helpers";

/**
 * Indirect communication from start to close, on a case of its own where only that was agreed:
 * Jess's three questions, gathered at a home visit, are recorded and approved; Dan gets his own
 * message workspace with an invite code, the questions are delivered into it, and he answers them
 * there himself; his answers are reviewed, approved and read with Jess at a visit; and the case is
 * closed as completed by questions and answers passed on by the facilitator.
 */
const article = (page: Page, text: string): Locator => page.getByRole("article").filter({ hasText: text });
const party = (page: Page, name: string) =>
  page
    .getByRole("region", { name: "The parties and their choices" })
    .getByRole("listitem")
    .filter({ hasText: `${name} (` });

async function choose(page: Page, name: string) {
  const p = party(page, name);
  await p.locator("summary").filter({ hasText: "choice" }).click();
  await p.getByLabel(`What ${name} wants`).selectOption({ label: "Receive them now" });
  await p.getByRole("button", { name: new RegExp(`^Record ${name}.s choice$`) }).click();
  await expect(p.getByRole("status")).toHaveText("Their choice is recorded.");
}

async function deliver(page: Page, text: string, how: string) {
  const m = article(page, text);
  await m.getByLabel("How it reached them").selectOption({ label: how });
  await m.getByRole("button", { name: "Mark as delivered" }).click();
  await expect(m).toContainText(how);
}

test("Jess's questions are answered by Dan in his own workspace, passed back, and the case closes as completed indirectly", async ({ page, browser }, testInfo) => {
  const tag = testInfo.project.name === "tablet-portrait" ? "P" : "L";
  const { caseId } = createIndirectCase(`RJ-E2E-IX-${tag}`);
  const username = `dan_messages_${tag.toLowerCase()}`;
  const questions = [`Why me? (${tag})`, `Were you sorry afterwards? (${tag})`, `Do you still think about that night? (${tag})`];
  const answers = [`It was not about you. You were just there (${tag})`, `Yes. I still am, every day (${tag})`, `Most nights. I am doing the course now (${tag})`];

  await signIn(page, DEMO.lead);
  await visit(page, `/cases/${caseId}/exchange`);
  await expect(page.getByRole("heading", { level: 1, name: "Messages between the parties" })).toBeVisible();

  // Jess's three questions from the home visit, in her own words, each approved.
  const form = page.getByRole("region", { name: "Record a message" });
  for (const text of questions) {
    await form.getByLabel("What it is").selectOption({ label: "Question" });
    await form.getByLabel("From", { exact: true }).selectOption({ label: "Jess" });
    await form.getByLabel("For", { exact: true }).selectOption({ label: "Dan" });
    await form.getByLabel("How it was gathered").selectOption({ label: "At a visit" });
    await form.getByLabel("What they want passed on").fill(text);
    await form.getByLabel("They agreed to it being passed on").selectOption({ label: "Yes" });
    await form.getByLabel("Passed on", { exact: true }).selectOption({ label: "In their own words" });
    await form.getByRole("button", { name: "Record the message" }).click();
    await expect(article(page, text)).toContainText("Waiting for review");
    await article(page, text).getByRole("button", { name: "Approve to pass on" }).click();
    await expect(article(page, text)).toContainText("Approved to pass on");
  }
  await choose(page, "Dan");

  // Dan's own workspace, with a one-time invite code to hand over at the prison visit.
  const dan = party(page, "Dan");
  await dan.locator("summary").filter({ hasText: "Let Dan write their own messages" }).click();
  await dan.getByLabel("How they see them named").fill("Jess");
  await dan.getByLabel("Username").fill(username);
  await dan.getByRole("button", { name: "Open their workspace" }).click();
  const code = (await dan.getByTestId("invite-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expect(dan).toContainText(`Their own workspace is open`);
  await expect(dan).toContainText(username);
  await screenshot(page, testInfo, "exchange-writer-opened");
  for (const text of questions) await deliver(page, text, "Shown in their own message workspace");

  // Dan, on a device of his own: the invite code, his own password, and his messages.
  const danContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const danPage = await danContext.newPage();
  try {
    await visit(danPage, "/login?invite=1");
    await danPage.getByLabel("Username").fill(username);
    await danPage.getByLabel("Invite code").fill(code.toLowerCase());
    await danPage.getByLabel("New password", { exact: true }).fill(AUTHOR_PASSWORD);
    await danPage.getByLabel("New password again").fill(AUTHOR_PASSWORD);
    await danPage.getByRole("button", { name: "Set my password and start" }).click();
    await expect(danPage).toHaveURL(/\/messages$/);
    await expect(danPage.getByRole("heading", { level: 1, name: "My messages" })).toBeVisible();
    await expect(danPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My messages" })).toBeVisible();
    // Nothing of the case: no reference, no surname, no staff names.
    await expect(danPage.locator("main")).not.toContainText("RJ-E2E");
    await expect(danPage.locator("main")).not.toContainText("Barnes");
    await expect(danPage.locator("main")).not.toContainText("Linda");
    const received = danPage.getByRole("region", { name: "Passed on to you" });
    await expect(received.getByRole("article", { name: "A question from Jess" })).toHaveCount(3);
    // New to him the first time he sees them, and they keep the mark while he answers them.
    await expect(received.getByText("New", { exact: true })).toHaveCount(3);
    await expectNoHorizontalOverflow(danPage);
    await expectNoSeriousA11yViolations(danPage, testInfo, "my-messages");

    for (const [i, q] of questions.entries()) {
      const thread = received.getByRole("listitem").filter({ has: danPage.getByRole("article").filter({ hasText: q }) });
      await thread.getByLabel("Your answer").fill(answers[i]!);
      // Without the box ticked, nothing is sent.
      if (i === 0) {
        await thread.getByRole("button", { name: "Send my answer to my facilitator" }).click();
        await expect(thread.getByText("Tick the box to say your facilitator may pass it on after reading it")).toBeVisible();
      }
      await thread.getByLabel("My facilitator may pass this on, after reading it and agreeing any change with me").check();
      const send = thread.getByRole("button", { name: "Send my answer to my facilitator" });
      await expect(send).toBeEnabled();
      await expectTouchTargets(send);
      await send.click();
      await expect(thread.getByRole("list", { name: "Your answers" })).toContainText(answers[i]!);
      await expect(thread.getByRole("list", { name: "Your answers" })).toContainText("With your facilitator");
    }
    await screenshot(danPage, testInfo, "my-messages-answered");

    // The facilitator reviews his answers, threaded under Jess's questions, and reads them with her.
    await visit(page, `/cases/${caseId}/exchange`);
    for (const [i, q] of questions.entries()) {
      const thread = page.getByRole("listitem").filter({ has: article(page, q) });
      await expect(thread.getByRole("list", { name: "Answers" })).toContainText(answers[i]!);
      await expect(article(page, answers[i]!)).toContainText("Written by them");
      await article(page, answers[i]!).getByRole("button", { name: "Approve to pass on" }).click();
      await expect(article(page, answers[i]!)).toContainText("Approved to pass on");
    }
    await choose(page, "Jess");
    for (const a of answers) await deliver(page, a, "Read with them at a visit");

    // Dan sees that his answers reached her.
    await expect(received.getByText("New", { exact: true })).toHaveCount(3);
    await danPage.reload();
    await expect(danPage.getByRole("region", { name: "Passed on to you" }).getByRole("list", { name: "Your answers" }).first()).toContainText("Passed on");
    // Seen when he first opened them: no longer new.
    await expect(received.getByText("New", { exact: true })).toHaveCount(0);
  } finally {
    await danContext.close();
  }

  // Closed as completed by indirect communication, and said so on the case.
  await visit(page, `/cases/${caseId}`);
  await page.getByText("Close the case", { exact: true }).first().click();
  await page.getByLabel("Why is the case closing?").selectOption({ label: "Completed" });
  await page.getByLabel("How was it completed?").selectOption({ label: "By questions and answers passed on by the facilitator" });
  await page.getByRole("button", { name: "Close the case" }).click();
  await expect(page.getByText("Completed by questions and answers passed on by the facilitator").first()).toBeVisible();
  await screenshot(page, testInfo, "indirect-closed");
});
