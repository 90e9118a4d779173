import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, letterScene, openLetterFor, signInAsAuthor } from "./helpers";

test("the person harmed writes to the person responsible in her own workspace, with safety prompts, and the facilitator approves it", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const scene = await letterScene(browser, testInfo, "jess");
  const { username, lead, author, caseId } = scene;
  try {
    // Choosing her as the writer makes him the recipient, named as she will see him.
    await lead.page.getByLabel("Who writes it").selectOption({ label: "Jess (person harmed)" });
    await expect(lead.page.getByLabel("Who it is for")).toHaveValue(/c[a-z0-9]+/);
    await expect(lead.page.getByLabel("Who it is for").locator("option:checked")).toHaveText("Dan (person responsible)");
    await expect(lead.page.getByLabel("How the author sees them named")).toHaveValue("Dan");
    await openLetterFor(lead.page, caseId, username);
    await expect(lead.page.getByRole("heading", { level: 1, name: /Letter from Jess to Dan/ })).toBeVisible();

    // She signs in and finds guidance for her, not an apology's.
    await signInAsAuthor(author, username);
    await author.getByRole("link", { name: /Letter to Dan/ }).click();
    await expect(author.getByRole("heading", { level: 1, name: "Your letter to Dan" })).toBeVisible();
    await expect(author.locator(".letter-guidance")).toContainText("Keep yourself safe");
    await expect(author.locator(".letter-guidance")).not.toContainText("without excuses");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    const editor = author.getByRole("textbox", { name: /Your letter to Dan/ });
    await editor.click();
    await author.keyboard.type("Dear Dan, I still look over my shoulder but I want you to know how it was. Ring me on 07700 900123.");
    await expect(author.getByTestId("collab-status")).toHaveText("Saved");
    // The safety prompt, calmly; no excuse prompt for her "but".
    const prompts = author.getByTestId("writing-prompts");
    await expect(prompts).toContainText("07700 900123");
    await expect(prompts).toContainText("This looks like a phone number. You may want to leave it out");
    await expect(prompts).not.toContainText("can undo it");
    await expectNoSeriousA11yViolations(author, testInfo, "letter-harmed-author");

    // The facilitator sees the same prompt beside her draft, then she submits and it is approved.
    await expect(lead.page.getByRole("textbox", { name: "The author's draft (read only)" })).toContainText("07700 900123", { timeout: 15_000 });
    await expect(lead.page.getByTestId("writing-prompts")).toContainText("This looks like a phone number");
    await author.getByRole("button", { name: "Submit for review" }).click();
    await expect(author.getByText("Your letter is with your facilitator")).toBeVisible({ timeout: 15_000 });
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Submitted for review", { timeout: 15_000 });
    await lead.page.getByRole("button", { name: "Approve this version" }).click();
    await expect(lead.page.getByTestId("letter-status")).toHaveText("Approved");
    await expect(lead.page.getByRole("heading", { name: "What Dan wants" })).toBeVisible();
    await expect(author.getByText("Your facilitator has approved your letter")).toBeVisible({ timeout: 15_000 });
  } finally {
    await scene.close();
  }
});
