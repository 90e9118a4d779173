import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { signInDemoStaff, useDemoServer } from "../support/server";

const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
const staff = (email: string) => getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true, serviceId: true, name: true } });

/** A fresh case with the demo lead, co-facilitator and supervisor on its team (independent of the demo seed's cases). */
async function newCase() {
  const [lead, co, sup] = await Promise.all([staff("lead@demo.circle"), staff("co@demo.circle"), staff("supervisor@demo.circle")]);
  const c = await factories(getDb()).case({
    serviceId: lead.serviceId,
    reference: `T-${randomUUID().slice(0, 8)}`,
    title: "Participants test case",
    offenceSummary: "A test.",
    stage: "ASSESSMENT",
    members: [
      { userId: lead.id, role: "LEAD" },
      { userId: co.id, role: "CO_FACILITATOR" },
      { userId: sup.id, role: "SUPERVISOR" },
    ],
  });
  return { caseId: c.id, lead, co, sup };
}

const person = (over: Record<string, string> = {}) => ({
  intent: "add",
  role: "PERSON_HARMED",
  name: "Joanna Bloggs",
  contactMethod: "PHONE",
  contactFrequency: "FORTNIGHTLY",
  ...over,
});

describe("participants on the case screen", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  let admin: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    ({ lead, co, supervisor, admin, other } = await signInDemoStaff(server().origin));
  });

  const add = async (client: TestClient, caseId: string, fields: Record<string, string>) => {
    const res = await client.post(`/cases/${caseId}/participants`, fields);
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as { ok: boolean; id?: string; done?: string; errors?: Record<string, string> } };
    } catch {
      throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    }
  };

  it("stores names without control characters or direction overrides, whatever was pasted", async () => {
    const { caseId } = await newCase();
    const pasted = await add(lead, caseId, person({ name: "Jess\u202Egnirts\u0000\u0007\nBarnes", preferredName: "J\u2066o\r\n", pronouns: "she/\u202Dher" }));
    expect(pasted.status).toBe(200);
    const row = await getDb().participant.findFirstOrThrow({ where: { caseId }, select: { name: true, preferredName: true, pronouns: true } });
    expect(row).toEqual({ name: "Jessgnirts Barnes", preferredName: "Jo", pronouns: "she/her" });
  });

  it("the lead adds the person harmed and the person responsible; both show on the case screen and are audited", async () => {
    const { caseId } = await newCase();
    const empty = await pageText(await lead.get(`/cases/${caseId}`));
    expect(empty).toContain("No one has been added yet. Start with the person harmed and the person responsible.");

    const harmed = await add(
      lead,
      caseId,
      person({
        preferredName: "Jo",
        pronouns: "she/her",
        addressAs: "Mrs Bloggs",
        relationship: "Was robbed at the bus stop",
        phone: "07700 900123",
        email: "jo@example.org",
        enhancedRights: "on",
      }),
    );
    expect(harmed).toMatchObject({ status: 200, body: { ok: true, done: "Added Jo." } });
    const responsible = await add(lead, caseId, person({ role: "PERSON_RESPONSIBLE", name: "Sam Carter", contactFrequency: "WEEKLY", contactMethod: "LETTER" }));
    expect(responsible.status).toBe(200);

    const rows = await getDb().participant.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.role, r.name])).toEqual([
      ["PERSON_HARMED", "Joanna Bloggs"],
      ["PERSON_RESPONSIBLE", "Sam Carter"],
    ]);
    expect(rows[0]).toMatchObject({ preferredName: "Jo", pronouns: "she/her", addressAs: "Mrs Bloggs", email: "jo@example.org", enhancedRights: true, removedAt: null });
    expect(rows[1]).toMatchObject({ contactFrequency: "WEEKLY", contactMethod: "LETTER", enhancedRights: false });

    const audits = await getDb().auditEvent.findMany({ where: { caseId, action: "participant.create" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.target)).toEqual(rows.map((r) => `participant:${r.id}`));
    expect(audits.every((a) => !a.details.includes("Bloggs") && !a.details.includes("jo@example.org"))).toBe(true);

    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toContain("Sam Carter");
    expect(page).toContain("Mrs Bloggs");
    expect(page).toContain("(she/her)");
    expect(page).toContain("Enhanced rights");
    expect(page).toContain("Information about RJ due by");
  });

  it("the co-facilitator edits a participant, and the change is audited", async () => {
    const { caseId } = await newCase();
    const { body } = await add(lead, caseId, person());
    const res = await add(
      co,
      caseId,
      person({ intent: "edit", participantId: body.id!, name: "Joanna Bloggs-Smith", pronouns: "they/them", contactFrequency: "MONTHLY", hopes: "To be heard." }),
    );
    expect(res).toMatchObject({ status: 200, body: { ok: true, done: "Saved Joanna Bloggs-Smith." } });
    expect(await getDb().participant.findUniqueOrThrow({ where: { id: body.id! } })).toMatchObject({
      name: "Joanna Bloggs-Smith",
      pronouns: "they/them",
      contactFrequency: "MONTHLY",
      hopes: "To be heard.",
    });
    const co_ = await staff("co@demo.circle");
    expect(await getDb().auditEvent.count({ where: { action: "participant.update", target: `participant:${body.id}`, actorId: co_.id } })).toBe(1);
  });

  it("stores every access need ticked, and shows them as badges", async () => {
    const { caseId } = await newCase();
    const res = await lead.postForm(`/cases/${caseId}/participants`, [
      ...Object.entries(person({ accessNotes: "Needs a Polish interpreter" })),
      ["accessNeeds", "INTERPRETER"],
      ["accessNeeds", "MOBILITY"],
    ]);
    expect(res.status).toBe(200);
    const row = await getDb().participant.findFirstOrThrow({ where: { caseId } });
    expect(JSON.parse(row.accessNeeds)).toEqual(["INTERPRETER", "MOBILITY"]);
    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toContain("Needs a Polish interpreter");
    expect(page).toMatch(/class="badge access">Interpreter</);
    expect(page).toMatch(/class="badge access">Mobility</);
  });

  it("links a supporter to the person they support", async () => {
    const { caseId } = await newCase();
    const harmed = await add(lead, caseId, person({ preferredName: "Jo" }));
    const res = await add(lead, caseId, person({ role: "SUPPORTER", name: "Pat Bloggs", supportsId: harmed.body.id! }));
    expect(res.status).toBe(200);
    expect(await getDb().participant.findUniqueOrThrow({ where: { id: res.body.id! } })).toMatchObject({ role: "SUPPORTER", supportsId: harmed.body.id });
    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toContain("Jo (person harmed)");
    expect(page).toMatch(/Supported by<\/dt><dd>Pat Bloggs/);
  });

  describe("bad input answers 400 with the message and changes nothing", () => {
    let caseId = "";
    let harmedId = "";
    let supporterId = "";
    let foreignId = "";
    beforeAll(async () => {
      ({ caseId } = await newCase());
      harmedId = (await add(lead, caseId, person({ name: "Harmed Person" }))).body.id!;
      supporterId = (await add(lead, caseId, person({ role: "SUPPORTER", name: "Sup Porter", supportsId: harmedId }))).body.id!;
      const elsewhere = await newCase();
      foreignId = (await factories(getDb()).participant({ caseId: elsewhere.caseId, role: "PERSON_HARMED", name: "Someone Else" })).id;
    });

    const snapshot = () => getDb().participant.findMany({ orderBy: { id: "asc" } });

    it.each([
      ["a missing name", () => person({ name: "   " }), "name", "Enter a name"],
      ["an over-long name", () => person({ name: "x".repeat(121) }), "name", "Use at most 120 characters"],
      ["over-long hopes", () => person({ hopes: "x".repeat(2001) }), "hopes", "What they hope for must be at most 2000 characters"],
      ["an unknown role", () => person({ role: "VICTIM" }), "role", "Choose their role in the case"],
      ["an unknown contact frequency", () => person({ contactFrequency: "DAILY" }), "contactFrequency", "Choose how often to update them"],
      ["an unknown access need", () => person({ accessNeeds: "TELEPATHY" }), "accessNeeds", "Choose access needs from the list"],
      ["a bad email", () => person({ email: "not-an-email" }), "email", "Enter a valid email address"],
      ["a supporter without the person they support", () => person({ role: "SUPPORTER" }), "supportsId", "Choose the person they support"],
      ["a supporter of another case's participant", () => person({ role: "SUPPORTER", supportsId: foreignId }), "supportsId", "Choose the person they support from this case"],
      [
        "a supporter of an id that does not exist",
        () => person({ role: "SUPPORTER", supportsId: "cmbx3k9qv0000abcdefghijkl" }),
        "supportsId",
        "Choose the person they support from this case",
      ],
      ["a supporter of another supporter", () => person({ role: "SUPPORTER", supportsId: supporterId }), "supportsId", "Choose the person they support, not another supporter"],
      [
        "a supporter who supports themselves",
        () => person({ intent: "edit", participantId: supporterId, role: "SUPPORTER", supportsId: supporterId }),
        "supportsId",
        "Someone cannot be their own supporter",
      ],
      ["an edit of another case's participant", () => person({ intent: "edit", participantId: foreignId }), "participantId", "Choose someone on this case"],
      ["a malformed participant id", () => person({ intent: "edit", participantId: "1 OR 1=1" }), "participantId", "Not a valid id"],
      ["removing another case's participant", () => ({ intent: "remove", participantId: foreignId }), "participantId", "Choose someone on this case"],
      ["an unknown intent", () => person({ intent: "merge" }), "intent", "Unknown action"],
      [
        "a Victims' Code offer in the future",
        () => ({ intent: "victims-code", participantId: harmedId, outcome: "offered", infoOfferedAt: "2099-01-01T10:00" }),
        "infoOfferedAt",
        "That is in the future: enter when it happened",
      ],
      [
        "not inviting without a reason",
        () => ({ intent: "victims-code", participantId: harmedId, outcome: "not-invited", notInvitedReason: " " }),
        "notInvitedReason",
        "Say why they are not being invited",
      ],
    ])("%s", async (_label, fields, field, message) => {
      const before = await snapshot();
      const res = await add(lead, caseId, fields());
      expect(res.status).toBe(400);
      expect(res.body.errors?.[field]).toBe(message);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("Victims' Code for the person harmed", () => {
    it("records when information was offered, by the signed-in facilitator, and shows it", async () => {
      const { caseId, co: coUser } = await newCase();
      const harmedId = (await add(lead, caseId, person({ preferredName: "Jo" }))).body.id!;
      const res = await add(co, caseId, { intent: "victims-code", participantId: harmedId, outcome: "offered", infoOfferedAt: "2026-01-05T10:30" });
      expect(res.status).toBe(200);
      const row = await getDb().participant.findUniqueOrThrow({ where: { id: harmedId } });
      expect(row.infoOfferedById).toBe(coUser.id);
      expect(row.infoOfferedAt?.toISOString()).toBe("2026-01-05T10:30:00.000Z");
      expect(await pageText(await lead.get(`/cases/${caseId}`))).toContain(`Offered information about RJ on ${formatDateTime("2026-01-05T10:30:00Z")} by ${coUser.name}`);

      const reason = await add(lead, caseId, { intent: "victims-code", participantId: harmedId, outcome: "not-invited", notInvitedReason: "Police advise no contact for now." });
      expect(reason.status).toBe(200);
      expect(await getDb().participant.findUniqueOrThrow({ where: { id: harmedId } })).toMatchObject({
        infoOfferedAt: null,
        notInvitedReason: "Police advise no contact for now.",
      });
      expect(await pageText(await lead.get(`/cases/${caseId}`))).toContain("Deliberately not invited: Police advise no contact for now.");
    });

    it("refuses a Victims' Code record for someone who is not a person harmed", async () => {
      const { caseId } = await newCase();
      const id = (await add(lead, caseId, person({ role: "PERSON_RESPONSIBLE" }))).body.id!;
      const res = await add(lead, caseId, { intent: "victims-code", participantId: id, outcome: "offered", infoOfferedAt: "2026-01-05T10:30" });
      expect(res.status).toBe(400);
      expect((await getDb().participant.findUniqueOrThrow({ where: { id } })).infoOfferedAt).toBeNull();
    });
  });

  it("removing someone is soft: the row and its consent history stay, they leave the list, and a second removal is refused", async () => {
    const { caseId, lead: leadUser } = await newCase();
    const id = (await add(lead, caseId, person({ role: "COMMUNITY_MEMBER", name: "Corner Shopkeeper" }))).body.id!;
    await factories(getDb()).consent({ caseId, participantId: id, element: "TAKE_PART", recordedById: leadUser.id });
    const res = await add(lead, caseId, { intent: "remove", participantId: id });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    const row = await getDb().participant.findUniqueOrThrow({ where: { id } });
    expect(row.removedAt).not.toBeNull();
    expect(await getDb().consentEntry.count({ where: { participantId: id } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { action: "participant.remove", target: `participant:${id}` } })).toBe(1);
    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toContain("Removed from the case (1)");
    expect(page).toContain("No one has been added yet.");
    expect((await add(lead, caseId, { intent: "remove", participantId: id })).status).toBe(400);
    expect((await add(lead, caseId, person({ intent: "edit", participantId: id }))).status).toBe(400);
  });

  it("the supervisor reads participants without any forms", async () => {
    const { caseId } = await newCase();
    await add(lead, caseId, person({ preferredName: "Jo" }));
    const page = await pageText(await supervisor.get(`/cases/${caseId}`));
    expect(page).toContain("Jo");
    expect(page).toContain("You can read this section");
    expect(page).not.toContain("Add a person");
    expect(page).not.toContain("Record an answer");
    expect(page).not.toContain(`action="/cases/${caseId}/participants"`);
  });

  it.each([
    ["the case supervisor", () => supervisor],
    ["the service manager", () => admin],
    ["a facilitator of another case", () => other],
  ])("%s gets 404 and changes nothing", async (_who, client) => {
    const { caseId } = await newCase();
    const existing = (await add(lead, caseId, person())).body.id!;
    const before = await getDb().participant.findMany({ where: { caseId } });
    for (const fields of [person({ name: "Intruder" }), person({ intent: "edit", participantId: existing, name: "Changed" }), { intent: "remove", participantId: existing }]) {
      const res = await client().post(`/cases/${caseId}/participants`, fields);
      expect(res.status).toBe(404);
      await res.body?.cancel();
    }
    expect(await getDb().participant.findMany({ where: { caseId } })).toEqual(before);
  });

  it("a signed-out post is sent to sign in", async () => {
    const { caseId } = await newCase();
    const res = await new TestClient(server().origin).post(`/cases/${caseId}/participants`, person());
    expect(res.status).toBe(302);
    expect(await getDb().participant.count({ where: { caseId } })).toBe(0);
  });
});
