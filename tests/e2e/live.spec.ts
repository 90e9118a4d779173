import { expect, test, type Page } from "@playwright/test";
import { createLiveConference } from "./live-fixtures";
import { BUS_STOP, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signedInPage, visit, watchCsp, watchSocketIo } from "./helpers";

const stepTitle = (page: Page) => page.getByTestId("current-step").getByRole("heading", { level: 2 });
const connection = (page: Page) => page.getByTestId("live-connection");
const editor = (page: Page) => page.getByRole("textbox", { name: "Case notes" });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The step heading the server adds to the case notes when the lead moves on: an H3 "<title> (HH:mm)". */
const stepHeadings = (page: Page, title: string) =>
  editor(page)
    .locator("h3")
    .filter({ hasText: new RegExp(`^${escape(title)} \\(\\d{2}:\\d{2}\\)$`) });

// Both viewport projects run at once against one database and the notes of a case are one shared
// document, so each project runs its own conference in its own case (as notes.spec.ts does).
const caseFor = (project: string) => (project === "tablet-portrait" ? "RJ-2026-0150" : BUS_STOP.reference);

test("the lead chairs from one tablet and the co-facilitator's tablet follows every step, also after going offline", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { conferenceId } = createLiveConference(caseFor(testInfo.project.name));
  const url = `/conferences/${conferenceId}/live`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  // The live screens run Remix, Socket.IO and the notes editor: none of it may need a script the
  // policy blocks (server/app.ts gives each page its own nonce).
  const leadCsp = await watchCsp(lead.page);
  const coCsp = await watchCsp(co.page);
  // The live screen shares the tab's one Socket.IO connection with the header's count.
  const leadSockets = watchSocketIo(lead.page);
  const coSockets = watchSocketIo(co.page);
  try {
    await visit(lead.page, url);
    await visit(co.page, url);
    await expect(lead.page.getByTestId("live-role")).toHaveText("Chairing");
    await expect(co.page.getByTestId("live-role")).toHaveText("Taking notes");
    await expect(connection(lead.page)).toHaveText("Connected");
    await expect(connection(co.page)).toHaveText("Connected");
    // Before the start, nothing on either tablet says the conference is live.
    for (const page of [lead.page, co.page]) {
      await expect(page.getByTestId("live-status")).toHaveText("Not started");
      await expect(page.getByRole("region", { name: "Conference status" })).not.toContainText("Live");
    }
    // Presence: each tablet sees both facilitators.
    for (const page of [lead.page, co.page]) {
      await expect(page.getByTestId("live-presence")).toContainText("Linda Millington");
      await expect(page.getByTestId("live-presence")).toContainText("Chris Patel");
    }
    await expect(co.page.getByTestId("collab-status")).toHaveText("Saved");
    await screenshot(lead.page, testInfo, "live-lead-ready");

    // Start: the script is prepared and both tablets show the first step; the seating plan locks.
    await lead.page.getByRole("button", { name: "Start the conference" }).click();
    await expect(lead.page.getByTestId("step-list").locator("li")).not.toHaveCount(0);
    const first = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(co.page)).toHaveText(first);
    await expect(lead.page.getByTestId("seating-lock")).toHaveText("Seating plan: locked");
    await expect(stepHeadings(co.page, first)).toHaveCount(1);

    // Next: the co-facilitator's tablet follows, announces it, and its notes gain the step's heading.
    await lead.page.getByRole("button", { name: "Next →" }).click();
    await expect(stepTitle(lead.page)).not.toHaveText(first);
    const second = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(co.page)).toHaveText(second);
    await expect(co.page.getByTestId("live-announcer")).toContainText(`Step 2 of`);
    await expect(stepHeadings(co.page, second)).toHaveCount(1);
    await expect(lead.page.getByTestId("step-list")).toContainText("Asked");

    // The keyboard moves on too (N), with its hint on screen.
    await expect(lead.page.getByText("Keys:")).toBeVisible();
    await lead.page.locator("h1").click();
    await lead.page.keyboard.press("n");
    await expect(stepTitle(lead.page)).not.toHaveText(second);
    const third = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(co.page)).toHaveText(third);
    await expect(stepHeadings(co.page, third)).toHaveCount(1);

    await expectNoSeriousA11yViolations(lead.page, testInfo, "live-lead");
    await expectNoSeriousA11yViolations(co.page, testInfo, "live-co");
    await expectTouchTargets(lead.page.locator("main button, main a"));
    await expectTouchTargets(co.page.locator("main button, main a"));
    await expectNoHorizontalOverflow(lead.page);
    await expectNoHorizontalOverflow(co.page);
    await screenshot(lead.page, testInfo, "live-lead");
    await screenshot(co.page, testInfo, "live-co");

    await expect.poll(() => leadSockets.open()).toBe(1);
    await expect.poll(() => coSockets.open()).toBe(1);

    // The co-facilitator's tablet loses Wi-Fi: it says so and its controls stop; the lead moves on twice.
    await co.context.setOffline(true);
    await expect(connection(co.page)).toHaveText("Offline — reconnecting");
    await expect(co.page.getByTestId("live-offline")).toBeVisible();
    await expect(co.page.getByRole("button", { name: "Break" })).toBeDisabled();
    await screenshot(co.page, testInfo, "live-co-offline");
    await lead.page.getByRole("button", { name: "Next →" }).click();
    await expect(stepTitle(lead.page)).not.toHaveText(third);
    const fourth = (await stepTitle(lead.page).textContent())!;
    await lead.page.getByRole("button", { name: "Next →" }).click();
    await expect(lead.page.getByTestId("live-announcer")).toContainText("Step 5 of");
    const fifth = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(co.page)).toHaveText(third);

    // Back online: straight onto the current step, and the notes have a heading for it and for the
    // step passed while this tablet was away (the server writes them, not the scribe's tablet).
    await co.context.setOffline(false);
    await expect(connection(co.page)).toHaveText("Connected", { timeout: 20_000 });
    await expect(stepTitle(co.page)).toHaveText(fifth);
    await expect(co.page.getByTestId("collab-status")).toHaveText("Saved", { timeout: 20_000 });
    await expect(stepHeadings(co.page, fifth)).toHaveCount(1);
    await expect(stepHeadings(co.page, fourth)).toHaveCount(1);
    // Back on one connection each: the dropped one was replaced, not kept alongside.
    await expect.poll(() => coSockets.open()).toBe(1);
    await expect.poll(() => leadSockets.open()).toBe(1);

    // The co-facilitator calls a break: both tablets show the break timer; the lead resumes.
    await co.page.getByRole("button", { name: "Break" }).click();
    await expect(lead.page.getByTestId("live-status")).toHaveText("On a break");
    await expect(lead.page.getByTestId("live-break")).toBeVisible();
    await expect(co.page.getByTestId("live-break")).toBeVisible();
    await screenshot(lead.page, testInfo, "live-lead-break");
    await lead.page.getByRole("button", { name: "Resume" }).click();
    await expect(co.page.getByTestId("live-status")).toHaveText("Running");

    // The lead can unlock the seating plan during the conference (someone needs to move) and lock it again.
    await lead.page.getByRole("button", { name: "Unlock seating" }).click();
    await expect(lead.page.getByTestId("seating-lock")).toHaveText("Seating plan: unlocked");
    await lead.page.getByRole("button", { name: "Lock seating" }).click();
    await expect(lead.page.getByTestId("seating-lock")).toHaveText("Seating plan: locked");

    // End asks first; "Keep going" leaves the conference running.
    await lead.page.getByRole("button", { name: "End…" }).click();
    await expect(lead.page.getByRole("alertdialog")).toContainText("End the conference now?");
    await lead.page.getByRole("button", { name: "Keep going" }).click();
    await expect(lead.page.getByRole("alertdialog")).toHaveCount(0);
    await expect(co.page.getByTestId("live-status")).toHaveText("Running");

    // A reload of the scribe's tablet adds no second heading for the step it is on.
    await co.page.reload();
    await co.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(connection(co.page)).toHaveText("Connected");
    await expect(co.page.getByTestId("collab-status")).toHaveText("Saved");
    await expect(stepHeadings(co.page, fifth)).toHaveCount(1);
    await leadCsp.expectNone();
    await coCsp.expectNone();
  } finally {
    await lead.context.close();
    await co.context.close();
  }
});

test("a second tablet that missed a step is told gently and lands on the current step, never skipping two", async ({ browser }, testInfo) => {
  const { conferenceId } = createLiveConference(caseFor(testInfo.project.name));
  const url = `/conferences/${conferenceId}/live`;
  const lead = await signedInPage(browser, DEMO.lead);
  const spare = await lead.context.newPage();
  // The spare tablet's socket stops hearing about state changes (as if they were lost in transit).
  let dropStates = false;
  await spare.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (dropStates && typeof message === "string" && message.startsWith('42["live:state"')) return;
      ws.send(message);
    });
  });
  try {
    await visit(lead.page, url);
    await visit(spare, url);
    await expect(connection(spare)).toHaveText("Connected");
    await expect(lead.page.getByTestId("live-presence")).toContainText("2 devices");
    await lead.page.getByRole("button", { name: "Start the conference" }).click();
    await expect(spare.getByRole("button", { name: "Next →" })).toBeEnabled();
    // The script is reloaded once the start has prepared it: wait for the step to be named.
    await expect(spare.getByTestId("current-step")).toHaveAttribute("data-step-id", /^c/);
    const first = (await stepTitle(spare).textContent())!;

    dropStates = true;
    await lead.page.getByRole("button", { name: "Next →" }).click();
    await expect(lead.page.getByTestId("live-announcer")).toContainText("Step 2 of");
    const second = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(spare)).toHaveText(first);

    await spare.getByRole("button", { name: "Next →" }).click();
    await expect(spare.getByTestId("live-notice")).toHaveText(/The conference had moved on — you are on the current step/);
    await expect(stepTitle(spare)).toHaveText(second);
    await expect(stepTitle(lead.page)).toHaveText(second);
    await screenshot(spare, testInfo, "live-stale-notice");
  } finally {
    await lead.context.close();
  }
});

test("the supervisor follows the live conference without controls; others get 404", async ({ browser }, testInfo) => {
  const { conferenceId } = createLiveConference(caseFor(testInfo.project.name));
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  const other = await signedInPage(browser, DEMO.other);
  try {
    await visit(supervisor.page, `/conferences/${conferenceId}/live`);
    await expect(supervisor.page.getByTestId("live-role")).toHaveText("Following");
    await expect(connection(supervisor.page)).toHaveText("Connected");
    await expect(supervisor.page.getByRole("button", { name: /Start|Next|Break/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(supervisor.page, testInfo, "live-follow");
    const response = await visit(other.page, `/conferences/${conferenceId}/live`);
    expect(response?.status()).toBe(404);
  } finally {
    await supervisor.context.close();
    await other.context.close();
  }
});

/** A stand-in for the Screen Wake Lock API that counts requests (Chromium's own needs a visible, focused screen). */
const FAKE_WAKE_LOCK = () => {
  type Sentinel = { released: boolean; release: () => Promise<void>; addEventListener: (type: string, fn: () => void) => void };
  const state = { requests: 0, sentinels: [] as Sentinel[] };
  (window as unknown as { __wake: typeof state }).__wake = state;
  Object.defineProperty(navigator, "wakeLock", {
    configurable: true,
    value: {
      request: async () => {
        state.requests++;
        const listeners: (() => void)[] = [];
        const sentinel: Sentinel = {
          released: false,
          release: async () => {
            sentinel.released = true;
            listeners.forEach((fn) => fn());
          },
          addEventListener: (_type, fn) => listeners.push(fn),
        };
        state.sentinels.push(sentinel);
        return sentinel;
      },
    },
  });
};
const NO_WAKE_LOCK = () => Object.defineProperty(navigator, "wakeLock", { configurable: true, value: undefined });

test("the screen stays awake on the live screen while the conference runs, is asked again after the lock is lost, and a tablet that cannot says so", async ({ browser }) => {
  const { conferenceId } = createLiveConference(caseFor(test.info().project.name));
  const url = `/conferences/${conferenceId}/live`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  const wake = () => lead.page.evaluate(() => (window as unknown as { __wake: { requests: number; sentinels: { released: boolean }[] } }).__wake);
  try {
    await lead.context.addInitScript(FAKE_WAKE_LOCK);
    await co.context.addInitScript(NO_WAKE_LOCK);
    await visit(lead.page, url);
    await visit(co.page, url);
    await expect(connection(lead.page)).toHaveText("Connected");
    expect((await wake()).requests).toBe(0); // not before the conference runs

    await lead.page.getByRole("button", { name: "Start the conference" }).click();
    await expect.poll(async () => (await wake()).requests).toBe(1);
    await expect(lead.page.getByTestId("wake-hint")).toHaveCount(0);
    await expect(co.page.getByTestId("wake-hint")).toContainText("cannot keep the screen awake");

    // The browser drops the lock (the tablet was switched away); coming back asks again.
    await lead.page.evaluate(async () => (window as unknown as { __wake: { sentinels: { release: () => Promise<void> }[] } }).__wake.sentinels[0]!.release());
    await lead.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect.poll(async () => (await wake()).requests).toBe(2);

    // Leaving the live screen (in-app navigation, same page) lets the screen sleep again. The
    // conference is not ended here: other tests read these cases' stage.
    await lead.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My cases" }).click();
    await expect(lead.page).toHaveURL(/\/cases$/);
    await expect.poll(async () => (await wake()).sentinels[1]?.released).toBe(true);
  } finally {
    await lead.context.close();
    await co.context.close();
  }
});
