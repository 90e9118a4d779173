import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The action pipeline (app/utils/action.server.ts) as a person meets it through two of the forms
 * that use it: the case screen's contact log and the manager's script templates.
 */
const staff = (email: string) => getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true, serviceId: true } });
type Answer = { status: number; body: { ok?: boolean; done?: string; errors?: Record<string, string>; reasons?: string[] } };

async function newCase() {
  const [lead, sup] = await Promise.all([staff("lead@demo.circle"), staff("supervisor@demo.circle")]);
  const make = factories(getDb());
  const c = await make.case({
    serviceId: lead.serviceId,
    reference: `P-${randomUUID().slice(0, 8)}`,
    title: "Pipeline test case",
    offenceSummary: "A test.",
    stage: "PREPARATION",
    members: [
      { userId: lead.id, role: "LEAD" },
      { userId: sup.id, role: "SUPERVISOR" },
    ],
  });
  return { caseId: c.id, lead };
}

const contact = { intent: "add", kind: "VISIT", occurredAt: "2026-11-20T14:00", place: "HOME", status: "COMPLETED" };

describe("every form that goes through the action pipeline", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let supervisor: TestClient;
  let manager: TestClient;

  beforeAll(async () => {
    const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
    [lead, supervisor, manager] = await Promise.all([signIn("lead@demo.circle"), signIn("supervisor@demo.circle"), signIn("manager@demo.circle")]);
  });

  const post = async (client: TestClient, path: string, fields: Record<string, string>): Promise<Answer> => {
    const res = await client.post(path, fields);
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as Answer["body"] };
    } catch {
      return { status: res.status, body: {} };
    }
  };
  const trail = (caseId: string) => getDb().auditEvent.findMany({ where: { caseId }, select: { action: true } });

  it("answers bad input with a message per field, and changes and records nothing", async () => {
    const { caseId } = await newCase();
    const before = await trail(caseId);
    const answer = await post(lead, `/cases/${caseId}/contacts`, { ...contact, kind: "CARRIER_PIGEON", place: "", status: "" });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({ kind: "Choose the kind of contact", place: "Choose where it was", status: "Choose whether it took place" });
    expect(await getDb().preparationContact.count({ where: { caseId } })).toBe(0);
    expect(await trail(caseId)).toEqual(before);
  });

  it("refuses someone whose role does not allow the change before reading the form (404), changing nothing", async () => {
    const { caseId } = await newCase();
    const bySupervisor = await post(supervisor, `/cases/${caseId}/contacts`, contact);
    expect(bySupervisor.status).toBe(404);
    // The same for a bad form: the supervisor does not even learn which fields are wrong.
    expect((await post(supervisor, `/cases/${caseId}/contacts`, { intent: "add" })).status).toBe(404);
    const byFacilitator = await post(lead, "/admin/scripts", { intent: "create", name: "Not theirs", basedOn: "empty" });
    expect(byFacilitator.status).toBe(404);
    expect(await getDb().preparationContact.count({ where: { caseId } })).toBe(0);
    expect(await getDb().scriptTemplate.count({ where: { name: "Not theirs" } })).toBe(0);
  });

  it("makes the change, says so, and writes one audit entry with who, which case and the address it came from", async () => {
    const { caseId, lead: leadUser } = await newCase();
    const answer = await post(lead, `/cases/${caseId}/contacts`, contact);
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    const saved = await getDb().preparationContact.findFirstOrThrow({ where: { caseId }, select: { id: true } });
    const entries = await getDb().auditEvent.findMany({ where: { caseId, action: "contact.create" }, select: { actorId: true, target: true, ip: true } });
    expect(entries).toEqual([{ actorId: leadUser.id, target: `contact:${saved.id}`, ip: "127.0.0.1" }]);
  });

  it("answers a rule's refusal with its reasons, rolls it back and records no change", async () => {
    const { caseId } = await newCase();
    const answer = await post(lead, `/cases/${caseId}/stage`, { intent: "move", to: "CONFERENCE_HELD" });
    expect(answer.status).toBe(400);
    expect(answer.body.reasons?.length).toBeGreaterThan(0);
    expect(answer.body.errors?.form).toBe("A case at preparation cannot move to conference held.");
    expect((await getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } })).stage).toBe("PREPARATION");
    expect(await getDb().auditEvent.count({ where: { caseId, action: "case.stage" } })).toBe(0);
  });

  it("audits a service-level change with the address too, and tells the manager why nothing moved", async () => {
    const name = `Pipeline ${randomUUID().slice(0, 8)}`;
    const created = await post(manager, "/admin/scripts", { intent: "create", name, basedOn: "empty" });
    expect(created.status).toBe(200);
    const template = await getDb().scriptTemplate.findFirstOrThrow({ where: { name }, select: { id: true } });
    const entry = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "script-template.create", target: `script-template:${template.id}` },
      select: { ip: true, caseId: true },
    });
    expect(entry).toEqual({ ip: "127.0.0.1", caseId: null });

    // A step that is not in this template: nothing moves, and the manager is told why.
    const refused = await post(manager, "/admin/scripts?_data=routes%2Fadmin.scripts", {
      intent: "move-step",
      templateId: template.id,
      stepId: "cnotastepofthistemplate00",
      direction: "up",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({ form: "That step is not in this template." });
  });
  it("takes the password page too: a wrong current password is refused and audited, and the right one changes it and ends the other sessions", async () => {
    const { serviceId } = await staff("lead@demo.circle");
    const email = `pw-${randomUUID().slice(0, 8)}@demo.circle`;
    const person = await factories(getDb()).user({ serviceId, email, name: "Pat Password", role: "FACILITATOR", password: "first password 2026" });
    const [here, elsewhere] = await Promise.all([
      new TestClient(server().origin).signIn(email, "first password 2026"),
      new TestClient(server().origin).signIn(email, "first password 2026"),
    ]);
    const entries = () => getDb().auditEvent.findMany({ where: { target: `user:${person.id}` }, select: { action: true }, orderBy: { createdAt: "asc" } });

    const wrong = await here.post("/account/password", { current: "not my password", password: "second password 2026", confirm: "second password 2026" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password");
    expect((await entries()).map((e) => e.action)).toEqual(["user.change-password.refused"]);
    expect((await elsewhere.get("/cases")).status).toBe(200);

    const right = await here.post("/account/password", { current: "first password 2026", password: "second password 2026", confirm: "second password 2026" });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/cases");
    expect((await entries()).map((e) => e.action)).toEqual(["user.change-password.refused", "user.change-password"]);
    // The other device was signed out; the new password signs in, the old one does not.
    expect((await elsewhere.get("/cases")).status).toBe(302);
    await expect(new TestClient(server().origin).signIn(email, "second password 2026")).resolves.toBeInstanceOf(TestClient);
    await expect(new TestClient(server().origin).signIn(email, "first password 2026")).rejects.toThrow();
  });
});
