import { expect, test, type Browser, type Page } from "@playwright/test";
import { BUS_STOP, caseIdFromList, DEMO, DEMO_PASSWORD, signedInPage, visit } from "./helpers";
import { createLiveConference } from "./live-fixtures";

/**
 * Every page each role uses comes to life in the browser: it hydrates (root.tsx sets
 * <html data-hydrated>) and throws nothing while doing so. A route module runs in the browser too,
 * with its `.server` imports empty, so a server-only call at its top level renders on the server
 * and then breaks every button on the page; this walk finds that on any page, not only the ones a
 * feature's own test opens.
 */
/** The demo's letter author signs in with a username, and lands on their own letters. */
const AUTHOR = "daniel";
async function authorPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await visit(page, "/login");
  await page.getByLabel("Email").fill(AUTHOR);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/letters/);
  return { context, page };
}

async function expectPagesHydrate(browser: Browser, who: string, paths: (page: Page) => Promise<string[]>) {
  const { page, context } = who === AUTHOR ? await authorPage(browser) : await signedInPage(browser, who);
  try {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
    for (const path of await paths(page)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("html[data-hydrated]"), path).toBeAttached();
      await expect(page.getByRole("main"), path).toBeVisible();
    }
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

test("the lead's pages hydrate without an error", async ({ browser }) => {
  const { conferenceId } = createLiveConference(BUS_STOP.reference);
  await expectPagesHydrate(browser, DEMO.lead, async (page) => {
    const caseId = await caseIdFromList(page, BUS_STOP.reference);
    await page.goto(`/cases/${caseId}/letters`);
    const letter = await page.locator(`main a[href^="/cases/${caseId}/letters/c"]`).first().getAttribute("href");
    expect(letter).toMatch(new RegExp(`^/cases/${caseId}/letters/c[a-z0-9]+$`));
    return [
      "/cases",
      "/cases/new",
      `/cases/${caseId}`,
      `/cases/${caseId}/notes`,
      `/cases/${caseId}/agreement`,
      `/cases/${caseId}/letters`,
      `/cases/${caseId}/feedback`,
      `/cases/${caseId}/exchange`,
      `/cases/${caseId}/programme`,
      letter!,
      `/conferences/${conferenceId}/script`,
      `/conferences/${conferenceId}/seating`,
      "/notifications",
      "/account/notifications",
    ];
  });
});

test("the service manager's pages hydrate without an error", async ({ browser }) => {
  await expectPagesHydrate(browser, DEMO.manager, async (page) => {
    await page.goto("/admin/cases");
    const audit = await page.getByRole("link", { name: `Audit trail of ${BUS_STOP.reference}` }).getAttribute("href");
    const record = audit!.replace(/\/audit$/, "");
    return [
      "/admin",
      "/admin/cases",
      record,
      audit!,
      `${record}/subject-access`,
      "/admin/users",
      "/admin/scripts",
      "/admin/programmes",
      "/admin/sign-ins",
      "/admin/retention",
      "/admin/disposals",
      "/cases/new",
      "/reports",
    ];
  });
});

test("the supervisor's and the letter author's pages hydrate without an error", async ({ browser }) => {
  await expectPagesHydrate(browser, DEMO.supervisor, async () => ["/cases", "/approvals", "/reviews", "/reports"]);
  await expectPagesHydrate(browser, AUTHOR, async (page) => {
    await page.goto("/letters");
    const own = await page.locator('main a[href^="/letters/c"]').first().getAttribute("href");
    expect(own).toMatch(/^\/letters\/c[a-z0-9]+$/);
    return ["/letters", own!];
  });
});
