import { expect, test, type Page } from "@playwright/test";
import { createHeldCase } from "./agreement-fixtures";
import { DEMO, screenshot, signedInPage, visit } from "./helpers";

const SIGNED = "Dan said sorry to Jess.";
const LATER = "Dan will also pay for the phone.";

const narrative = (page: Page) => page.getByRole("textbox", { name: "Agreement narrative" });

async function typeAtEnd(page: Page, text: string) {
  await narrative(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test("the person signing reads the frozen text, and a later edit of the draft never changes what is shown with the signatures", async ({ browser }, testInfo) => {
  const { caseId } = createHeldCase(`RJ-E2E-AS-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`);
  const url = `/cases/${caseId}/agreement`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  try {
    await visit(lead.page, url);
    await lead.page.getByRole("button", { name: "Start the agreement" }).click();
    await lead.page.getByText("Add a term", { exact: true }).click();
    const form = lead.page.getByRole("form", { name: "Add a term" });
    await form.getByLabel("Kind of term").selectOption({ label: "Apology letter" });
    await form.getByLabel("What will be done").fill("Write to Jess");
    await form.getByLabel("Due date").fill("2026-12-31");
    await form.getByRole("button", { name: "Add the term" }).click();
    await expect(lead.page.getByRole("list").getByText("Write to Jess", { exact: true }).first()).toBeVisible();
    await typeAtEnd(lead.page, SIGNED);
    await expect(lead.page.getByTestId("collab-status")).toHaveText("Saved");

    await lead.page.getByRole("button", { name: "Prepare the version for signing" }).click();
    // What is being signed is on screen, unfolded, beside the signature forms.
    const frozen = lead.page.getByRole("region", { name: "What is being signed: version 1" });
    await expect(frozen).toBeVisible();
    await expect(frozen).toContainText(SIGNED);
    await expect(frozen).toContainText("Write to Jess");
    await expect(lead.page.getByTestId("narrative-draft-note")).toContainText("Version 1 is signed with the text it had when it was prepared");

    const dan = lead.page.getByRole("form", { name: "Signature of Daniel Price" });
    await dan.getByText("Type their name").click();
    await dan.getByRole("checkbox").check();
    await dan.getByRole("button", { name: "Confirm Dan's signature" }).click();
    await expect(lead.page.getByRole("list", { name: "Signatures on version 1" })).toContainText("Daniel Price");
    await screenshot(lead.page, testInfo, "agreement-signing-frozen-text");

    // The co-facilitator adds to the draft on the other tablet; the lead's screen shows it live…
    await visit(co.page, url);
    await typeAtEnd(co.page, ` ${LATER}`);
    await expect(co.page.getByTestId("collab-status")).toHaveText("Saved");
    await expect(narrative(lead.page)).toContainText(LATER);
    // …and at once stops offering version 1 for signing, without a reload.
    await expect(lead.page.getByText("The draft changed after version 1 was prepared, so its 1 signature stay with that text.")).toBeVisible();
    await expect(lead.page.getByRole("form", { name: "Signature of Jessica Barnes" })).toHaveCount(0);
    await expect(lead.page.getByTestId("narrative-draft-note")).toHaveCount(0);

    // Version 1, with Dan's signature, still reads exactly as it did when he signed.
    for (const page of [lead.page, co.page]) {
      if (page === co.page) await visit(co.page, url);
      const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Version 1", exact: true }) });
      await entry.getByText("Read version 1").click();
      await expect(entry.getByRole("list", { name: "Signatures on version 1" })).toContainText("Signed by Daniel Price");
      await expect(entry.getByLabel("Narrative of version 1")).toHaveText(SIGNED);
      await expect(entry).not.toContainText(LATER);
    }
  } finally {
    await Promise.all([lead.context.close(), co.context.close()]);
  }
});
