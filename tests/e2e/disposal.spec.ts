import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signedInPage, visit } from "./helpers";
import { E2E_DB } from "./live-fixtures";

/**
 * A tablet keeps IndexedDB copies of the documents it opened (use-collab-document.ts). When the
 * manager disposes of the case, the next page the tablet opens deletes its copy: the root loader
 * names the disposed documents and forget-disposed.ts deletes them.
 */
function closedCaseWithLead(reference: string): string {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const lead = db.prepare(`SELECT id, serviceId FROM "User" WHERE email = ?`).get(DEMO.lead) as { id: string; serviceId: string };
    const now = new Date().toISOString().replace("Z", "+00:00");
    const caseId = "c" + [...randomBytes(24)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
    db.prepare(
      `INSERT INTO "Case" (id, reference, title, offenceSummary, stage, closureReason, serviceId, referredAt, createdAt, updatedAt) VALUES (?, ?, 'Closed for disposal', 'Taken from a shed', 'CLOSED', 'COMPLETED', ?, ?, ?, ?)`,
    ).run(caseId, reference, lead.serviceId, now, now, now);
    db.prepare(`INSERT INTO "CaseMember" (id, caseId, userId, role, createdAt) VALUES (?, ?, ?, 'LEAD', ?)`).run(`${caseId.slice(0, 20)}member`, caseId, lead.id, now);
    return caseId;
  } finally {
    db.close();
  }
}

const localCopies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ""));

test("a tablet deletes its copy of a disposed case's notes the next time it opens Circle", async ({ browser }, testInfo) => {
  const reference = `RJ-E2E-DISPOSE-${testInfo.project.name}-${Date.now().toString(36)}`.toUpperCase();
  const caseId = closedCaseWithLead(reference);
  const copy = `circle:case:${caseId}:notes`;

  const tablet = await signedInPage(browser, DEMO.lead);
  const desk = await signedInPage(browser, DEMO.manager);
  try {
    await visit(tablet.page, `/cases/${caseId}/notes`);
    await expect.poll(() => localCopies(tablet.page)).toContain(copy);

    await visit(desk.page, "/admin/disposals");
    const row = desk.page.locator(`tr[data-case="${reference}"]`);
    await row.locator("summary", { hasText: /^Dispose of/ }).click();
    await row.getByLabel("Reason", { exact: true }).fill("Six years have passed since it closed");
    await row.getByLabel(`Type ${reference} to confirm`).fill(reference);
    await row.getByRole("button", { name: `Dispose of ${reference} now` }).click();
    await expect(desk.page.getByRole("status")).toContainText("disposed of");
    const tombstone = /DISPOSED-[0-9A-F]{10}/.exec((await desk.page.getByRole("status").textContent()) ?? "")?.[0];
    expect(tombstone).toBeTruthy();
    await expect(desk.page.getByRole("listitem").filter({ hasText: new RegExp(`^${tombstone}: disposed of on \\d{1,2} [A-Z][a-z]+ \\d{4}`) })).toBeVisible();

    // The open notes page is told the document is gone; opening Circle again deletes the copy.
    await visit(tablet.page, "/cases");
    await expect.poll(() => localCopies(tablet.page)).not.toContain(copy);
    const gone = await tablet.page.goto(`/cases/${caseId}`);
    expect(gone?.status()).toBe(410);
    await expect(tablet.page.getByRole("main")).toContainText("disposed of");
  } finally {
    await tablet.context.close();
    await desk.context.close();
  }
});
