import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-schemas";
import { getDb } from "~/utils/db.server";
import { fromZonedInput } from "~/utils/format";
import { TestClient } from "../support/http";
import { pageText } from "../support/preparation-cases";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const db = () => getDb();
const DAY = 24 * 3600 * 1000;
const staff = (email: string) => db().user.findUniqueOrThrow({ where: { email }, select: { id: true, serviceId: true } });
const year = () => Number(serviceDate().slice(0, 4));

/** Everything a refused referral must leave as it was. */
const counts = async () => {
  const [cases, members, events, changes, audits] = await Promise.all([
    db().case.count(),
    db().caseMember.count(),
    db().caseStageEvent.count(),
    db().caseRecordChange.count(),
    db().auditEvent.count({ where: { action: "case.created" } }),
  ]);
  return { cases, members, events, changes, audits };
};

let refCounter = 8000;
/** A reference nobody else uses in this file: RJ-<this year>-8001, 8002, … */
const freshRef = () => `RJ-${year()}-${++refCounter}`;

describe("recording a referral", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient;
  let manager: TestClient;
  let ids: { lead: string; co: string; supervisor: string; other: string };

  const valid = (over: Record<string, string> = {}): Record<string, string> => ({
    reference: freshRef(),
    title: "Theft of a bicycle from a garden",
    receivedOn: serviceDate(new Date(Date.now() - 2 * DAY)),
    referrerType: "POLICE",
    referrerName: "PC Ada Lewis",
    referrerContact: "01632 960555",
    referrerNotes: "Crime reference 12/3456/26",
    offenceType: "THEFT",
    offenceOther: "",
    offenceSummary: "A bicycle was taken from a front garden. The young person responsible has admitted it.",
    ageGroup: "YOUTH",
    leadId: ids.lead,
    coFacilitatorId: ids.co,
    supervisorId: ids.supervisor,
    ...over,
  });

  beforeAll(async () => {
    [lead, manager] = await Promise.all([signIn("lead"), signIn("manager")]);
    const [l, c, s, o] = await Promise.all(["lead", "co", "supervisor", "other"].map((w) => staff(`${w}@demo.circle`)));
    ids = { lead: l!.id, co: c!.id, supervisor: s!.id, other: o!.id };
  });

  it("prefills the service's next free reference and the facilitator as lead", async () => {
    const used = (await db().case.findMany({ where: { reference: { startsWith: `RJ-${year()}-` } }, select: { reference: true } })).map((c) =>
      Number(/^RJ-\d{4}-(\d{4})$/.exec(c.reference)?.[1] ?? 0),
    );
    const expected = `RJ-${year()}-${String(Math.max(0, ...used) + 1).padStart(4, "0")}`;
    const res = await lead.get("/cases/new");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain(`value="${expected}"`);
    expect(html).toMatch(new RegExp(`<option value="${ids.lead}" selected="">`));
    // Lead and co are chosen from facilitators, the supervisor from supervisors: the manager is offered for neither.
    expect(html).not.toContain("Morgan Reid");
  });

  it("creates the case at the referral stage with its team, first stage event, history row and a case.created audit entry, in one go", async () => {
    const fields = valid({ sensitive: "on", referrerContact: "ada.lewis@police.example.org" });
    const res = await lead.post("/cases/new", fields);
    expect(res.status).toBe(302);
    const created = await db().case.findFirstOrThrow({
      where: { reference: fields.reference },
      include: { members: true, stageEvents: true, recordChanges: true },
    });
    expect(res.headers.get("Location")).toBe(`/cases/${created.id}?recorded=1`);
    expect(created).toMatchObject({
      title: "Theft of a bicycle from a garden",
      stage: "REFERRAL",
      referrerType: "POLICE",
      referrerName: "PC Ada Lewis",
      referrerContact: "ada.lewis@police.example.org",
      referrerNotes: "Crime reference 12/3456/26",
      offenceType: "THEFT",
      offenceOther: "",
      youth: true,
      sensitive: true,
    });
    // The Victims' Code clock runs from the end of the day received, in London.
    expect(created.referredAt.getTime()).toBe(fromZonedInput(`${fields.receivedOn}T23:59`).getTime() + 59_999);
    expect(created.members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [ids.lead, "LEAD"],
        [ids.co, "CO_FACILITATOR"],
        [ids.supervisor, "SUPERVISOR"],
      ].sort(),
    );
    expect(created.stageEvents).toEqual([expect.objectContaining({ stage: "REFERRAL", actorId: ids.lead })]);
    expect(created.recordChanges).toEqual([expect.objectContaining({ action: "CREATED", actorId: ids.lead })]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "case.created", caseId: created.id } });
    expect(audit).toMatchObject({ actorId: ids.lead, actorRole: "FACILITATOR", target: `case:${created.id}` });
    expect(JSON.parse(audit.details)).toEqual({
      reference: fields.reference,
      stage: "REFERRAL",
      referrerType: "POLICE",
      offenceType: "THEFT",
      youth: true,
      sensitive: true,
      receivedOn: fields.receivedOn,
      team: { lead: ids.lead, coFacilitator: ids.co, supervisor: ids.supervisor },
    });
    // The words of the referral stay out of the audit trail.
    expect(audit.details).not.toContain("bicycle");
    // The lead sees it on their list and on its page.
    expect(await pageText(await lead.get("/cases"))).toContain(fields.reference);
    const page = await pageText(await lead.get(`/cases/${created.id}?recorded=1`));
    expect(page).toContain(`Referral ${fields.reference} recorded.`);
    expect(page).toContain("Theft or handling stolen goods");
    expect(page).toContain("PC Ada Lewis");
  });

  const tomorrow = () => serviceDate(new Date(Date.now() + DAY));
  it.each<[string, Record<string, string>, string, string]>([
    ["no reference", { reference: "" }, "reference", "Enter the case reference"],
    ["a reference in another form", { reference: "2026/143" }, "reference", "Write the reference as RJ, the year and four digits, like RJ-2026-0142"],
    ["no title", { title: "  " }, "title", "Enter a short title for the case"],
    ["no referrer type", { referrerType: "" }, "referrerType", "Choose who referred the case"],
    ["an unknown referrer type", { referrerType: "NEIGHBOUR" }, "referrerType", "Choose who referred the case"],
    ["no referrer name from an agency", { referrerName: "" }, "referrerName", "Enter the name of the person who made the referral"],
    ["no referrer contact from an agency", { referrerContact: "" }, "referrerContact", "Enter a phone number or email address for the referrer"],
    ["a contact that is neither phone nor email", { referrerContact: "ring the front desk" }, "referrerContact", "Enter a phone number (at least 7 digits) or an email address"],
    ["no date received", { receivedOn: "" }, "receivedOn", "Enter the date the referral was received"],
    ["a date received in the future", { receivedOn: "__tomorrow__" }, "receivedOn", "The date received cannot be in the future"],
    ["a date that does not exist", { receivedOn: "2026-02-30" }, "receivedOn", "Enter a real date from 2000 onwards"],
    ["no offence type", { offenceType: "" }, "offenceType", "Choose the type of offence"],
    ["'other' offence without saying what", { offenceType: "OTHER", offenceOther: "" }, "offenceOther", "Say what the offence was"],
    ["no summary", { offenceSummary: "" }, "offenceSummary", "Describe what happened in a few sentences"],
    ["neither adult nor youth", { ageGroup: "" }, "ageGroup", "Choose adult or youth case"],
    ["domestic abuse not marked sensitive", { offenceType: "DOMESTIC_ABUSE" }, "sensitive", "A case of domestic abuse is always sensitive or complex: tick the box"],
    ["the same person as lead and co", { coFacilitatorId: "__lead__" }, "coFacilitatorId", "The co-facilitator must be someone other than the lead"],
    ["a supervisor as lead", { leadId: "__supervisor__", coFacilitatorId: "__lead__" }, "leadId", "Choose an active facilitator of your service as lead"],
    ["a facilitator as supervisor", { supervisorId: "__other__" }, "supervisorId", "Choose an active supervisor of your service"],
    ["a lead who is not a person", { leadId: "nobody" }, "leadId", "Not a user id"],
    [
      "a facilitator putting only others on the team",
      { leadId: "__other__", coFacilitatorId: "__co__" },
      "leadId",
      "Put yourself on the team as lead or co-facilitator. Your service manager records referrals for others.",
    ],
    ["a facilitator leaving the lead empty", { leadId: "", coFacilitatorId: "__lead__" }, "leadId", "Choose the lead facilitator"],
  ])("refuses %s with its message, creating nothing", async (_label, over, field, message) => {
    const fill = (v: string) =>
      v === "__tomorrow__" ? tomorrow() : v === "__lead__" ? ids.lead : v === "__supervisor__" ? ids.supervisor : v === "__other__" ? ids.other : v === "__co__" ? ids.co : v;
    const before = await counts();
    const fields = valid(Object.fromEntries(Object.entries(over).map(([k, v]) => [k, fill(v)])));
    const res = await lead.post("/cases/new?_data=routes%2Fcases.new", fields);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors[field]).toBe(message);
    // What was typed comes back, so the form keeps it.
    expect(body.values.title).toBe(fields.title);
    expect(await counts()).toEqual(before);
  });

  it("keeps what was typed on the page after an error, without JavaScript too", async () => {
    const res = await lead.post("/cases/new", valid({ title: "Window broken at the youth club", offenceSummary: "" }));
    expect(res.status).toBe(400);
    const html = await pageText(res);
    expect(html).toContain('value="Window broken at the youth club"');
    expect(html).toContain("Describe what happened in a few sentences");
    expect(html).toContain("Nothing was saved. Please check the answer marked below.");
  });

  it("accepts a self-referral without a referrer's name or contact", async () => {
    const fields = valid({ referrerType: "SELF", referrerName: "", referrerContact: "", offenceType: "OTHER", offenceOther: "Malicious communications", ageGroup: "ADULT" });
    expect((await lead.post("/cases/new", fields)).status).toBe(302);
    expect(await db().case.findFirstOrThrow({ where: { reference: fields.reference } })).toMatchObject({
      referrerType: "SELF",
      offenceType: "OTHER",
      offenceOther: "Malicious communications",
      youth: false,
    });
  });

  it("refuses a reference another case has, in any letter case, and says which number is free", async () => {
    const before = await counts();
    const res = await lead.post("/cases/new?_data=routes%2Fcases.new", valid({ reference: "rj-2026-0142" }));
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string> };
    expect(errors.reference).toMatch(/^RJ-2026-0142 is already the reference of another case\. The next free reference is RJ-\d{4}-\d{4}\.$/);
    expect(await counts()).toEqual(before);
  });

  it("records one case when two people take the same new number at once", async () => {
    const reference = freshRef();
    const co = await signIn("co");
    const [a, b] = await Promise.all([lead.post("/cases/new", valid({ reference })), co.post("/cases/new", valid({ reference, leadId: ids.co, coFacilitatorId: ids.lead }))]);
    expect([a.status, b.status].sort()).toEqual([302, 400]);
    expect(await db().case.count({ where: { reference } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "case.created", details: { contains: reference } } })).toBe(1);
  });

  it("lets the manager record a referral nobody leads yet; it lands on the manager's record page", async () => {
    const fields = valid({ leadId: "", coFacilitatorId: "", supervisorId: "" });
    const res = await manager.post("/cases/new", fields);
    expect(res.status).toBe(302);
    const created = await db().case.findFirstOrThrow({ where: { reference: fields.reference }, include: { members: true } });
    expect(res.headers.get("Location")).toBe(`/admin/cases/${created.id}?recorded=1`);
    expect(created.members).toEqual([]);
    const record = await pageText(await manager.get(`/admin/cases/${created.id}?recorded=1`));
    expect(record).toContain("It has no lead facilitator yet");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "case.created", caseId: created.id } });
    expect(audit.actorRole).toBe("ADMIN");
    // The manager is still not on the team, so the case page itself stays closed to them.
    expect((await manager.get(`/cases/${created.id}`)).status).toBe(404);
  });

  it("refuses a disabled facilitator on the team", async () => {
    const { id } = await db().user.create({
      data: { email: `gone-${Date.now()}@demo.circle`, name: "Gone Away", role: "FACILITATOR", serviceId: (await staff("lead@demo.circle")).serviceId, disabled: true },
      select: { id: true },
    });
    const res = await manager.post("/cases/new?_data=routes%2Fcases.new", valid({ leadId: id }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors.leadId).toBe("Choose an active facilitator of your service as lead");
  });

  it("answers 404 to a supervisor, before reading the form", async () => {
    const supervisor = await signIn("supervisor");
    const before = await counts();
    expect((await supervisor.get("/cases/new")).status).toBe(404);
    expect((await supervisor.post("/cases/new", valid())).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
