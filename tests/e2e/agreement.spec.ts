import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createHeldCase } from "./agreement-fixtures";
import { pdfText } from "../support/pdf-text";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signedInPage, unreadCount, visit, watchSocketIo } from "./helpers";

async function addTerm(page: Page, fields: { kind: string; what: string; amount?: string; instalments?: string; due: string }) {
  await page.getByText("Add a term", { exact: true }).click();
  const form = page.getByRole("form", { name: "Add a term" });
  await form.getByLabel("Kind of term").selectOption({ label: fields.kind });
  await form.getByLabel("What will be done").fill(fields.what);
  await form.getByLabel("Due date").fill(fields.due);
  await form.getByLabel("How completion will be checked").fill("The facilitator checks");
  if (fields.amount) await form.getByLabel("Amount in £ (restitution)").fill(fields.amount);
  if (fields.instalments) await form.getByLabel("Instalments (restitution)").fill(fields.instalments);
  await form.getByRole("button", { name: "Add the term" }).click();
  await expect(page.getByRole("list").getByText(fields.what, { exact: true }).first()).toBeVisible();
}

/** Dan signs with a finger (touch-like pointer strokes on the signature_pad canvas); Jess's name is typed and attested. */
async function signBoth(page: Page) {
  const dan = page.getByRole("form", { name: "Signature of Daniel Price" });
  const canvas = dan.locator("canvas");
  // A stroke drawn before the pad has loaded is not recorded; the pad says when it is ready.
  await expect(canvas).toHaveAttribute("data-ready", "true");
  await expect(dan.getByText("Getting the signature pad ready…")).toBeHidden();
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 120);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 25, box.y + 120 - Math.sin(i / 2) * 50, { steps: 2 });
  await page.mouse.up();
  await dan.getByRole("button", { name: "Confirm Dan's signature" }).click();
  await expect(page.getByRole("list", { name: /Signatures on version/ }).getByText("Daniel Price")).toBeVisible();

  const jess = page.getByRole("form", { name: "Signature of Jessica Barnes" });
  await jess.getByText("Type their name").click();
  await jess.getByRole("button", { name: "Confirm Jess's signature" }).click();
  await expect(jess.getByText("Confirm that you saw them agree")).toBeVisible(); // attestation is required
  await jess.getByRole("checkbox").check();
  await jess.getByRole("button", { name: "Confirm Jess's signature" }).click();
  await expect(page.getByRole("list", { name: /Signatures on version/ }).getByText("Jessica Barnes")).toBeVisible();
}

test("lead and co draft an agreement together, participants sign, the supervisor reviews and approves, and the PDF downloads", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const reference = `RJ-E2E-AG-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`;
  const { caseId } = createHeldCase(reference);
  const url = `/cases/${caseId}/agreement`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  try {
    await visit(lead.page, url);
    await lead.page.getByRole("button", { name: "Start the agreement" }).click();
    await expect(lead.page.getByRole("heading", { name: /Terms \(0\)/ })).toBeVisible();
    await addTerm(lead.page, { kind: "Restitution (money)", what: "Pay Jess for the phone", amount: "120", instalments: "4", due: "2027-01-31" });

    // Both tablets write the narrative at once; each sees the other's words.
    await visit(co.page, url);
    const leadEditor = lead.page.getByRole("textbox", { name: "Agreement narrative" });
    const coEditor = co.page.getByRole("textbox", { name: "Agreement narrative" });
    await leadEditor.click();
    await lead.page.keyboard.type("Dan said sorry to Jess. ");
    // The co adds to the end of the lead's sentence once it has reached the co's tablet: pressing
    // End while it is still arriving would put the co's words where the sentence had got to, which
    // is what they chose (concurrent-text.spec.ts covers typing at the same moment).
    await expect(coEditor).toContainText("Dan said sorry to Jess.");
    await coEditor.click();
    await co.page.keyboard.press("End");
    await co.page.keyboard.type("Jess wants the phone paid for.");
    for (const editor of [leadEditor, coEditor]) {
      await expect(editor).toContainText("Dan said sorry to Jess.");
      await expect(editor).toContainText("Jess wants the phone paid for.");
    }
    await expect(lead.page.getByTestId("collab-status")).toHaveText(/Saved/);
    await addTerm(co.page, { kind: "Apology letter", what: "Write a letter of apology to Jess", due: "2026-12-31" });
    // The order of the terms is the order they are read and signed in: the co tries the letter first, then puts it back.
    const titles = co.page.locator(".term-card h3");
    await co.page.getByRole("button", { name: "Move term 2 up" }).click();
    await expect(titles).toHaveText(["1. Apology letter", "2. Restitution (money)"]);
    await expect(co.page.getByRole("button", { name: "Move term 1 up" })).toBeDisabled();
    await co.page.getByRole("button", { name: "Move term 1 down" }).click();
    await expect(titles).toHaveText(["1. Restitution (money)", "2. Apology letter"]);
    await screenshot(co.page, testInfo, "agreement-drafting");

    // From here the lead's page stays open: its header count and the agreement banner share one connection.
    const leadSockets = watchSocketIo(lead.page);
    await visit(lead.page, url);
    await lead.page.getByRole("button", { name: "Prepare the version for signing" }).click();
    await expect(lead.page.getByText("Version 1 is frozen.")).toBeVisible();
    await signBoth(lead.page);
    await screenshot(lead.page, testInfo, "agreement-signed");
    await expectNoSeriousA11yViolations(lead.page, testInfo, "agreement-signing");
    await lead.page.getByRole("button", { name: "Send to the supervisor for review" }).click();
    await expect(lead.page.getByText("Version 1 is with the supervisor for review.")).toBeVisible();

    // The supervisor finds it in the queue, comments on a term and asks for a change.
    await visit(supervisor.page, "/reviews");
    await supervisor.page.getByRole("link", { name: new RegExp(reference) }).click();
    await supervisor.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await supervisor.page.locator("summary", { hasText: "Comment on term 1" }).click();
    await supervisor.page.getByLabel("Your comment on term 1").fill("Four instalments is too many for Dan.");
    await supervisor.page.getByRole("button", { name: "Add the comment" }).first().click();
    await expect(supervisor.page.getByRole("list", { name: "Comments on term 1" })).toContainText("Four instalments is too many");
    const unreadBefore = await unreadCount(lead.page);
    await supervisor.page.getByLabel("What needs to change").fill("Agree two instalments.");
    await supervisor.page.getByRole("button", { name: "Request changes" }).click();
    await expect(supervisor.page.getByText("Changes requested").first()).toBeVisible();

    // The lead sees the request at once (Socket.IO), revises, and everyone signs the new version.
    await expect(lead.page.getByTestId("agreement-banner")).toContainText("asked for changes");
    await expect(lead.page.getByText("asked for changes to version 1:")).toBeVisible();
    // The header's count goes up on the same page, without a reload.
    await expect.poll(() => unreadCount(lead.page), { timeout: 15_000 }).toBeGreaterThan(unreadBefore);
    await lead.page.locator("summary", { hasText: "Edit term 1" }).click();
    const edit = lead.page.locator("details[open] form");
    await edit.getByLabel("Instalments (restitution)").fill("2");
    await edit.getByRole("button", { name: "Save the term" }).click();
    await expect(lead.page.getByText("£120.00 in 2 instalments").first()).toBeVisible();
    await lead.page.getByRole("button", { name: "Prepare the version for signing" }).click();
    await expect(lead.page.getByText("Version 2 is frozen.")).toBeVisible();
    await signBoth(lead.page);
    await lead.page.getByRole("button", { name: "Send to the supervisor for review" }).click();
    await expect(lead.page.getByText("Version 2 is with the supervisor for review.")).toBeVisible();

    await expect(supervisor.page.getByRole("heading", { name: "Review version 2" })).toBeVisible();
    supervisor.page.once("dialog", (d) => void d.accept());
    await supervisor.page.getByRole("button", { name: "Approve version 2" }).click();
    await expect(supervisor.page.getByText("Approved — being monitored")).toBeVisible();
    await screenshot(supervisor.page, testInfo, "agreement-approved");

    await expect(lead.page.getByTestId("agreement-banner")).toContainText("approved the agreement");
    await expect(lead.page.getByRole("heading", { name: "Monitoring" })).toBeVisible();
    await expect.poll(() => leadSockets.open()).toBe(1);
    await expectNoHorizontalOverflow(lead.page);
    await screenshot(lead.page, testInfo, "agreement-monitoring");
    const [download] = await Promise.all([lead.page.waitForEvent("download"), lead.page.getByRole("link", { name: "Download PDF" }).click()]);
    const text = await pdfText(readFileSync((await download.path())!));
    for (const expected of ["Pay Jess for the phone", "Write a letter of apology to Jess", "Approved by Sam Okafor", "Dan said sorry to Jess.", "Signed by Daniel Price"])
      expect(text).toContain(expected);
    expect(text).toContain("2 instalments");
    // The due dates typed as 2027-01-31 and 2026-12-31 print as dates.
    expect(text).toContain("due 31 January 2027");
    expect(text).toContain("due 31 December 2026");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  } finally {
    await Promise.all([lead.context.close(), co.context.close(), supervisor.context.close()]);
  }
});
