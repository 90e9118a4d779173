import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn, visit } from "./helpers";

/**
 * The manager's template pages (/admin/scripts, /admin/programmes) share one card: add a template,
 * add items to it, edit one, move it, remove it, and archive the template. Each walk makes its own
 * template (named for the tablet it runs on) so nothing the other walks use changes.
 */
async function addTemplate(page: Page, name: string, startEmpty: string, submit: string): Promise<Locator> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Start from").selectOption({ label: startEmpty });
  await page.getByRole("button", { name: submit }).click();
  const card = page.locator("article", { has: page.getByRole("heading", { level: 3, name }) });
  await expect(card).toBeVisible();
  return card;
}

const items = (card: Locator) => card.locator("ol > li h4");
/** The card's "Add a …" fold (the items' own edit folds have fields of the same names). */
const addFold = (card: Locator, summary: string) => card.locator("details", { has: card.page().locator(":scope > summary", { hasText: summary }) });

test("the manager builds a script template step by step, reorders and edits it, then archives it", async ({ page }, testInfo) => {
  const name = `Neighbour disputes (${testInfo.project.name}, ${Date.now()})`;
  await signIn(page, DEMO.manager);
  await visit(page, "/admin/scripts");
  const card = await addTemplate(page, name, "An empty script", "Add the template");
  await expect(card).toContainText("No steps yet.");

  const add = addFold(card, "Add a step");
  await add.locator(":scope > summary").click();
  for (const title of ["Welcome", "What happened"]) {
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("What the chair says or asks").fill(`${title}: {name}, in your own words.`);
    await add.getByRole("button", { name: "Add the step" }).click();
    await expect(items(card).last()).toHaveText(title);
    // The form starts afresh for the next step.
    await expect(add.getByLabel("Title")).toHaveValue("");
  }
  // An empty title is refused, with the reason beside the field, and nothing is added.
  await add.getByRole("button", { name: "Add the step" }).click();
  await expect(add.locator(".field-error").first()).toBeVisible();
  await expect(items(card)).toHaveCount(2);

  await card.getByRole("button", { name: 'Move "What happened" up' }).click();
  await expect(items(card)).toHaveText(["What happened", "Welcome"]);

  const welcome = card.locator("li", { has: page.getByRole("heading", { name: "Welcome" }) });
  await welcome.locator("summary", { hasText: "Edit" }).click();
  await welcome.getByLabel("Title").fill("Welcome and ground rules");
  await welcome.getByRole("button", { name: "Save step" }).click();
  await expect(items(card)).toHaveText(["What happened", "Welcome and ground rules"]);

  await card.getByRole("button", { name: 'Remove "What happened"' }).click();
  await expect(items(card)).toHaveText(["Welcome and ground rules"]);

  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByRole("heading", { level: 3, name })).toHaveCount(0);
});

test("the manager adds a session to a programme template, and removing one asks first", async ({ page }, testInfo) => {
  const name = `Short programme (${testInfo.project.name}, ${Date.now()})`;
  await signIn(page, DEMO.manager);
  await visit(page, "/admin/programmes");
  const card = await addTemplate(page, name, "No sessions", "Add the programme");
  await expect(card).toContainText("No sessions yet.");

  const add = addFold(card, "Add a session");
  await add.locator(":scope > summary").click();
  await add.getByLabel("Title").fill("Understanding the harm");
  await add.getByLabel("Module").selectOption({ label: "Consequences and who was affected" });
  await add.getByLabel("Aims").fill("Think about who was affected and how.");
  await add.getByRole("button", { name: "Add the session" }).click();
  await expect(items(card)).toHaveText(["Understanding the harm"]);
  await expect(card).toContainText("1 session,");

  // Dismissing the question keeps the session.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await card.getByRole("button", { name: 'Remove "Understanding the harm"' }).click();
  await expect(items(card)).toHaveText(["Understanding the harm"]);
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: 'Remove "Understanding the harm"' }).click();
  await expect(card).toContainText("No sessions yet.");

  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByRole("heading", { level: 3, name })).toHaveCount(0);
});
