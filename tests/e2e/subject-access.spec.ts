import { expect, test } from "@playwright/test";
import { BUS_STOP, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, visit } from "./helpers";

/**
 * The service manager answers a subject access request on a tablet: records it from the case's
 * record page, reviews the export with other people already redacted, redacts a phrase by hand,
 * is stopped from releasing without confirming, releases it and downloads what was released.
 */
test("the manager records a subject access request, reviews and redacts the export, and releases it", async ({ page }, testInfo) => {
  await signIn(page, DEMO.manager);
  await visit(page, "/admin/cases");
  const audit = await page.getByRole("link", { name: `Audit trail of ${BUS_STOP.reference}` }).getAttribute("href");
  await visit(page, audit!.replace(/\/audit$/, ""));
  await page.getByRole("link", { name: "Subject access and corrections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Subject access and corrections" })).toBeVisible();

  await page.getByLabel("Who is it about?").selectOption({ label: "Jessica Barnes (person harmed)" });
  await page.getByLabel("Who made the request?").fill("Jessica, by email");
  await page.getByRole("button", { name: "Record and review the export" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Information held about Jessica Barnes" })).toBeVisible();
  const exported = page.getByRole("region", { name: "The export" });
  await expect(exported).toContainText("Name: Jessica Barnes");
  await expect(exported).toContainText("Who viewed or changed the case");
  // The person responsible and her mother are on the case: their names never show in her export.
  await expect(exported).not.toContainText("Daniel");
  await expect(exported).not.toContainText("Carol");

  await expectTouchTargets(page.getByRole("button", { name: /Redact|Mark as released/ }));
  await expectTouchTargets(page.getByRole("link", { name: /Download/ }));
  await expectNoHorizontalOverflow(page);
  await screenshot(page, testInfo, "20-subject-access-review");
  await expectNoSeriousA11yViolations(page, testInfo, "subject access review");

  await page.getByLabel("Word or phrase").fill("bus stop");
  await page.getByRole("button", { name: "Redact", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Redacted");
  await expect(page.getByRole("button", { name: "Take back the redaction of “bus stop”" })).toBeVisible();
  await expect(exported).not.toContainText("bus stop");

  await page.getByRole("button", { name: "Mark as released" }).click();
  await expect(page.getByText("Tick the box to confirm you have reviewed the export and its redactions")).toBeVisible();
  await page.getByLabel("I have reviewed the export and its redactions").check();
  await page.getByRole("button", { name: "Mark as released" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Released on \d{1,2} [A-Z][a-z]+ \d{4} by Morgan Reid/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as released" })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the PDF" }).click();
  expect((await download).suggestedFilename()).toMatch(/^subject-access-RJ-2026-0142-c[a-z0-9]+-released\.pdf$/);
  await screenshot(page, testInfo, "21-subject-access-released");
});
