import { expect, test } from "@playwright/test";
import { BUS_STOP, expectNoSeriousA11yViolations, expectTouchTargets, letterScene, openLetterFor, screenshot, signInAsAuthor, unreadCount, visit } from "./helpers";

test("a facilitator with the case open is told live when the author submits a letter, and the list links to it", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const scene = await letterScene(browser, testInfo, "notify");
  const { username, lead, author, caseId } = scene;
  try {
    await openLetterFor(lead.page, caseId, username);
    const letterPath = new URL(lead.page.url()).pathname;

    // The lead has the case open; the page is never reloaded from here on (the marker would go).
    await visit(lead.page, `/cases/${caseId}`);
    await lead.page.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));
    const before = await unreadCount(lead.page);

    // The author, in their own browser, writes and submits.
    await signInAsAuthor(author, username);
    await author.getByRole("link", { name: /Letter to Jess/ }).click();
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await author.getByRole("textbox", { name: /Your letter to Jess/ }).click();
    await author.keyboard.type("Dear Jess, I am sorry for what I did to you at the bus stop.");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    await author.getByRole("button", { name: "Submit for review" }).click();
    await expect(author.getByText("Your letter is with your facilitator")).toBeVisible({ timeout: 15_000 });

    // The lead's header count goes up where they are, without a reload.
    await expect.poll(() => unreadCount(lead.page), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(lead.page.getByTestId("unread-count")).toBeVisible();
    expect(await lead.page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
    await expectTouchTargets(lead.page.getByRole("link", { name: /^Notifications/ }));

    // The list says what happened and on which case, and links to the letter.
    await lead.page.getByRole("link", { name: /^Notifications/ }).click();
    await expect(lead.page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    const item = lead.page.getByRole("link", { name: `New A letter on ${BUS_STOP.reference} was submitted for your review.` }).and(lead.page.locator(`a[href="${letterPath}"]`));
    await expect(item).toBeVisible();
    await expect(lead.page.getByRole("main")).not.toContainText("bus stop");
    await screenshot(lead.page, testInfo, "notifications");
    await expectNoSeriousA11yViolations(lead.page, testInfo, "notifications");
    await item.click();
    await expect(lead.page).toHaveURL(new RegExp(`${letterPath}$`));
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Submitted for review");
    // Followed, it is read: back on the list it is no longer marked new.
    await visit(lead.page, "/notifications");
    await expect(lead.page.locator(`a[href="${letterPath}"]`)).toHaveText(`A letter on ${BUS_STOP.reference} was submitted for your review.`);
  } finally {
    await scene.close();
  }
});
