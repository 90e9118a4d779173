import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const DAY = 24 * 3600 * 1000;
const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
const staff = (email: string) => getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true, serviceId: true, name: true } });
type Answer = { status: number; body: { ok: boolean; id?: string; done?: string; errors?: Record<string, string> } };

/** A fresh case (lead, co, supervisor) with a person harmed who wants weekly contact. */
async function newCase() {
  const [lead, co, sup] = await Promise.all([staff("lead@demo.circle"), staff("co@demo.circle"), staff("supervisor@demo.circle")]);
  const make = factories(getDb());
  const c = await make.case({
    serviceId: lead.serviceId,
    reference: `T-${randomUUID().slice(0, 8)}`,
    title: "Contacts test case",
    offenceSummary: "A test.",
    stage: "PREPARATION",
    members: [
      { userId: lead.id, role: "LEAD" },
      { userId: co.id, role: "CO_FACILITATOR" },
      { userId: sup.id, role: "SUPERVISOR" },
    ],
  });
  const harmed = await make.participant({ caseId: c.id, role: "PERSON_HARMED", name: "Joanna Bloggs", preferredName: "Jo", contactFrequency: "WEEKLY" });
  return { caseId: c.id, lead, co, sup, make, harmed };
}

const contact = (over: Record<string, string> = {}) => ({
  intent: "add",
  kind: "VISIT",
  occurredAt: "2026-11-20T14:00",
  place: "HOME",
  status: "COMPLETED",
  ...over,
});

describe("preparation contacts", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let supervisor: TestClient;
  let admin: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
    [lead, supervisor, admin, other] = await Promise.all([
      signIn("lead@demo.circle"),
      signIn("supervisor@demo.circle"),
      signIn("manager@demo.circle"),
      signIn("other@demo.circle"),
    ]);
  });

  const post = async (client: TestClient, caseId: string, fields: Record<string, string>): Promise<Answer> => {
    const res = await client.post(`/cases/${caseId}/contacts`, fields);
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    }
  };

  it("logs a home visit with a co-worker; it shows in the log, newest first, and is audited", async () => {
    const { caseId, harmed, co, lead: leadUser } = await newCase();
    const older = await post(
      lead,
      caseId,
      contact({ kind: "CALL", place: "PHONE", occurredAt: "2026-11-10T09:00", participantId: harmed.id, outcome: "First call: explained RJ." }),
    );
    expect(older.status).toBe(200);
    const res = await post(
      lead,
      caseId,
      contact({ participantId: harmed.id, coWorkerId: co.id, attendees: "Jo and her sister", outcome: "Talked through what a conference is like." }),
    );
    expect(res).toMatchObject({ status: 200, body: { ok: true, done: "Logged the visit with Jo." } });
    const row = await getDb().preparationContact.findUniqueOrThrow({ where: { id: res.body.id! } });
    expect(row).toMatchObject({
      caseId,
      participantId: harmed.id,
      coWorkerId: co.id,
      recordedById: leadUser.id,
      status: "COMPLETED",
      statusReason: "",
      attendees: "Jo and her sister",
    });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: "contact.create", target: `contact:${row.id}` } });
    expect(audit.details).not.toContain("conference is like");

    const page = await pageText(await lead.get(`/cases/${caseId}`));
    const newer = page.indexOf("Talked through what a conference is like.");
    expect(newer).toBeGreaterThan(-1);
    expect(newer).toBeLessThan(page.indexOf("First call: explained RJ."));
    expect(page).toContain(`with ${co.name}`);
  });

  it("a cancelled contact needs a reason; with one it is logged, even for its planned date", async () => {
    const { caseId, harmed } = await newCase();
    const before = await getDb().preparationContact.count();
    const missing = await post(lead, caseId, contact({ participantId: harmed.id, status: "CANCELLED" }));
    expect(missing).toMatchObject({ status: 400, body: { errors: { statusReason: "Say why it was cancelled" } } });
    const noShow = await post(lead, caseId, contact({ participantId: harmed.id, status: "NO_SHOW", statusReason: "  " }));
    expect(noShow).toMatchObject({ status: 400, body: { errors: { statusReason: "Say why they did not attend" } } });
    expect(await getDb().preparationContact.count()).toBe(before);

    const planned = new Date(Date.now() + 3 * DAY).toISOString();
    const ok = await post(lead, caseId, contact({ participantId: harmed.id, status: "CANCELLED", statusReason: "Jo is unwell.", occurredAt: planned }));
    expect(ok.status).toBe(200);
    expect(await getDb().preparationContact.findUniqueOrThrow({ where: { id: ok.body.id! } })).toMatchObject({ status: "CANCELLED", statusReason: "Jo is unwell." });
    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toContain("Jo is unwell.");
    expect(page).toContain("Cancelled");
  });

  describe("bad input answers 400 with the message and logs nothing", () => {
    let f: Awaited<ReturnType<typeof newCase>>;
    let foreignId = "";
    let outsiderId = "";
    beforeAll(async () => {
      f = await newCase();
      foreignId = (await newCase()).harmed.id;
      outsiderId = (await staff("other@demo.circle")).id;
    });

    it.each([
      ["another case's participant", () => contact({ participantId: foreignId }), "participantId", "Choose someone on this case"],
      ["an unknown participant", () => contact({ participantId: "cmbx3k9qv0000abcdefghijkl" }), "participantId", "Choose someone on this case"],
      ["a co-worker who is not on the case team", () => contact({ coWorkerId: outsiderId }), "coWorkerId", "Choose a member of the case team"],
      ["an unknown kind", () => contact({ kind: "TELEGRAM" }), "kind", "Choose the kind of contact"],
      ["an unknown place", () => contact({ place: "MOON" }), "place", "Choose where it was"],
      ["an unknown status", () => contact({ status: "POSTPONED" }), "status", "Choose whether it took place"],
      ["elsewhere without saying where", () => contact({ place: "OTHER" }), "placeDetail", "Say where it was"],
      ["a visit that took place in the future", () => contact({ occurredAt: "2099-01-01T10:00" }), "occurredAt", "That is in the future: enter when it happened"],
      ["no date", () => contact({ occurredAt: "" }), "occurredAt", "Enter a date and time"],
      ["an over-long outcome", () => contact({ outcome: "x".repeat(4001) }), "outcome", "Outcome must be at most 4000 characters"],
    ])("%s", async (_label, fields, field, message) => {
      const before = await getDb().preparationContact.count();
      const res = await post(lead, f.caseId, fields());
      expect(res.status).toBe(400);
      expect(res.body.errors?.[field]).toBe(message);
      expect(await getDb().preparationContact.count()).toBe(before);
    });
  });

  it("shows each participant's next contact due on the case page; overdue until a contact takes place", async () => {
    const { caseId, harmed } = await newCase();
    const page = await pageText(await lead.get(`/cases/${caseId}`));
    const created = (await getDb().participant.findUniqueOrThrow({ where: { id: harmed.id } })).createdAt;
    expect(page).toContain(`Next contact due ${formatDate(new Date(created.getTime() + 7 * DAY).toISOString())}`);
    expect(page).not.toContain("Contact overdue");

    const longAgo = new Date(Date.now() - 20 * DAY);
    const late = await getDb().participant.create({ data: { caseId, role: "PERSON_RESPONSIBLE", name: "Sam Carter", contactFrequency: "WEEKLY", createdAt: longAgo } });
    const overdue = await pageText(await lead.get(`/cases/${caseId}`));
    expect(overdue).toContain(`Contact overdue:</strong> next contact was due ${formatDate(new Date(longAgo.getTime() + 7 * DAY).toISOString())}`);

    const at = new Date(Date.now() - 60_000).toISOString();
    expect((await post(lead, caseId, contact({ participantId: late.id, kind: "CALL", place: "PHONE", occurredAt: at }))).status).toBe(200);
    const after = await pageText(await lead.get(`/cases/${caseId}`));
    expect(after).not.toContain("Contact overdue");
    expect(after).toContain(`Next contact due ${formatDate(new Date(new Date(at).getTime() + 7 * DAY).toISOString())}`);
  });

  it.each([
    ["the case supervisor", () => supervisor],
    ["the service manager", () => admin],
    ["a facilitator of another case", () => other],
  ])("%s gets 404 and logs nothing", async (_who, client) => {
    const { caseId, harmed } = await newCase();
    const res = await client().post(`/cases/${caseId}/contacts`, contact({ participantId: harmed.id }));
    expect(res.status).toBe(404);
    await res.body?.cancel();
    expect(await getDb().preparationContact.count({ where: { caseId } })).toBe(0);
  });

  it("the supervisor sees the log and the prompts but no form", async () => {
    const { caseId, harmed } = await newCase();
    await post(lead, caseId, contact({ participantId: harmed.id, outcome: "Visit notes for the record." }));
    const page = await pageText(await supervisor.get(`/cases/${caseId}`));
    expect(page).toContain("Visit notes for the record.");
    expect(page).toContain("Who is due a contact");
    expect(page).not.toContain("Log a contact");
  });
});
