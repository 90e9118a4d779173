import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, expectTouchTargets, letterScene, openLetterFor, screenshot, signInAsAuthor, visit } from "./helpers";

const authorEditor = (page: Page) => page.getByRole("textbox", { name: /Your letter to Jess/ });
const watchEditor = (page: Page) => page.getByRole("textbox", { name: "The author's draft (read only)" });

test("the author drafts under a facilitator's eye; the person harmed decides what happens to the letter", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const scene = await letterScene(browser, testInfo, "author");
  const { username, lead, author, caseId } = scene;
  try {
    await openLetterFor(lead.page, caseId, username);
    await expect(lead.page.getByRole("heading", { level: 1, name: /Letter from Dan to Jess/ })).toBeVisible();

    // The author signs in with their username and sees only their letter.
    await signInAsAuthor(author, username);
    await expect(author.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["My letter"]);
    await author.getByRole("link", { name: /Letter to Jess/ }).click();
    await expect(author.getByRole("heading", { level: 1, name: "Your letter to Jess" })).toBeVisible();
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await authorEditor(author).click();
    await author.keyboard.type("Dear Jess, I am sorry I hit you but I was drunk.");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await expect(author.getByTestId("writing-prompts")).toContainText("I was drunk");

    // The facilitator watches live, with the author's caret, and comments.
    await expect(watchEditor(lead.page)).toContainText("but I was drunk", { timeout: 15_000 });
    await expect(lead.page.locator(".collaboration-carets__label", { hasText: "Dan" }).first()).toBeVisible();
    await lead.page.getByLabel("Passage (optional)").fill("but I was drunk");
    await lead.page.getByLabel("Comment", { exact: true }).fill("Could you say it without the excuse?");
    await lead.page.getByRole("button", { name: "Add comment" }).click();
    await expect(author.getByText("Could you say it without the excuse?")).toBeVisible({ timeout: 15_000 });
    await screenshot(author, testInfo, "letter-author");
    await expectNoSeriousA11yViolations(author, testInfo, "letter-author");
    await expectTouchTargets(author.getByRole("button", { name: "Submit for review" }));

    // The facilitator suggests rewording; the author takes it with one tap and the letter changes for both.
    await lead.page.getByLabel("Words to change").fill("but I was drunk");
    await lead.page.getByLabel("Suggested words").fill("and there is no excuse for it");
    await lead.page.getByRole("button", { name: "Suggest this change" }).click();
    const suggestion = author.locator(".letter-suggestion", { hasText: "and there is no excuse for it" });
    await expect(suggestion).toBeVisible({ timeout: 15_000 });
    await suggestion.getByRole("button", { name: "Use this change" }).click();
    await expect(authorEditor(author)).toContainText("Dear Jess, I am sorry I hit you and there is no excuse for it.");
    await expect(authorEditor(author)).not.toContainText("drunk");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await expect(watchEditor(lead.page)).toContainText("and there is no excuse for it", { timeout: 15_000 });
    await expect(suggestion).toHaveCount(0, { timeout: 15_000 });

    // The author revises and submits; the facilitator asks for changes, then approves.
    await authorEditor(author).click();
    await author.keyboard.press("Control+End");
    await author.keyboard.type(" It was my choice.");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await author.getByRole("button", { name: "Submit for review" }).click();
    await expect(author.getByText("Your letter is with your facilitator")).toBeVisible({ timeout: 15_000 });
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Submitted for review", { timeout: 15_000 });
    await lead.page.getByLabel("Ask for changes").fill("Please take out the part about being drunk.");
    await lead.page.getByRole("button", { name: "Request changes" }).click();
    await expect(author.getByText("Please take out the part about being drunk.")).toBeVisible({ timeout: 15_000 });
    await expect(author.getByTestId("collab-status")).toHaveText("Saved", { timeout: 15_000 });
    await authorEditor(author).click();
    await author.keyboard.press("Control+End");
    await author.keyboard.type(" I will not drink like that again.");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await author.getByRole("button", { name: "Submit for review" }).click();
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Submitted for review", { timeout: 15_000 });
    await lead.page.getByRole("button", { name: "Approve this version" }).click();
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Approved");

    // No choice recorded: it cannot be delivered. After "hold", it is held with the service.
    await expect(lead.page.getByTestId("release-state")).toContainText("Record their choice first");
    await expect(lead.page.getByRole("button", { name: "Deliver the letter" })).toBeDisabled();
    await lead.page.locator("summary", { hasText: "Record their choice" }).click();
    await lead.page.getByLabel("They chose to").selectOption("HOLD");
    await lead.page.getByRole("button", { name: "Record the choice" }).click();
    await expect(lead.page.getByTestId("release-state")).toHaveText("Held with the service until the recipient asks for it.");
    await expect(lead.page.getByRole("button", { name: "Deliver the letter" })).toBeDisabled();
    await screenshot(lead.page, testInfo, "letter-oversight");
    await expectNoSeriousA11yViolations(lead.page, testInfo, "letter-oversight");

    // "Destroy": the content goes and the author's access ends.
    const cached = () => author.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith("circle:letter:")));
    expect(await cached()).not.toEqual([]);
    await lead.page.locator("summary", { hasText: "Destroy the letter" }).click();
    await lead.page.getByLabel('Type "destroy" to confirm').fill("destroy");
    await lead.page.getByRole("button", { name: "Destroy the letter" }).click();
    await expect(lead.page.getByText("This letter was destroyed")).toBeVisible();
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Destroyed");
    // The author's device keeps no copy: once signed out, the cached draft is deleted too.
    await visit(author, "/letters");
    await expect(author).toHaveURL(/\/login/);
    await expect.poll(cached).toEqual([]);
    await author.reload();
    await expect(author).toHaveURL(/\/login/);
  } finally {
    await scene.close();
  }
});
