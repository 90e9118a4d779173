import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page, type TestInfo, type WebSocket } from "@playwright/test";

export const DEMO_PASSWORD = "circle-demo-2026";
export const DEMO = {
  manager: "manager@demo.circle",
  supervisor: "supervisor@demo.circle",
  lead: "lead@demo.circle",
  co: "co@demo.circle",
  other: "other@demo.circle",
} as const;

export const BUS_STOP = { reference: "RJ-2026-0142", title: "Street robbery at a bus stop" } as const;

/** The header's unread count as the bell says it ("Notifications, 3 unread"; none: "Notifications"). */
export async function unreadCount(page: Page): Promise<number> {
  const label = await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Notifications/ })
    .getAttribute("aria-label");
  return Number(/(\d+) unread/.exec(label ?? "")?.[1] ?? 0);
}

/**
 * The Socket.IO WebSockets a page opens from now on (collab's /collab/ sockets are not counted):
 * every real-time hook on a page shares the tab's one connection (app/realtime/socket.ts), so
 * `open()` is 1 once the page is up. It counts those still open rather than all ever opened,
 * because a connection that drops is replaced, not kept alongside.
 */
export function watchSocketIo(page: Page) {
  const opened: WebSocket[] = [];
  page.on("websocket", (ws) => {
    if (ws.url().includes("/socket.io")) opened.push(ws);
  });
  // A page loaded in full starts the count again: the page it replaced may have been opening its
  // socket as it was left, and Playwright does not always report that one closed.
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) opened.length = 0;
  });
  return { open: () => opened.filter((ws) => !ws.isClosed()).length };
}

/**
 * Loads a page and waits until React has hydrated it (root.tsx sets <html data-hydrated>), so
 * forms submit through Remix. Without JavaScript, forms post natively: see no-javascript.spec.ts.
 */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return response;
}

/**
 * Records every Content-Security-Policy violation on a page: the browser's
 * securitypolicyviolation events (listened for before any page script runs) and its console
 * reports. `expectNone()` fails with what was blocked, so a script without the response's nonce
 * (or an inline handler) is caught even when the page seems to work.
 */
export async function watchCsp(page: Page) {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  return {
    async expectNone() {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      expect([...events, ...console], "CSP violations").toEqual([]);
    },
  };
}

/** Signs in through the real form and waits for the case list (the service overview for the manager). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const manager = email === DEMO.manager;
  await expect(page).toHaveURL(manager ? /\/admin$/ : /\/cases$/);
  await expect(page.getByRole("heading", { level: 1, name: manager ? "Service overview" : "My cases" })).toBeVisible();
}

/** A fresh browser context (its own cookies) signed in as `email`. */
export async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

/** The id of a case, read from the link on a signed-in user's case list. */
export async function caseIdFromList(page: Page, reference: string): Promise<string> {
  await visit(page, "/cases");
  const href = await page.getByRole("link", { name: new RegExp(reference) }).getAttribute("href");
  const id = href?.match(/^\/cases\/([a-z0-9]+)$/)?.[1];
  if (!id) throw new Error(`no link for ${reference} (href ${href})`);
  return id;
}

/** A full-page screenshot per project in test-results/screenshots/<project>/<name>.png (not committed). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join("test-results", "screenshots", testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core on the current page: no serious or critical violations (details attached on failure). */
export async function expectNoSeriousA11yViolations(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(serious, null, 2), contentType: "application/json" });
  }
  expect(
    serious.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility violations on ${name}`,
  ).toEqual([]);
}

/** Every matched element is visible and at least 44px tall (and wide): a finger can hit it on a tablet. */
export async function expectTouchTargets(locator: Locator, min = 44) {
  const count = await locator.count();
  expect(count, "touch targets to check").toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const item = locator.nth(i);
    await expect(item).toBeVisible();
    const box = await item.boundingBox();
    const label = (await item.textContent())?.trim() || (await item.getAttribute("aria-label")) || `#${i}`;
    expect(box, `box of ${label}`).not.toBeNull();
    expect(box!.height, `height of "${label}"`).toBeGreaterThanOrEqual(min);
    expect(box!.width, `width of "${label}"`).toBeGreaterThanOrEqual(min);
  }
}

/** The page does not scroll sideways at this viewport (tables and nav fit or scroll inside themselves). */
export async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal page overflow in px").toBeLessThanOrEqual(0);
}

/** A unique, valid email for accounts a test creates (both projects share one server and database). */
export function uniqueEmail(testInfo: TestInfo, prefix: string) {
  const project = testInfo.project.name.replace(/[^a-z0-9]+/gi, "-");
  return `${prefix}-${project}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.circle`.toLowerCase();
}

/** The password the lead gives every letter author these tests create. */
export const AUTHOR_PASSWORD = "a-long-enough-password";

/**
 * The start of every letter test: the lead signed in, on the bus stop case's letters page, and a
 * second browser context for the letter's author (not signed in yet), with a username of their
 * own (both viewport projects run at once on one database). `close()` ends both contexts.
 */
export async function letterScene(browser: Browser, testInfo: TestInfo, prefix: string) {
  const username = `${prefix}_${testInfo.project.name.replace(/[^a-z]/g, "")}_${Date.now().toString(36)}`;
  const lead = await signedInPage(browser, DEMO.lead);
  const authorContext = await browser.newContext();
  const close = async () => {
    await lead.context.close();
    await authorContext.close();
  };
  try {
    const author = await authorContext.newPage();
    const caseId = await caseIdFromList(lead.page, BUS_STOP.reference);
    await visit(lead.page, `/cases/${caseId}/letters`);
    return { username, lead, author, caseId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** On the case's letters page: opens a letter for a new author account, and waits for the letter's page. */
export async function openLetterFor(page: Page, caseId: string, username: string) {
  await page.getByLabel("Username for the author").fill(username);
  await page.getByLabel("Password for the author").fill(AUTHOR_PASSWORD);
  await page.getByRole("button", { name: "Open the letter" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/letters/c[a-z0-9]+$`));
}

/** The author signs in through the real form with the username the lead gave them and lands on their letters. */
export async function signInAsAuthor(page: Page, username: string) {
  await visit(page, "/login");
  await page.getByLabel("Email or username").fill(username);
  await page.getByLabel("Password").fill(AUTHOR_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/letters$/);
}
