import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signedInPage, visit } from "./helpers";
import { createProgrammeCase } from "./programme-fixtures";

/**
 * A programme session's notes and the person responsible's worksheet at tablet size: the lead and
 * the co-facilitator, on two tablets, write in the same session's notes at once and each sees the
 * other's words; the lead sets the person responsible a worksheet, which he fills in, saves (still
 * there after a reload) and sends from his own workspace; the lead comments, and he reads it as from
 * "Your facilitator". Both projects share one server and database: each run makes its own copy of
 * the bus-stop case with the programme started (programme-fixtures.ts).
 */
const LEAD_WORDS = "He spoke about his mum for the first time";
const CO_WORDS = "Asked what the bus driver saw";
const PASSWORD = "a-long-enough-password";

const sessionCard = (page: Page, title: string): Locator =>
  page
    .getByRole("region", { name: "Sessions" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(`^${title}`) }) });

/** An editor's text without other people's carets, which are drawn inside the text but are not part of it. */
const textOf = (editor: Locator) =>
  editor.evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return (copy.textContent ?? "").replace(/\u00a0/g, " ");
  });

async function openNotes(page: Page, caseId: string, title: string) {
  await visit(page, `/cases/${caseId}/programme`);
  const card = sessionCard(page, title);
  await card.getByRole("button", { name: /^Notes/ }).click();
  const said = card.getByRole("textbox", { name: `What they said: ${title}` });
  await expect(said).toBeVisible();
  await expect(card.getByTestId("collab-status")).toContainText("Saved");
  return { card, said };
}

test("both facilitators write a session's notes together; the person responsible completes a worksheet and reads the facilitator's comment", async ({ browser }, testInfo) => {
  const suffix = `${testInfo.project.name === "tablet-portrait" ? "P" : "L"}${Date.now().toString(36).toUpperCase()}`;
  const { caseId, sessionTitle } = createProgrammeCase(`RJ-E2E-PN-${suffix}`);
  const username = `worksheet_${suffix.toLowerCase()}`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  const authorContext = await browser.newContext();
  try {
    // Both tablets open the first session's notes and type under the same heading at once.
    const [a, b] = await Promise.all([openNotes(lead.page, caseId, sessionTitle), openNotes(co.page, caseId, sessionTitle)]);
    await a.said.click();
    await b.said.click();
    await Promise.all([a.said.pressSequentially(LEAD_WORDS, { delay: 60 }), b.said.pressSequentially(CO_WORDS, { delay: 60 })]);
    // Each tablet shows both people's words, each run whole.
    for (const editor of [a.said, b.said]) {
      await expect.poll(() => textOf(editor)).toContain(LEAD_WORDS);
      await expect.poll(() => textOf(editor)).toContain(CO_WORDS);
    }
    expect(await textOf(a.said)).toBe(await textOf(b.said));
    await expect(a.card.getByTestId("collab-status")).toContainText("Saved");
    await expect(b.card.getByTestId("collab-status")).toContainText("Saved");
    await expectTouchTargets(a.card.getByRole("button", { name: /^Close the notes/ }));
    await screenshot(lead.page, testInfo, "programme-session-notes");

    // The lead sets him a worksheet, with a password they agree in person (he has no sign-in on this case).
    const card = a.card;
    await card.locator("summary", { hasText: "Set a worksheet" }).click();
    await card.getByLabel("Worksheet").selectOption("REFLECTION");
    await card.getByLabel("I set a password now").check();
    await card.getByLabel("Username", { exact: true }).fill(username);
    await card.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await card.getByRole("button", { name: "Set the worksheet" }).click();
    await expect(card.getByRole("status").filter({ hasText: /^Worksheet set\./ })).toBeVisible();

    // He signs in on his own device and lands on his worksheets: nothing else of the case.
    const author = await authorContext.newPage();
    await visit(author, "/login");
    await author.getByLabel("Email or username").fill(username);
    await author.getByLabel("Password").fill(PASSWORD);
    await author.getByRole("button", { name: "Sign in" }).click();
    await expect(author).toHaveURL(/\/worksheets$/);
    await expect(author.getByRole("heading", { level: 1, name: "My worksheets" })).toBeVisible();
    await expect(author.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My worksheets" })).toBeVisible();
    const happened = author.getByRole("textbox", { name: "What happened", exact: true });
    await happened.fill("I pushed her and took her phone while she waited for the bus.");
    await expect(author.getByTestId("worksheet-saved")).toHaveText("Not saved yet");
    await author.getByRole("button", { name: "Save", exact: true }).click();
    await expect(author.getByTestId("worksheet-saved")).toContainText("Saved at");
    await author.reload();
    await expect(author.getByRole("textbox", { name: "What happened", exact: true })).toHaveValue("I pushed her and took her phone while she waited for the bus.");
    await author.getByRole("textbox", { name: "Who was affected and how", exact: true }).fill("Her, and her daughter who had to collect her.");
    await author.getByRole("textbox", { name: "What I would want to say", exact: true }).fill("That I am sorry, and it was not her fault.");
    // Saved by itself once he stops typing: a refresh keeps it without pressing Save.
    await expect(author.getByTestId("worksheet-saved")).toContainText("Saved at");
    await author.reload();
    await expect(author.getByRole("textbox", { name: "What I would want to say", exact: true })).toHaveValue("That I am sorry, and it was not her fault.");
    await expect(author.getByRole("textbox", { name: "Who was affected and how", exact: true })).toHaveValue("Her, and her daughter who had to collect her.");
    await expectTouchTargets(author.getByRole("button", { name: /^(Save|Send to my facilitator)$/ }));
    await expectNoHorizontalOverflow(author);
    await expectNoSeriousA11yViolations(author, testInfo, "my-worksheets");
    await author.getByRole("button", { name: "Send to my facilitator" }).click();
    await expect(author.getByRole("status").filter({ hasText: /^Sent to your facilitator/ })).toBeVisible();
    await expect(author.getByText("Sent to your facilitator", { exact: true })).toBeVisible();

    // The lead reads it on the programme page and comments.
    await visit(lead.page, `/cases/${caseId}/programme`);
    const worksheet = sessionCard(lead.page, sessionTitle).getByTestId("staff-worksheet");
    await expect(worksheet).toContainText("Her, and her daughter who had to collect her.");
    await worksheet.locator("summary", { hasText: /^Comment/ }).click();
    await worksheet.getByLabel(/^Your comment/).fill("Thank you for being so honest. Next time we will talk about her daughter.");
    await worksheet.getByRole("button", { name: "Add the comment" }).click();
    await expect(worksheet.getByRole("status").filter({ hasText: /^Comment added/ })).toBeVisible();

    // He reads the comment as from his facilitator, never by name.
    await author.reload();
    const own = author.getByTestId("own-worksheet");
    await expect(own).toContainText("Your facilitator");
    await expect(own).toContainText("Next time we will talk about her daughter.");
    await expect(author.locator("body")).not.toContainText("Linda Millington");
    await screenshot(author, testInfo, "my-worksheets-comment");
  } finally {
    await lead.context.close();
    await co.context.close();
    await authorContext.close();
  }
});
