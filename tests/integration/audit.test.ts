import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const BUS_STOP = "RJ-2026-0142";
const BUS_STOP_TITLE = "Street robbery at a bus stop";
const UNKNOWN_CUID = "cmbx3k9qv0000abcdefghijkl";

/** Page HTML without the empty comments React puts between adjacent text parts. */
const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const userId = async (email: string) => (await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

describe("need-to-know access to a case, and its audit trail", () => {
  const server = useDemoServer();
  let busStopId = "";
  const as = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);

  beforeAll(async () => {
    busStopId = await caseIdByReference(BUS_STOP);
  });

  it("shows the lead the bus stop case overview and records that they viewed it", async () => {
    const lead = await as("lead@demo.circle");
    const leadId = await userId("lead@demo.circle");
    const before = await getDb().auditEvent.count({ where: { action: "case.view", actorId: leadId, caseId: busStopId } });
    const res = await lead.get(`/cases/${busStopId}`);
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain(BUS_STOP_TITLE);
    expect(html).toContain("You are lead facilitator");
    const rows = await getDb().auditEvent.findMany({
      where: { action: "case.view", actorId: leadId, caseId: busStopId },
      orderBy: { createdAt: "asc" },
      select: { actorRole: true, target: true },
    });
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({ actorRole: "FACILITATOR", target: `case:${busStopId}` });
  });

  it("shows the case to its co-facilitator and its supervisor", async () => {
    for (const email of ["co@demo.circle", "supervisor@demo.circle"]) {
      const res = await (await as(email)).get(`/cases/${busStopId}`);
      expect(res.status, email).toBe(200);
      expect(await res.text()).toContain(BUS_STOP_TITLE);
    }
  });

  it("answers 404 to a facilitator who is not on the case, without revealing it, and logs no view", async () => {
    const other = await as("other@demo.circle");
    const otherId = await userId("other@demo.circle");
    const res = await other.get(`/cases/${busStopId}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain(BUS_STOP_TITLE);
    expect(html).not.toContain(BUS_STOP);
    expect(html).toContain("Page not found");
    expect(await getDb().auditEvent.count({ where: { action: "case.view", actorId: otherId, caseId: busStopId } })).toBe(0);
    // The answer is the same as for a case that does not exist.
    expect((await other.get(`/cases/${UNKNOWN_CUID}`)).status).toBe(404);
  });

  it("lists only the user's own cases", async () => {
    const otherList = await (await (await as("other@demo.circle")).get("/cases")).text();
    expect(otherList).toContain("RJ-2026-0161");
    expect(otherList).not.toContain(BUS_STOP);
  });

  it("answers 404 for unknown and malformed case ids", async () => {
    const lead = await as("lead@demo.circle");
    for (const id of [UNKNOWN_CUID, BUS_STOP, "not-a-case", "..%2F..%2Fadmin%2Fusers", `c${"a".repeat(300)}`, `${busStopId}x`]) {
      const res = await lead.get(`/cases/${id}`);
      expect(res.status, id).toBe(404);
    }
    // Broken percent-encoding is bad input, not a server error.
    const broken = await lead.get("/cases/%E0%A4%A");
    expect(broken.status).toBe(400);
  });

  it("sends a signed-out visitor to sign in instead of showing the case", async () => {
    const res = await fetch(`${server().origin}/cases/${busStopId}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/cases/${busStopId}`)}`);
  });

  it("keeps the service manager out of case content (404) but lets them read the audit trail, which logs the reading", async () => {
    const manager = await as("manager@demo.circle");
    const managerId = await userId("manager@demo.circle");
    expect((await manager.get(`/cases/${busStopId}`)).status).toBe(404);

    await (await as("lead@demo.circle")).get(`/cases/${busStopId}`);
    const res = await manager.get(`/admin/cases/${busStopId}/audit`);
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain(`Audit trail · ${BUS_STOP}`);
    expect(html).toContain("Linda Millington");
    expect(html).toContain("case.view");
    expect(await getDb().auditEvent.count({ where: { action: "case.audit.view", actorId: managerId, caseId: busStopId } })).toBe(1);
    expect((await manager.get(`/admin/cases/${UNKNOWN_CUID}/audit`)).status).toBe(404);
    expect((await manager.get(`/admin/cases/not-a-case/audit`)).status).toBe(404);
  });

  it("answers 404 to non-admins on every admin page", async () => {
    for (const email of ["lead@demo.circle", "supervisor@demo.circle", "other@demo.circle"]) {
      const browser = await as(email);
      for (const path of ["/admin/users", "/admin/cases", `/admin/cases/${busStopId}/audit`]) {
        const res = await browser.get(path);
        expect(res.status, `${email} ${path}`).toBe(404);
        expect(await res.text()).not.toContain("Audit trail");
      }
    }
  });

  it("refuses a case of another service even if someone is wrongly listed on its team", async () => {
    const make = factories(getDb());
    const elsewhere = await make.service("Another RJ Service");
    const leadId = await userId("lead@demo.circle");
    const foreign = await make.case({
      serviceId: elsewhere.id,
      reference: "XX-2026-0001",
      title: "A case of another service",
      offenceSummary: "Not for this service.",
      members: [{ userId: leadId, role: "LEAD" }],
    });
    const lead = await as("lead@demo.circle");
    expect((await lead.get(`/cases/${foreign.id}`)).status).toBe(404);
    const manager = await as("manager@demo.circle");
    expect((await manager.get(`/admin/cases/${foreign.id}/audit`)).status).toBe(404);
  });

  it("keeps the audit log append-only: rows can be neither changed nor deleted", async () => {
    const db = getDb();
    await (await as("lead@demo.circle")).get(`/cases/${busStopId}`);
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "case.view", caseId: busStopId }, select: { id: true, action: true, target: true } });
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ?`, row.id)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, row.id)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { target: "case:elsewhere" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id }, select: { id: true, action: true, target: true } })).toEqual(row);
  });

  it("still accepts new audit rows (append-only is not read-only)", async () => {
    const before = await getDb().auditEvent.count();
    await (await as("lead@demo.circle")).get("/cases");
    expect(await getDb().auditEvent.count()).toBeGreaterThan(before);
  });
});
