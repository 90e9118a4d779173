import { expect, test, type Locator, type Page } from "@playwright/test";
import { londonDay } from "../../app/utils/age";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signedInPage, visit } from "./helpers";

/**
 * A youth case from the referral to a booked conference, in one walk: a facilitator records the
 * referral and its team, adds the person harmed, a 15-year-old person responsible and her mother
 * as her parent or guardian; the case cannot move into preparation, nor the conference be booked,
 * until the mother has agreed beside her daughter at each step. The supervisor on the team approves
 * the risk assessment of this sensitive case from their own tablet.
 *
 * The co-facilitator of the demo cases records it (leading it), so the demo lead's case list, which
 * cases.spec.ts counts, is not disturbed. Both viewport projects run at once against one server:
 * each records its own referral with its own reference and names.
 */
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** Opens a <details> panel unless it is open already (a second tap would close it). */
async function openPanel(details: Locator) {
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator(":scope > summary").click();
}

/** 15 today: born 15 years and a month ago, as a date input takes it. */
function fifteenYearsAgo() {
  const d = new Date(Date.now() - 30 * 864e5);
  d.setUTCFullYear(d.getUTCFullYear() - 15);
  return londonDay(d);
}

async function addPerson(page: Page, person: { role: string; name: string; born?: string; supports?: string; guardianOf?: string }) {
  const people = section(page, "People and consent");
  const form = people.locator("details.add-panel");
  await openPanel(form);
  await form.getByLabel("Role in the case").selectOption({ label: person.role });
  if (person.supports) await form.getByLabel("Who they support").selectOption({ label: person.supports });
  await form.getByLabel("Full name").fill(person.name);
  if (person.born) await form.getByLabel("Date of birth (optional)").fill(person.born);
  if (person.guardianOf) await form.getByLabel(`Parent or guardian of ${person.guardianOf}`).check();
  await form.getByRole("button", { name: "Add person" }).click();
  await expect(people.getByRole("article", { name: person.name })).toBeVisible();
}

/** Records a yes in `name`'s consent panel, answered by them or (for a child) by their guardian. */
async function recordConsent(page: Page, name: string, element: string, answeredBy?: string) {
  const panel = section(page, "People and consent").locator("details", { has: page.locator(":scope > summary", { hasText: `Record an answer for ${name}` }) });
  await openPanel(panel);
  if (answeredBy) await panel.getByLabel("Who is answering").selectOption({ label: `${answeredBy} (parent or guardian)` });
  await panel.getByLabel("What they are answering").selectOption({ label: element });
  await panel.getByLabel("Their answer").selectOption({ label: "Yes" });
  await panel.getByRole("button", { name: "Record answer" }).click();
  await expect(panel.getByRole("status")).toContainText(`${element.toLowerCase()} — Yes`);
}

async function pick(page: Page, group: string, option: string) {
  await page.getByRole("group", { name: group, exact: true }).getByLabel(option, { exact: true }).check();
}

async function recordRiskAssessment(page: Page) {
  const risk = section(page, "Risk assessment");
  await openPanel(risk.locator("details", { has: page.locator(":scope > summary", { hasText: /Record (the|a new) risk assessment/ }) }));
  for (const group of ["Risk of physical harm", "Risk of emotional harm", "Vulnerability", "Power imbalance", "Overall risk"]) await pick(page, group, "Low");
  await pick(page, "Does the person responsible acknowledge what they did?", "Fully acknowledges what they did");
  await pick(page, "Recommendation", "Proceed");
  await risk.getByRole("button", { name: "Save risk assessment" }).click();
  // Saved for this stage: neither "none yet" nor "the case has moved on since" is shown any more.
  await expect(risk.getByText(/No risk assessment has been recorded yet|The case has moved on since the latest assessment/)).toHaveCount(0);
  await expect(risk.getByRole("status")).toContainText("waiting for the case supervisor's decision");
}

test("from a referral to a booked youth conference: a 15-year-old's mother agrees beside her at every step", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const portrait = testInfo.project.name === "tablet-portrait";
  const [harmed, child, mother] = portrait ? ["Dev Mistry", "Ellie Ward", "Karen Ward"] : ["Nia Evans", "Maisie Cole", "Joanne Cole"];
  const title = `E2E youth referral: bike shed break-in (${portrait ? "portrait" : "landscape"})`;
  const facilitator = await signedInPage(browser, DEMO.co);
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  try {
    const page = facilitator.page;
    for (const p of [page, supervisor.page]) p.setDefaultTimeout(10_000);

    // The referral, with its team: Chris Patel leads, Oli Hughes co-facilitates, Sam Okafor supervises.
    await page.getByRole("link", { name: "Record a referral" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record a referral" })).toBeVisible();
    const reference = page.getByLabel("Case reference");
    const ours = `RJ-${(await reference.inputValue()).slice(3, 7)}-${portrait ? "8812" : "8811"}`;
    await reference.fill(ours);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Referred by").selectOption({ label: "Youth offending team" });
    await page.getByLabel("Referrer's name").fill("Priya Shah, YOT case manager");
    await page.getByLabel("Referrer's phone or email").fill("p.shah@yot.example");
    await page.getByLabel("Type of offence").selectOption({ label: "Burglary" });
    await page
      .getByLabel("What happened")
      .fill("A school bike shed was broken into and two bikes damaged. A pupil has admitted it and the YOT asks whether the family harmed would meet her.");
    await page.getByLabel("Youth case (under 18)").check();
    await page.getByLabel("Sensitive or complex").check();
    await page.getByLabel("Co-facilitator (optional)").selectOption({ label: "Oli Hughes" });
    await page.getByLabel("Case supervisor (optional)").selectOption({ label: "Sam Okafor" });
    await page.getByRole("button", { name: "Record the referral" }).click();
    await expect(page).toHaveURL(/\/cases\/c[a-z0-9]+\?recorded=1$/);
    await expect(page.getByRole("status").first()).toContainText(`Referral ${ours} recorded.`);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const team = section(page, "Case team");
    for (const name of ["Chris Patel", "Oli Hughes", "Sam Okafor"]) await expect(team).toContainText(name);
    await expect(page.locator(".page-meta")).toContainText("Youth case");

    // The person harmed, offered information (the Victims' Code clock started at the referral), agreeing.
    await addPerson(page, { role: "Person harmed", name: harmed });
    const harmedCard = section(page, "People and consent").getByRole("article", { name: harmed });
    await openPanel(harmedCard.locator("details", { has: page.locator(":scope > summary", { hasText: "Record the offer of information" }) }));
    await harmedCard.getByLabel("Yes, it was offered").check();
    await harmedCard.getByRole("button", { name: "Save" }).click();
    await expect(harmedCard).toContainText("Offered information about RJ on");
    await recordConsent(page, harmed, "Take part at all");
    await recordConsent(page, harmed, "Meet face to face");

    // The young person, 15, agreeing for herself; then her mother, linked as her parent or guardian.
    await addPerson(page, { role: "Person responsible", name: child, born: fifteenYearsAgo() });
    const childCard = section(page, "People and consent").getByRole("article", { name: child });
    await expect(childCard).toContainText("Under 18");
    await expect(childCard).toContainText(/Age\s*15 \(born/);
    await expect(childCard).toContainText(`${child} is under 18: a parent or guardian's consent is needed beside theirs.`);
    await recordConsent(page, child, "Take part at all");
    await recordConsent(page, child, "Meet face to face");
    await addPerson(page, { role: "Supporter", name: mother, supports: `${child} (person responsible)`, guardianOf: child });
    await expect(section(page, "People and consent").getByRole("article", { name: mother })).toContainText(`Parent or guardian of${child}`);
    await expect(childCard.getByRole("columnheader", { name: new RegExp(mother) })).toBeVisible();

    // Assessment, with a risk assessment; preparation waits for the mother's agreement to take part.
    const next = page.locator(".stage-moves");
    await next.getByRole("button", { name: "Move to assessment" }).click();
    await expect(page.locator(".page-meta")).toContainText("Assessment");
    await recordRiskAssessment(page);
    const notYet = next.getByRole("listitem").filter({ hasText: "Preparation: not yet" });
    await expect(notYet).toContainText(`${child} (person responsible) is under 18, so a parent or guardian must also agree to take part at all (${mother} has not yet agreed).`);
    await expect(next.getByRole("button", { name: "Move to preparation" })).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "30-youth-preparation-waits");

    await recordConsent(page, child, "Take part at all", mother);
    await next.getByRole("button", { name: "Move to preparation" }).click();
    await expect(page.locator(".page-meta")).toContainText("Preparation");

    // In preparation: a fresh risk assessment, approved by the supervisor (the case is sensitive).
    await recordRiskAssessment(page);
    await visit(supervisor.page, "/approvals");
    await supervisor.page
      .getByRole("link", { name: new RegExp(ours) })
      .first()
      .click();
    const decision = section(supervisor.page, "Risk assessment");
    await pick(supervisor.page, "Decision on the current risk assessment", "Approve");
    await decision.getByLabel("Comments").fill("Proportionate; her mother will sit beside her.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(decision).toContainText("Proportionate; her mother will sit beside her.");

    // Booking is refused, naming the mother, until she has agreed to meet face to face too.
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const conference = section(page, "Conference");
    const missing = `${child} (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (${mother} has not yet agreed).`;
    await expect(conference).toContainText(missing);
    await openPanel(conference.locator("details.schedule"));
    await conference.getByLabel("Date and start time").fill("2027-02-11T10:00");
    await conference.getByLabel("Venue").fill("Riverside Youth Centre");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("alert")).toContainText(missing);
    await expect(page.locator(".page-meta")).toContainText("Preparation");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "31-youth-booking-refused");

    // The mother's answer, recorded from her daughter's panel, sits beside her daughter's.
    await recordConsent(page, child, "Meet face to face", mother);
    const grid = childCard.getByRole("table");
    for (const row of ["Take part at all", "Meet face to face"]) {
      await expect(grid.getByRole("row", { name: new RegExp(row) }).locator(".answer-yes")).toHaveCount(2);
    }
    await expect(childCard.getByRole("button", { name: `Withdraw ${mother}'s consent for ${child}: meet face to face` })).toBeVisible();
    await childCard.locator("details.consent-history > summary").click();
    await expect(childCard.locator(".history-list")).toContainText(`Answered by ${mother} (parent or guardian)`);
    await childCard.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, "32-youth-consent-side-by-side");

    // Now it can be booked.
    await expect(conference).toContainText("Yes: consent, risk assessment and approval are in place.");
    await openPanel(conference.locator("details.schedule"));
    await conference.getByLabel("Date and start time").fill("2027-02-11T10:00");
    await conference.getByLabel("Venue").fill("Riverside Youth Centre");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("article")).toContainText("Riverside Youth Centre");
    await expect(conference.getByRole("article")).toContainText(`${harmed}, ${child}, ${mother}`);
    await expect(page.locator(".page-meta")).toContainText("Conference scheduled");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "33-youth-booked");
    await expectNoSeriousA11yViolations(page, testInfo, "youth-case");

    // The booking is on the facilitator's own list.
    await visit(page, "/cases");
    const item = page.getByRole("list", { name: "Cases" }).getByRole("listitem").filter({ hasText: ours });
    await expect(item).toContainText("Conference scheduled");
  } finally {
    await facilitator.context.close();
    await supervisor.context.close();
  }
});
