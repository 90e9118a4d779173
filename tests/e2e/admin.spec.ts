import { expect, test, type Browser, type Page } from "@playwright/test";
import { BUS_STOP, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, expectTouchTargets, screenshot, signIn, signedInPage, uniqueEmail, visit } from "./helpers";

// A case the lead's list test does not count, so assigning people here disturbs nobody.
const HARASSMENT = { reference: "RJ-2026-0163", title: "Harassment on a housing estate" };
const NEW_PASSWORD = "e2e-password-2026!";
/** What the new person chooses at their first sign-in. */
const OWN_PASSWORD = "my-own-e2e-password";

async function createUser(page: Page, name: string, email: string) {
  await visit(page, "/admin/users");
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Full name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Staff role").selectOption({ label: "Facilitator" });
  await form.getByLabel(/First password/).fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Created ${email}. Give them their password in person.`);
}

async function assignToCase(page: Page, reference: string, personName: string, role: string) {
  await visit(page, "/admin/cases");
  const card = page.getByRole("region", { name: new RegExp(`^${reference}`) });
  const option = card.getByLabel("Person").locator("option", { hasText: personName });
  await card.getByLabel("Person").selectOption((await option.getAttribute("value"))!);
  await card.getByLabel("Case role").selectOption({ label: role });
  await card.getByRole("button", { name: /^Assign/ }).click();
  await expect(page.getByRole("status")).toContainText(`is now ${role.toLowerCase()} on ${reference}`);
}

/** The co-facilitator opens the bus stop case in a context of their own, so its trail holds their view. */
async function coOpensTheBusStopCase(browser: Browser) {
  const co = await signedInPage(browser, DEMO.co);
  await co.page.getByRole("link", { name: new RegExp(BUS_STOP.reference) }).click();
  await expect(co.page.getByRole("heading", { level: 1, name: BUS_STOP.title })).toBeVisible();
  await co.context.close();
}

/** The manager signs in and opens the bus stop case's audit trail from the case teams page. */
async function openTheBusStopTrail(page: Page) {
  await signIn(page, DEMO.manager);
  await visit(page, "/admin/cases");
  await page.getByRole("link", { name: `Audit trail of ${BUS_STOP.reference}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Audit trail · ${BUS_STOP.reference}` })).toBeVisible();
}

test.describe("service manager", () => {
  test("the users page lists the service's accounts", async ({ page }, testInfo) => {
    await signIn(page, DEMO.manager);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1, name: "Users of your service" })).toBeVisible();
    const table = page.getByRole("table", { name: "Staff accounts" });
    for (const name of ["Morgan Reid", "Sam Okafor", "Linda Millington", "Chris Patel", "Oli Hughes"]) {
      await expect(table.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toBeVisible();
    }
    const leadRow = table.getByRole("row").filter({ hasText: DEMO.lead });
    await expect(leadRow).toContainText("RJ-2026-0142 · Lead facilitator");
    await expect(table.getByRole("row").filter({ hasText: DEMO.manager })).toContainText("This is you");

    await expectTouchTargets(nav.getByRole("link"));
    await expectTouchTargets(leadRow.getByRole("button", { name: /Disable/ }));
    await expectTouchTargets(leadRow.locator("summary"));
    await expectTouchTargets(page.getByRole("button", { name: "Add user" }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "06-admin-users");
    await expectNoSeriousA11yViolations(page, testInfo, "admin users");

    // The reset-password disclosure opens to a labelled field and a button (not submitted here).
    await leadRow.locator("summary").click();
    await expect(leadRow.getByLabel("New password for Linda Millington")).toBeVisible();
    await expectTouchTargets(leadRow.getByRole("button", { name: "Set password" }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "06b-admin-users-reset-open");
  });

  test("adding a user with bad details explains each problem", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await visit(page, "/admin/users");
    const form = page.getByRole("region", { name: "Add a user" });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel(/First password/).fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("Enter a name")).toBeVisible();
    await expect(form.getByText("Enter a valid email address")).toBeVisible();
    await expect(form.getByText("Use at least 12 characters")).toBeVisible();
    await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("the case teams page shows every case with its team", async ({ page }, testInfo) => {
    await signIn(page, DEMO.manager);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Case teams" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Case teams" })).toBeVisible();
    for (const ref of ["RJ-2026-0142", "RJ-2026-0150", "RJ-2026-0117", "RJ-2026-0098", "RJ-2026-0161", "RJ-2026-0163"]) {
      await expect(page.getByRole("heading", { level: 2, name: new RegExp(ref) })).toBeVisible();
    }
    const busStop = page.getByRole("region", { name: new RegExp(`^${BUS_STOP.reference}`) });
    await expect(busStop).toContainText("Linda Millington — Lead facilitator");
    await expectTouchTargets(busStop.getByRole("button"));
    await expectTouchTargets(busStop.getByRole("link", { name: /Audit trail/ }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "07-admin-cases");
    await expectNoSeriousA11yViolations(page, testInfo, "admin cases");
  });

  test("creates a user, puts them on a case, they see it; once disabled, their open page stops working", async ({ browser, page }, testInfo) => {
    const email = uniqueEmail(testInfo, "new-facilitator");
    const name = `Jo Newcombe ${testInfo.project.name}`;
    await signIn(page, DEMO.manager);
    await createUser(page, name, email);
    const row = page.getByRole("table", { name: "Staff accounts" }).getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Facilitator");
    await expect(row).toContainText("None");
    await expect(row).toContainText("Active");

    // The first sign-in with the password the manager chose asks for the person's own, before anything else.
    const context = await browser.newContext();
    const newcomer = { context, page: await context.newPage() };
    await visit(newcomer.page, "/login");
    await newcomer.page.getByLabel("Email").fill(email);
    await newcomer.page.getByLabel("Password").fill(NEW_PASSWORD);
    await newcomer.page.getByRole("button", { name: "Sign in" }).click();
    await expect(newcomer.page).toHaveURL(/\/account\/password\?redirectTo=%2Fcases$/);
    await expect(newcomer.page.getByRole("heading", { level: 1, name: "Choose your own password" })).toBeVisible();
    await expect(newcomer.page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
    await screenshot(newcomer.page, testInfo, "03a-choose-own-password");
    await newcomer.page.getByLabel("The password you were given").fill(NEW_PASSWORD);
    await newcomer.page.getByLabel("New password", { exact: true }).fill(OWN_PASSWORD);
    await newcomer.page.getByLabel("New password again").fill(OWN_PASSWORD);
    await newcomer.page.getByRole("button", { name: "Save my password" }).click();
    await expect(newcomer.page).toHaveURL(/\/cases$/);

    // Before assignment the new user has no cases.
    await expect(newcomer.page.getByText("You are not on any case yet.")).toBeVisible();
    await screenshot(newcomer.page, testInfo, "03b-cases-empty");

    await assignToCase(page, HARASSMENT.reference, name, "Co-facilitator");

    // The newcomer's next page load shows the case, and they can open it.
    await newcomer.page.reload();
    const list = newcomer.page.getByRole("list", { name: "Cases" });
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText(HARASSMENT.reference);
    await expect(list).toContainText("Co-facilitator");
    await list.getByRole("link", { name: new RegExp(HARASSMENT.reference) }).click();
    await expect(newcomer.page.getByRole("heading", { level: 1, name: HARASSMENT.title })).toBeVisible();
    await expect(newcomer.page.getByText("You are co-facilitator")).toBeVisible();

    // The manager disables the account.
    await visit(page, "/admin/users");
    const userRow = page.getByRole("table", { name: "Staff accounts" }).getByRole("row").filter({ hasText: email });
    await userRow.getByRole("button", { name: /Disable/ }).click();
    await expect(page.getByRole("status")).toHaveText(`Disabled ${email}. Their sessions have ended.`);
    await expect(userRow).toContainText("Disabled");
    await expect(userRow.getByRole("button", { name: /Enable/ })).toBeVisible();

    // The page still open on the newcomer's tablet says at once that they were signed out (the
    // server closed its connection), over the case, and "Sign in again" goes to sign-in.
    const signedOut = newcomer.page.getByRole("alertdialog", { name: "Signed out" });
    await expect(signedOut).toContainText("You have been signed out. Sign in again to continue.");
    await signedOut.getByRole("link", { name: "Sign in again" }).click();
    await expect(newcomer.page).toHaveURL(/\/login\?redirectTo=%2Fcases%2F[a-z0-9]+$/);
    await expect(newcomer.page.getByRole("heading", { name: "Sign in to Circle" })).toBeVisible();
    // And they cannot sign back in.
    await newcomer.page.getByLabel("Email").fill(email);
    await newcomer.page.getByLabel("Password").fill(OWN_PASSWORD);
    await newcomer.page.getByRole("button", { name: "Sign in" }).click();
    await expect(newcomer.page.getByRole("alert")).toHaveText("This account has been disabled. Ask your service manager.");
    await newcomer.context.close();
  });

  test("a case team change that can no longer be made says why on that case's card, and only there", async ({ page }, testInfo) => {
    const email = uniqueEmail(testInfo, "stale-removal");
    const name = `Sol Tale ${testInfo.project.name} ${Date.now().toString(36)}`;
    await signIn(page, DEMO.manager);
    await createUser(page, name, email);
    await assignToCase(page, HARASSMENT.reference, name, "Co-facilitator");
    const card = page.getByRole("region", { name: new RegExp(`^${HARASSMENT.reference}`) });
    const remove = card.getByRole("button", { name: `Remove ${name} from ${HARASSMENT.reference}` });
    await expect(remove).toBeVisible();

    // Someone else (another tab) takes them off the case; this page still shows them.
    const member = card.getByRole("listitem").filter({ hasText: name });
    const fields = { intent: "remove", caseId: await member.locator('input[name="caseId"]').inputValue(), userId: await member.locator('input[name="userId"]').inputValue() };
    const other = await page.request.post("/admin/cases?index", { headers: { Origin: new URL(page.url()).origin }, form: fields });
    expect(other.status()).toBe(200);

    await remove.click();
    await expect(card.getByRole("alert")).toHaveText("That person is not on this case.");
    await expect(page.getByRole("alert")).toHaveCount(1);
  });

  test("the audit trail of a case lists who viewed it", async ({ browser, page }, testInfo) => {
    // The co-facilitator opens the bus stop case: that view must be recorded.
    await coOpensTheBusStopCase(browser);
    await openTheBusStopTrail(page);
    await expect(page).toHaveURL(/\/admin\/cases\/c[a-z0-9]+\/audit$/);

    // The trail is shared by every test that opens this case (both tablet sizes at once), and a view
    // within 10 minutes of the same person's last one is not written again: find the co's view
    // with the person filter rather than hoping it is on the first page.
    const filters = page.getByRole("region", { name: "Filter the trail" });
    await filters.getByLabel("Person").selectOption({ label: "Chris Patel" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/audit\?.*person=c[a-z0-9]+/);
    const table = page.getByRole("table", { name: `Audit events for ${BUS_STOP.reference}` });
    const views = table.getByRole("row").filter({ hasText: "Viewed the case" });
    await expect(views.filter({ hasText: "Chris Patel" }).first()).toBeVisible();
    await expect(views.filter({ hasText: "Chris Patel" }).first()).toContainText("facilitator");
    // Newest first: the manager's own reading of this audit trail is not in it yet, the co's view is near the top.
    const firstRow = table.getByRole("row").nth(1);
    await expect(firstRow).toBeVisible();

    await expectTouchTargets(page.getByRole("link", { name: "Case teams" }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "08-admin-audit");
    await expectNoSeriousA11yViolations(page, testInfo, "audit");

    // Reading the audit trail is itself audited (found with the person filter, for the same reason as above).
    await filters.getByLabel("Person").selectOption({ label: "Morgan Reid" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(table.getByRole("row").filter({ hasText: "Read the audit trail" }).filter({ hasText: "Morgan Reid" }).first()).toBeVisible();
  });

  test("the audit trail filters by keyboard and offers its CSV; failed sign-ins are listed", async ({ browser, page }, testInfo) => {
    // Someone tries to sign in with an address that has no account.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await visit(strangerPage, "/login");
    await strangerPage.getByLabel("Email").fill(uniqueEmail(testInfo, "nobody"));
    await strangerPage.getByLabel("Password").fill("a-wrong-password");
    await strangerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(strangerPage.getByRole("alert")).toBeVisible();
    await stranger.close();
    // The co-facilitator opens the case, so the trail holds a view to filter for.
    await coOpensTheBusStopCase(browser);
    await openTheBusStopTrail(page);

    // Choose an action and apply the filter from the keyboard: the filter goes into the address.
    const filters = page.getByRole("region", { name: "Filter the trail" });
    await filters.getByLabel("Action").selectOption({ label: "Viewed the case" });
    // (The date fields take several Tab stops each in Chromium, so the button is focused directly.)
    await filters.getByRole("button", { name: "Apply filters" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/audit\?.*action=case\.view/);
    const table = page.getByRole("table", { name: `Audit events for ${BUS_STOP.reference}` });
    await expect(table.getByRole("row").nth(1)).toContainText("Viewed the case");
    await expect(page.getByRole("status")).toContainText(/match(es)? these filters/);
    const csv = page.getByRole("link", { name: "Download these entries as CSV" });
    await expect(csv).toHaveAttribute("href", /\/audit\.csv\?action=case\.view$/);
    await expectTouchTargets(csv);
    await expectTouchTargets(filters.getByRole("button", { name: "Apply filters" }));
    await expectTouchTargets(filters.getByRole("link", { name: "Clear filters" }));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "08b-admin-audit-filtered");
    await expectNoSeriousA11yViolations(page, testInfo, "audit filtered");

    // A date range with nothing in it: the empty state, still usable.
    await filters.getByLabel("From (date)").fill("2020-01-01");
    await filters.getByLabel("To (date, included)").fill("2020-01-02");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No entries match these filters.")).toBeVisible();
    await expectNoHorizontalOverflow(page);

    // Unusable parameters are explained, and none is applied.
    await visit(page, `${new URL(page.url()).pathname}?from=2026-02-30`);
    await expect(page.getByRole("alert")).toContainText("These filters could not be used, so none of them is applied: From: That date does not exist");
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "audit bad filter");

    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Failed sign-ins" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Failed sign-ins" })).toBeVisible();
    const attempts = page.getByRole("table", { name: /Failed sign-ins/ });
    await expect(attempts.getByRole("row").filter({ hasText: "No such account" }).first()).toBeVisible();
    await expectTouchTargets(nav.getByRole("link"));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "08c-admin-sign-ins");
    await expectNoSeriousA11yViolations(page, testInfo, "failed sign-ins");
  });
});
