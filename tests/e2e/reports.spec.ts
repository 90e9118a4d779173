import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signIn } from "./helpers";

/**
 * The service manager's reports on the demo service: a chart with its table of the same numbers,
 * the filters, and a table downloaded as CSV with small numbers suppressed. Read-only, so both
 * tablet projects can run it at once against one server.
 */
test("the manager opens the reports, reads a chart and its table, filters to youth cases and downloads a table as CSV", async ({ page }, testInfo) => {
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByText("Every case of your service.")).toBeVisible();

  // The chart is one named image; its table holds the same numbers, small ones suppressed.
  const stages = page.getByRole("region", { name: "Cases by stage", exact: true });
  await expect(stages.getByRole("img", { name: /Bar chart: Cases by stage/ })).toBeVisible();
  const table = stages.getByRole("table", { name: "Cases by stage" });
  await expect(table.getByRole("row")).toHaveCount(8); // a heading row and the seven stages
  const referral = table.getByRole("row", { name: /^Referral/ });
  await expect(referral).toContainText(/fewer than 5|\d+/);
  const chartText = await stages.getByRole("img").textContent();
  const tableCells = await table.getByRole("cell").allTextContents();
  for (const cell of tableCells) expect(chartText).toContain(cell);
  await expect(page.getByText(/shown as “fewer than 5”/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page, testInfo, "reports");

  // Filters: youth cases only, a GET form the address keeps.
  await page.getByLabel("Case type").selectOption({ label: "Youth cases" });
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/type=youth/);
  await expect(page.getByRole("status").filter({ hasText: "youth cases" })).toBeVisible();
  await expect(page.getByLabel("Case type")).toHaveValue("youth");

  // A wrong period says what to correct, beside the field.
  await page.getByLabel("From", { exact: true }).fill("2026-06-01");
  await page.getByLabel("To", { exact: true }).fill("2026-05-01");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page.getByText("The end date is before the start date")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page.getByRole("region", { name: "Cases by stage", exact: true })).toBeVisible();

  // The table as CSV: the same rows, with every count from 1 to 4 suppressed.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download “Cases by stage” as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cases-by-stage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("Stage,Cases");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["Referral", "Assessment", "Preparation", "Conference scheduled", "Conference held", "Follow-up", "Closed"]);
  for (const line of lines.slice(1)) expect(line.split(",")[1]).toMatch(/^(0|fewer than 5|withheld|[5-9]|\d{2,})$/);
});
