import { expect, test, type Locator, type Page } from "@playwright/test";
import { londonDay } from "../../app/utils/age";
import { DEMO, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signedInPage, visit } from "./helpers";
import { createYouthCase } from "./youth-fixtures";

/**
 * A youth case end to end: a 15-year-old person responsible and their mother as guardian are
 * added, the young person agrees, booking is refused naming the mother, her consent is recorded
 * from the young person's consent panel, and the conference is booked. Each viewport project
 * works on its own copy of the demo youth case (tests/e2e/youth-fixtures.ts).
 */
const CHILD = "Ellie Ward";
const MOTHER = "Karen Ward";

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

async function recordConsent(page: Page, element: string, answeredBy?: string) {
  const people = section(page, "People and consent");
  const panel = people.locator("details", { has: page.locator(":scope > summary", { hasText: `Record an answer for ${CHILD}` }) });
  await openPanel(panel);
  if (answeredBy) await panel.getByLabel("Who is answering").selectOption({ label: `${answeredBy} (parent or guardian)` });
  await panel.getByLabel("What they are answering").selectOption({ label: element });
  await panel.getByLabel("Their answer").selectOption({ label: "Yes" });
  await panel.getByRole("button", { name: "Record answer" }).click();
  await expect(panel.getByRole("status")).toContainText(`${element.toLowerCase()} — Yes`);
}

test("a 15-year-old and their mother: booking waits for the mother's consent, recorded beside the child's", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const reference = `RJ-E2E-YOUTH-${testInfo.project.name === "tablet-portrait" ? "P" : "L"}`;
  const { caseId } = createYouthCase(reference);
  const lead = await signedInPage(browser, DEMO.lead);
  try {
    const page = lead.page;
    page.setDefaultTimeout(10_000);
    await visit(page, `/cases/${caseId}`);
    const people = section(page, "People and consent");
    const addPanel = people.locator("details.add-panel");

    // The young person, with a date of birth: the card shows the age and "Under 18".
    await openPanel(addPanel);
    await addPanel.getByLabel("Role in the case").selectOption({ label: "Person responsible" });
    await addPanel.getByLabel("Full name").fill(CHILD);
    await addPanel.getByLabel("Date of birth (optional)").fill(fifteenYearsAgo());
    await addPanel.getByRole("button", { name: "Add person" }).click();
    const childCard = people.getByRole("article", { name: CHILD });
    await expect(childCard).toContainText("Under 18");
    await expect(childCard).toContainText(/Age\s*15 \(born/);
    await expect(childCard).toContainText(`${CHILD} is under 18: a parent or guardian's consent is needed beside theirs.`);

    // Her own consent to take part and to meet.
    await recordConsent(page, "Take part at all");
    await recordConsent(page, "Meet face to face");

    // Her mother, as her supporter and her parent or guardian.
    await openPanel(addPanel);
    await addPanel.getByLabel("Role in the case").selectOption({ label: "Supporter" });
    await addPanel.getByLabel("Who they support").selectOption({ label: `${CHILD} (person responsible)` });
    await addPanel.getByLabel("Full name").fill(MOTHER);
    await addPanel.getByLabel(`Parent or guardian of ${CHILD}`).check();
    await addPanel.getByRole("button", { name: "Add person" }).click();
    await expect(people.getByRole("article", { name: MOTHER })).toContainText(`Parent or guardian of${CHILD}`);
    await expect(childCard.getByRole("columnheader", { name: new RegExp(MOTHER) })).toBeVisible();

    // Booking is refused, naming the mother whose consent is missing.
    const conference = section(page, "Conference");
    const missing = `${CHILD} (person responsible) is under 18, so a parent or guardian must also agree to take part at all (${MOTHER} has not yet agreed).`;
    await expect(conference).toContainText(missing);
    await openPanel(conference.locator("details.schedule"));
    await conference.getByLabel("Date and start time").fill("2027-02-11T10:00");
    await conference.getByLabel("Venue").fill("Riverside Youth Centre");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("alert")).toContainText(missing);
    await expect(conference.getByRole("alert")).toContainText(`must also agree to meet face to face (${MOTHER} has not yet agreed)`);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "30-youth-refused");

    // The mother's consent, recorded from her daughter's panel, beside her daughter's answers.
    await recordConsent(page, "Take part at all", MOTHER);
    await recordConsent(page, "Meet face to face", MOTHER);
    const grid = childCard.getByRole("table");
    for (const row of ["Take part at all", "Meet face to face"]) {
      await expect(grid.getByRole("row", { name: new RegExp(row) }).locator(".answer-yes")).toHaveCount(2);
    }
    await expect(childCard.getByRole("button", { name: `Withdraw ${MOTHER}'s consent for ${CHILD}: meet face to face` })).toBeVisible();
    await childCard.locator("details.consent-history > summary").click();
    await expect(childCard.locator(".history-list")).toContainText(`Answered by ${MOTHER} (parent or guardian)`);
    await childCard.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, "31-youth-consent-side-by-side");

    // Now the conference can be booked.
    await expect(conference).toContainText("Yes: consent, risk assessment and approval are in place.");
    await openPanel(conference.locator("details.schedule"));
    await conference.getByLabel("Date and start time").fill("2027-02-11T10:00");
    await conference.getByLabel("Venue").fill("Riverside Youth Centre");
    await conference.getByRole("button", { name: "Schedule the conference" }).click();
    await expect(conference.getByRole("article")).toContainText("Riverside Youth Centre");
    await expect(conference.getByRole("article")).toContainText(`${CHILD}, ${MOTHER}`);
    await expect(page.locator(".page-meta")).toContainText("Conference scheduled");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, testInfo, "32-youth-booked");
    await expectNoSeriousA11yViolations(page, testInfo, "youth-case");
  } finally {
    await lead.context.close();
  }
});
