import { expect, test, type Locator, type Page } from "@playwright/test";
import { caseIdFromList, DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signedInPage, visit } from "./helpers";

/**
 * End to end: preparation is the way to a conference. Each tablet orientation prepares
 * its own demo case (both run against one server at once), from nobody recorded to a booking.
 */
const CASE_FOR: Record<string, { reference: string; harmed: string; responsible: string }> = {
  "tablet-landscape": { reference: "RJ-2026-0172", harmed: "Amira Hassan", responsible: "Tom Reed" },
  "tablet-portrait": { reference: "RJ-2026-0174", harmed: "Grace Okoro", responsible: "Liam Walsh" },
};

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** Opens a <details> panel unless it is open already (a second tap would close it). */
async function openPanel(details: Locator) {
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator(":scope > summary").click();
}

async function addPerson(page: Page, role: string, name: string) {
  const people = section(page, "People and consent");
  const form = people.locator("details.add-panel");
  await openPanel(form);
  await expect(form.getByLabel("Role in the case")).toBeVisible();
  await form.getByLabel("Role in the case").selectOption({ label: role });
  await form.getByLabel("Full name").fill(name);
  await form.getByRole("button", { name: "Add person" }).click();
  await expect(people.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
}

async function recordConsent(page: Page, name: string, element: string, answer = "Yes") {
  const people = section(page, "People and consent");
  const panel = people.locator("details", { has: page.locator(":scope > summary", { hasText: `Record an answer for ${name}` }) });
  await openPanel(panel);
  await panel.getByLabel("What they are answering").selectOption({ label: element });
  await panel.getByLabel("Their answer").selectOption({ label: answer });
  await panel.getByRole("button", { name: "Record answer" }).click();
  // This answer's own confirmation, not the one still showing from the answer before it.
  await expect(panel.getByRole("status")).toContainText(`${element.toLowerCase()} — ${answer}`);
}

async function pick(page: Page, group: string, option: string) {
  await page.getByRole("group", { name: group, exact: true }).getByLabel(option, { exact: true }).check();
}

test("lead prepares a case to a booked conference; the supervisor approves; a withdrawal puts it on hold", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const subject = CASE_FOR[testInfo.project.name]!;
  const lead = await signedInPage(browser, DEMO.lead);
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  const co = await signedInPage(browser, DEMO.co);
  try {
    const page = lead.page;
    for (const p of [lead.page, supervisor.page, co.page]) p.setDefaultTimeout(10_000);
    const caseId = await caseIdFromList(page, subject.reference);
    await visit(page, `/cases/${caseId}`);
    await expect(section(page, "People and consent")).toContainText("No one has been added yet.");

    // People, consent to take part and to meet, a home visit.
    await addPerson(page, "Person harmed", subject.harmed);
    await addPerson(page, "Person responsible", subject.responsible);
    for (const name of [subject.harmed, subject.responsible]) {
      await recordConsent(page, name, "Take part at all");
      await recordConsent(page, name, "Meet face to face");
    }
    const contacts = section(page, "Preparation contacts");
    await openPanel(contacts.locator("details", { has: page.locator(":scope > summary", { hasText: "Log a contact" }) }));
    await contacts.getByLabel("With whom").selectOption({ label: subject.harmed });
    await contacts.getByLabel("Kind of contact").selectOption({ label: "Visit" });
    await contacts.getByLabel("Where", { exact: true }).selectOption({ label: "Their home" });
    await contacts.getByLabel("Outcome (optional)").fill("Explained the conference; she wants to meet him.");
    await contacts.getByRole("button", { name: "Log contact" }).click();
    await expect(contacts).toContainText("Explained the conference");

    // A risk assessment that marks the case sensitive.
    const risk = section(page, "Risk assessment");
    await openPanel(risk.locator("details", { has: page.locator(":scope > summary", { hasText: "Record the risk assessment" }) }));
    for (const group of ["Risk of physical harm", "Risk of emotional harm", "Vulnerability", "Power imbalance", "Overall risk"]) await pick(page, group, "Low");
    await pick(page, "Does the person responsible acknowledge what they did?", "Fully acknowledges what they did");
    await pick(page, "Recommendation", "Proceed");
    await risk.getByLabel("Mark this case sensitive or complex").check();
    await risk.getByRole("button", { name: "Save risk assessment" }).click();
    await expect(page.getByText("Sensitive or complex").first()).toBeVisible();

    // Scheduling is refused until the supervisor approves, with a message saying why.
    const conference = section(page, "Conference");
    await expect(conference).toContainText("a case supervisor must approve the current risk assessment first");
    await openPanel(conference.locator("details.schedule"));
    await conference.getByLabel("Date and start time").fill("2027-01-14T10:00");
    await conference.getByLabel("Venue").fill("Quaker Meeting House");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("alert")).toContainText("a case supervisor must approve the current risk assessment first");
    await screenshot(page, testInfo, "20-preparation-refused");

    // The supervisor finds it in the approvals queue and approves with comments.
    await visit(supervisor.page, "/approvals");
    await expect(supervisor.page.getByRole("link", { name: /Approvals/ })).toBeVisible();
    await supervisor.page
      .getByRole("link", { name: new RegExp(subject.reference) })
      .first()
      .click();
    const decision = section(supervisor.page, "Risk assessment");
    await pick(supervisor.page, "Decision on the current risk assessment", "Approve");
    await decision.getByLabel("Comments").fill("Proportionate. Approved.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(decision).toContainText("Proportionate. Approved.");
    await screenshot(supervisor.page, testInfo, "21-preparation-approved");

    // Back to the lead: now the conference can be booked.
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(conference).toContainText("Yes: consent, risk assessment and approval are in place.");
    await conference.getByLabel("Date and start time").fill("2027-01-14T10:00");
    await conference.getByLabel("Venue").fill("Quaker Meeting House");
    await conference.getByLabel("Room (optional)").fill("Garden room");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("article")).toContainText("Quaker Meeting House, Garden room");
    await expect(page.locator(".page-meta")).toContainText("Conference scheduled");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "22-preparation-booked");
    await expectNoSeriousA11yViolations(page, testInfo, "case-preparation");

    // The co-facilitator sees the booking on "My cases".
    await visit(co.page, "/cases");
    const item = co.page.getByRole("list", { name: "Cases" }).getByRole("link", { name: new RegExp(subject.reference) });
    await expect(item).toContainText("Conference scheduled");
    await expect(item).toContainText(/Conference \w{3}, 14 Jan 2027, 10:00/);

    // The person harmed withdraws consent to meet: the case screen first says what that will do
    // to the booking, and nothing changes until it is confirmed; then the booking is on hold at once.
    const people = section(page, "People and consent");
    const harmedCard = people.getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(subject.harmed) }) });
    await harmedCard.getByRole("button", { name: /Withdraw.*Meet face to face/i }).click();
    const ask = harmedCard.getByRole("alertdialog");
    await expect(ask).toContainText("consent to meet face to face?");
    await expect(ask).toContainText(/will put the conference booked for \w{3},? 14 Jan 2027, 10:00 on hold\./);
    await expect(ask).toBeFocused();
    await screenshot(page, testInfo, "23a-preparation-withdraw-asks");
    await ask.getByRole("button", { name: "Keep consent" }).click();
    await expect(ask).toHaveCount(0);
    await expect(conference).not.toContainText("On hold");
    await harmedCard.getByRole("button", { name: /Withdraw.*Meet face to face/i }).click();
    await harmedCard.getByRole("alertdialog").getByRole("button", { name: "Withdraw consent" }).click();
    await expect(people.getByRole("status")).toContainText("on hold");
    await expect(people.locator(".alert.success")).toHaveCount(0);
    await expect(conference).toContainText("On hold");
    await expect(conference).toContainText("has withdrawn consent to meet face to face");
    await expect(page.locator(".page-meta")).toContainText("Preparation");
    await visit(co.page, "/cases");
    await expect(co.page.getByRole("list", { name: "Cases" }).getByRole("link", { name: new RegExp(subject.reference) })).not.toContainText("Conference ");
    await screenshot(page, testInfo, "23-preparation-on-hold");
  } finally {
    await Promise.all([lead.context.close(), supervisor.context.close(), co.context.close()]);
  }
});
