import { expect, test, type Page } from "@playwright/test";
import { createBookedCase } from "./live-fixtures";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signedInPage, unreadCount, visit, watchCsp, watchSocketIo } from "./helpers";

const stepTitle = (page: Page) => page.getByTestId("current-step").getByRole("heading", { level: 2 });

// A withdrawal recorded on a third device while both tablets run the conference. Each viewport
// project has its own copy of the bus-stop case, so the hold changes nothing other specs read.
test("withdrawing consent to meet from the case screen asks first, then puts the running conference on hold on both live screens", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { caseId, conferenceId } = createBookedCase(`RJ-E2E-WD-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`);
  const url = `/conferences/${conferenceId}/live`;
  const lead = await signedInPage(browser, DEMO.lead);
  const co = await signedInPage(browser, DEMO.co);
  const office = await signedInPage(browser, DEMO.co);
  const csp = await Promise.all([lead.page, co.page, office.page].map(watchCsp));
  try {
    // The live screen and the header's count share the tab's one connection.
    const leadSockets = watchSocketIo(lead.page);
    await visit(lead.page, url);
    await visit(co.page, url);
    await expect(lead.page.getByTestId("live-connection")).toHaveText("Connected");
    await expect(co.page.getByTestId("live-connection")).toHaveText("Connected");
    await lead.page.getByRole("button", { name: "Start the conference" }).click();
    await expect(lead.page.getByTestId("current-step")).toHaveAttribute("data-step-id", /^c/);
    await lead.page.getByRole("button", { name: "Next →" }).click();
    await expect(lead.page.getByTestId("live-announcer")).toContainText("Step 2 of");
    const second = (await stepTitle(lead.page).textContent())!;
    await expect(stepTitle(co.page)).toHaveText(second);
    await expect(co.page.getByTestId("live-status")).toHaveText("Running");

    // The case screen on a third device: Withdraw asks what it will do; nothing changes until confirmed.
    await visit(office.page, `/cases/${caseId}`);
    const harmed = office.page.getByRole("listitem").filter({ has: office.page.getByRole("heading", { name: /Jess/ }) });
    await harmed.getByRole("button", { name: /Withdraw.*Meet face to face/i }).click();
    const ask = harmed.getByRole("alertdialog");
    await expect(ask).toContainText("Withdraw Jess's consent to meet face to face?");
    await expect(ask).toContainText("will stop the conference that is running now; both live screens will show it is on hold.");
    await screenshot(office.page, testInfo, "live-hold-asks");
    await expect(lead.page.getByTestId("live-hold")).toHaveCount(0);
    await expect(co.page.getByTestId("live-status")).toHaveText("Running");

    const unreadBefore = await unreadCount(lead.page);
    await ask.getByRole("button", { name: "Withdraw consent" }).click();
    const result = office.page.locator(".alert.info[role=status]");
    await expect(result).toContainText("It was running: both live screens now show it is on hold.");
    await expect(office.page.locator(".alert.success")).toHaveCount(0);

    // Both live screens show the hold at once (no reload), and the lead's step controls stop.
    for (const page of [lead.page, co.page]) {
      await expect(page.getByTestId("live-hold")).toContainText("On hold: consent to meet was withdrawn.");
      await expect(page.getByTestId("live-status")).toHaveText("On hold");
      await expect(stepTitle(page)).toHaveText(second);
    }
    for (const name of ["Next →", "← Back", "Resume", "End…", "Mark skipped"]) {
      await expect(lead.page.getByRole("button", { name, exact: true })).toBeDisabled();
    }
    await expect(lead.page.getByRole("button", { name: /^Go to step/ }).first()).toBeDisabled();
    // The lead is told in the header too ("put on hold"), on the same page and connection.
    await expect.poll(() => unreadCount(lead.page), { timeout: 15_000 }).toBeGreaterThan(unreadBefore);
    await expect(lead.page.getByTestId("live-connection")).toHaveText("Connected");
    await expect.poll(() => leadSockets.open()).toBe(1);
    await expect(co.page.getByRole("button", { name: "Paused" })).toBeDisabled();
    // The arrow key does nothing either.
    await lead.page.locator("h1").click();
    await lead.page.keyboard.press("ArrowRight");
    await expect(stepTitle(co.page)).toHaveText(second);

    await expectNoSeriousA11yViolations(lead.page, testInfo, "live-hold-lead");
    await expectNoHorizontalOverflow(lead.page);
    await expectNoHorizontalOverflow(co.page);
    await screenshot(lead.page, testInfo, "live-hold-lead");
    await screenshot(co.page, testInfo, "live-hold-co");

    // A reload lands on the hold too.
    await co.page.reload();
    await co.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(co.page.getByTestId("live-hold")).toContainText("On hold: consent to meet was withdrawn.");
    for (const c of csp) await c.expectNone();
  } finally {
    await Promise.all([lead.context.close(), co.context.close(), office.context.close()]);
  }
});
