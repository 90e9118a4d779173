import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { demoStaff, newAuditCase, seedAudit, type DemoStaff } from "../support/audit-cases";
import { TestClient } from "../support/http";
import { requireSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * One view entry per person, thing and 10 minutes; a change is written every time. The letter
 * page's 5 s refresh and the agreement page's reload after every change used to write a view
 * each, and a morning of open tabs pushed consent and approval entries out of the trail.
 */

const MINUTE = 60_000;
const db = () => getDb();

describe("views in the audit trail", () => {
  const server = useDemoServer();
  const as = (login: string) => new TestClient(server().origin).signIn(login, DEMO_PASSWORD);
  let staff: DemoStaff;

  beforeAll(async () => {
    staff = await demoStaff();
  });

  it("keeps repeated views of one page by one person to one entry, even at the same moment, and writes each change", async () => {
    const c = await newAuditCase(staff);
    const harmed = await factories(db()).participant({ caseId: c.id, role: "PERSON_HARMED", name: "Jess Arden" });
    const lead = await as("lead@demo.circle");
    const entries = (actorId: string, action = "case.view") => db().auditEvent.count({ where: { caseId: c.id, action, actorId } });

    for (let i = 0; i < 3; i++) expect((await lead.get(`/cases/${c.id}`)).status).toBe(200);
    await Promise.all(Array.from({ length: 5 }, () => lead.get(`/cases/${c.id}`).then((r) => r.text())));
    expect(await entries(staff.lead.id)).toBe(1);

    // Another person's view, and another page of the same case, are entries of their own.
    const co = await as("co@demo.circle");
    expect((await co.get(`/cases/${c.id}`)).status).toBe(200);
    expect((await lead.get(`/cases/${c.id}/notes`)).status).toBe(200);
    expect(await entries(staff.co.id)).toBe(1);
    expect(await entries(staff.lead.id, "case.notes.view")).toBe(1);

    // Changes are written every time, however quickly they follow each other.
    const contact = { intent: "add", kind: "CALL", place: "PHONE", occurredAt: "2026-11-20T14:00", status: "COMPLETED", participantId: harmed.id };
    for (let i = 0; i < 2; i++) expect((await lead.post(`/cases/${c.id}/contacts`, contact)).status).toBe(200);
    expect(await entries(staff.lead.id, "contact.create")).toBe(2);
  });

  it("writes a view again once the person's last entry for it is more than 10 minutes old", async () => {
    const c = await newAuditCase(staff);
    await seedAudit(c.id, [
      { actorId: staff.supervisor.id, actorRole: "SUPERVISOR", action: "case.view", at: new Date(Date.now() - 11 * MINUTE) },
      { actorId: staff.co.id, action: "case.view", at: new Date(Date.now() - 9 * MINUTE) },
    ]);
    expect((await (await as("supervisor@demo.circle")).get(`/cases/${c.id}`)).status).toBe(200);
    expect((await (await as("co@demo.circle")).get(`/cases/${c.id}`)).status).toBe(200);
    expect(await db().auditEvent.count({ where: { caseId: c.id, action: "case.view", actorId: staff.supervisor.id } })).toBe(2);
    expect(await db().auditEvent.count({ where: { caseId: c.id, action: "case.view", actorId: staff.co.id } })).toBe(1);
  });

  it("writes a view whose details differ from the person's latest one, even within 10 minutes", async () => {
    const lead = await as("lead@demo.circle");
    const lists = () => db().auditEvent.findMany({ where: { action: "case.list", actorId: staff.lead.id }, orderBy: { createdAt: "asc" }, select: { details: true } });
    const counts = async () => (await lists()).map((e) => (JSON.parse(e.details) as { count: number }).count);
    const before = await counts();
    const list = async () => expect((await lead.get("/cases")).status).toBe(200);
    await list();
    await list();
    const start = await counts();
    expect(start.length).toBe(Math.max(before.length, 1));
    // Put on a new case, the list shows one more: a new entry; taken off it again, one fewer: another.
    const c = await newAuditCase(staff);
    await list();
    await db().caseMember.deleteMany({ where: { caseId: c.id } });
    await list();
    await list();
    const n = start.at(-1)!;
    expect((await counts()).slice(start.length)).toEqual([n + 1, n]);
  });

  it("keeps the letter author's 5-second refresh to one entry", async () => {
    const busStop = await db().case.findFirstOrThrow({ where: { reference: "RJ-2026-0142" }, select: { id: true } });
    const letter = await db().letter.findFirstOrThrow({ where: { caseId: busStop.id, author: { username: "daniel" } }, select: { id: true, authorId: true } });
    const author = await as("daniel");
    for (let i = 0; i < 4; i++) expect((await author.get(`/letters/${letter.id}?_data=${encodeURIComponent("routes/letters.$letterId")}`)).status).toBe(200);
    expect(await db().auditEvent.count({ where: { action: "letter.author.view", actorId: letter.authorId! } })).toBe(1);
  });

  it("collapses views the real-time server records too (following a case's live updates)", async () => {
    const c = await newAuditCase(staff);
    const lead = await as("lead@demo.circle");
    for (let i = 0; i < 3; i++) {
      const socket = await requireSocket(server().origin, lead.cookieHeader);
      const ack = await (socket.timeout(5_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }> }).emitWithAck("case:subscribe", { caseId: c.id });
      socket.close();
      expect(ack.ok).toBe(true);
    }
    expect(await db().auditEvent.count({ where: { caseId: c.id, action: "case.live.subscribe", actorId: staff.lead.id } })).toBe(1);
  });
});
