import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { BUS_STOP, DEMO, DEMO_PASSWORD, expectNoSeriousA11yViolations, screenshot } from "./helpers";

/**
 * The idle warning, against a server of its own with a 30-second idle timeout (SESSION_IDLE_SECONDS),
 * so the warning (a quarter of it, 7.5 s, before the end) comes within a test. The shared e2e server
 * keeps the 30 minutes: every other spec would be signed out otherwise.
 */
const IDLE_SECONDS = 30;

let server: ChildProcess | undefined;
let exited: Promise<void> = Promise.resolve();
let origin = "";
let dataDir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test.beforeAll(async ({ browserName: _browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dataDir = path.resolve("tests", ".tmp", `e2e-${port}`);
  server = spawn(process.execPath, ["tests/e2e/start-server.mjs"], {
    env: { ...process.env, E2E_PORT: String(port), SESSION_IDLE_SECONDS: String(IDLE_SECONDS) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  exited = new Promise((resolve) => server!.once("exit", () => resolve()));
  await expect.poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.ok ?? false, { timeout: 110_000, intervals: [250] }).toBe(true);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(page: Page, to: string) {
  await page.goto(`${origin}${to}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

async function signIn(page: Page, email: string) {
  await open(page, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/cases`);
}

/** The session as the server sees it, asked with the page's cookies (asking is not activity). */
async function sessionState(page: Page): Promise<string> {
  const res = await page.request.get(`${origin}/session`);
  return ((await res.json()) as { state: string }).state;
}

/** The demo's booked conference on the bus-stop case, in this spec's own database (not started until the last test). */
function scheduledConference(): string {
  const db = new Database(path.join(dataDir, "circle-e2e.db"), { readonly: true });
  try {
    const row = db
      .prepare(`SELECT c.id FROM "Conference" c JOIN "Case" k ON k.id = c.caseId WHERE k.reference = ? AND c.status = 'SCHEDULED' ORDER BY c.createdAt LIMIT 1`)
      .get(BUS_STOP.reference) as { id: string };
    return row.id;
  } finally {
    db.close();
  }
}

const warning = (page: Page) => page.getByRole("alertdialog", { name: "Are you still there?" });
const signedOut = (page: Page) => page.getByRole("alertdialog", { name: "Signed out" });

test("warns before an idle sign-out, and “Stay signed in” keeps the session", async ({ page }) => {
  await signIn(page, DEMO.co);
  await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  // Nothing is touched: the warning comes 7.5 s before the 30 s are up.
  await expect(warning(page)).toBeVisible({ timeout: 40_000 });
  const shownAt = Date.now();
  await expect(warning(page)).toContainText(/you will be signed out at \d{2}:\d{2} unless you choose to stay signed in/);
  await expect(page.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  // (Its screenshot and accessibility check are in the next test, which has time to spare.)
  await page.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning(page)).toBeHidden();
  // Past the moment the session would have ended, it is still live, and nothing was said.
  await expect.poll(() => Date.now() - shownAt, { timeout: 20_000, intervals: [500] }).toBeGreaterThan(9_000);
  expect(await sessionState(page)).toBe("active");
  await expect(signedOut(page)).toHaveCount(0);
  await expect(warning(page)).toHaveCount(0);
  await page.getByRole("link", { name: new RegExp(BUS_STOP.reference) }).click();
  await expect(page.getByRole("heading", { level: 1, name: BUS_STOP.title })).toBeVisible();
});

test("on the live page before the start, an idle sign-out says one thing, over the page, and signing in again returns there", async ({ page }, testInfo) => {
  // The chair's tablet waits on the live page before the conference starts: nothing keeps it signed in.
  const livePath = `/conferences/${scheduledConference()}/live`;
  await signIn(page, DEMO.lead);
  await open(page, livePath);
  await expect(page.getByTestId("live-connection")).toHaveText("Connected");
  await expect(warning(page)).toBeVisible({ timeout: 40_000 });
  await screenshot(page, testInfo, "idle-warning");
  await expectNoSeriousA11yViolations(page, testInfo, "idle warning");
  await expect(signedOut(page)).toBeVisible({ timeout: 20_000 });
  await expect(signedOut(page)).toContainText(`You were signed out after ${IDLE_SECONDS} seconds without activity. Sign in again to continue.`);
  expect(await sessionState(page)).toBe("ended");
  // The server closes the tablet's socket too (within its 10 s sweep): the page says nothing of its own
  // (no "offline, reconnecting", no "session ended, reload"), so the one message stands alone.
  await expect(page.getByTestId("live-connection")).toHaveText("Disconnected", { timeout: 20_000 });
  await expect(page.getByTestId("live-offline")).toHaveCount(0);
  await expect(page.getByTestId("live-notice")).toHaveCount(0);
  await expect(page.getByRole("alertdialog")).toHaveCount(1);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await screenshot(page, testInfo, "idle-signed-out");
  await expectNoSeriousA11yViolations(page, testInfo, "signed out after idle");

  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(`${origin}/login?${new URLSearchParams({ redirectTo: livePath })}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Email").fill(DEMO.lead);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}${livePath}`);
  await expect(page.getByTestId("live-connection")).toHaveText("Connected");
});

test("near the 12-hour limit the warning says staying cannot help, and the end says why", async ({ page }) => {
  await signIn(page, DEMO.supervisor);
  // Move the absolute end of the supervisor's live sessions to 6 s from now (before the idle end).
  const db = new Database(path.join(dataDir, "circle-e2e.db"));
  try {
    db.pragma("busy_timeout = 10000");
    const soon = new Date(Date.now() + 6_000).toISOString().replace("Z", "+00:00");
    db.prepare(`UPDATE "Session" SET expiresAt = ? WHERE revokedAt IS NULL AND userId = (SELECT id FROM "User" WHERE email = ?)`).run(soon, DEMO.supervisor);
  } finally {
    db.close();
  }
  await open(page, "/cases");
  const notice = page.getByRole("alertdialog", { name: "Your session ends soon" });
  await expect(notice).toContainText(/A session lasts at most 12 hours: you will be signed out at \d{2}:\d{2}\./);
  await expect(notice.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);
  await notice.getByRole("button", { name: "OK" }).click();
  await expect(notice).toBeHidden();
  await expect(signedOut(page)).toContainText("You were signed out because a session lasts at most 12 hours. Sign in again to continue.", { timeout: 20_000 });
});

test("a running conference keeps the chair signed in however long nobody taps, with no warning", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.lead);
  await open(page, `/conferences/${scheduledConference()}/live`);
  await expect(page.getByTestId("live-connection")).toHaveText("Connected");
  await page.getByRole("button", { name: "Start the conference" }).click();
  await expect(page.getByTestId("live-status")).toHaveText("Running");
  const startedAt = Date.now();

  // Half again the idle timeout without a tap: no warning at any moment, still signed in.
  await expect
    .poll(
      async () => {
        expect(await page.getByRole("alertdialog").count()).toBe(0);
        return Date.now() - startedAt;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBeGreaterThan(IDLE_SECONDS * 1500);
  expect(await sessionState(page)).toBe("active");
  await expect(page.getByTestId("live-connection")).toHaveText("Connected");
  await expect(page.getByTestId("live-offline")).toHaveCount(0);
  // The controls still work.
  const first = await page.getByTestId("current-step").getByRole("heading", { level: 2 }).textContent();
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page.getByTestId("current-step").getByRole("heading", { level: 2 })).not.toHaveText(first!);
});
