import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_DEFAULT_REASON } from "~/models/audit-retention";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { factories } from "../../prisma/factories";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "../../prisma/seed-demo";
import { createCircleServer, type CircleServer } from "../../server/app";
import { TestClient } from "../support/http";

/**
 * The audit trail kept for its own period, against the real server and its SQLite file with the
 * retention job's clock in the test's hands: a run deletes each service's entries older than that
 * service's period (and entries of no service after the shortest period), keeps everything newer and
 * every other service's entries, records the prune with its cutoff and count, and deletes nothing
 * more when run again. The database still refuses any other delete. The period is the service
 * manager's to set, with a reason, kept as history; bad input changes nothing.
 */

const FORM = "/admin/retention?_data=routes%2Fadmin.retention";
// Seven years before the clock is 2023-01-01 12:00 UTC (the demo's default period); ten is 2020-01-01.
const clock = new Date("2030-01-01T12:00:00Z");
let server: CircleServer;
let origin: string;
let demoServiceId: string;
let otherServiceId: string;
let admin: TestClient;

type Entry = { actorId?: string | null; caseId?: string | null; target?: string; createdAt: string };
const entry = async (e: Entry) =>
  (
    await getDb().auditEvent.create({
      data: {
        actorId: e.actorId ?? null,
        actorRole: e.actorId ? "ADMIN" : "ANONYMOUS",
        action: e.caseId ? "case.view" : "sign-in.failed",
        target: e.target ?? (e.caseId ? `case:${e.caseId}` : "session"),
        caseId: e.caseId ?? null,
        details: "{}",
        createdAt: new Date(e.createdAt),
      },
      select: { id: true },
    })
  ).id;
const exists = async (id: string) => (await getDb().auditEvent.count({ where: { id } })) === 1;
const prunes = () => getDb().auditPrune.findMany({ orderBy: { id: "asc" } });
const pruneEntries = () => getDb().auditEvent.findMany({ where: { action: "audit.prune" }, orderBy: { id: "asc" } });

beforeAll(async () => {
  server = await createCircleServer({ retention: { now: () => clock, intervalMs: 3_600_000 } });
  const port = await server.listen(0, "127.0.0.1");
  origin = `http://127.0.0.1:${port}`;
  await seedDemoIfEmpty(getDb());
  demoServiceId = (await getDb().service.findFirstOrThrow({ where: { demo: true }, select: { id: true } })).id;
  admin = await new TestClient(origin).signIn("manager@demo.circle", DEMO_PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

describe("the retention job prunes the audit trail to each service's period", () => {
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    const make = factories(getDb());
    const other = await make.service("Northshire RJ");
    otherServiceId = other.id;
    // The other service keeps its trail 10 years.
    await getDb().auditRetention.create({ data: { serviceId: other.id, years: 10, reason: "Northshire policy 3.1" } });
    const otherAdmin = await make.user({ serviceId: other.id, email: "manager@northshire.test", name: "Nia North", role: "ADMIN", password: DEMO_PASSWORD });
    const demoCase = await getDb().case.findFirstOrThrow({ where: { serviceId: demoServiceId }, select: { id: true } });
    const demoManager = await getDb().user.findUniqueOrThrow({ where: { email: "manager@demo.circle" }, select: { id: true } });

    ids.demoCaseOld = await entry({ caseId: demoCase.id, actorId: demoManager.id, createdAt: "2020-05-01T09:00:00Z" });
    ids.demoActorOld = await entry({ actorId: demoManager.id, createdAt: "2022-12-31T09:00:00Z" });
    ids.demoNew = await entry({ caseId: demoCase.id, actorId: demoManager.id, createdAt: "2023-01-02T09:00:00Z" });
    // Older than the demo's 7 years, within Northshire's 10: Northshire's, so kept.
    ids.otherWithin = await entry({ actorId: otherAdmin.id, createdAt: "2021-06-01T09:00:00Z" });
    ids.otherOld = await entry({ actorId: otherAdmin.id, createdAt: "2018-06-01T09:00:00Z" });
    // No case and nobody known: kept for the shortest period in force, 7 years.
    ids.nobodyOld = await entry({ createdAt: "2022-06-01T09:00:00Z" });
    ids.nobodyNew = await entry({ createdAt: "2024-06-01T09:00:00Z" });
  });

  it("deletes the entries older than the period, keeps the newer ones and another service's, and records each prune by Circle with its cutoff and count", async () => {
    // The same run's sweep may find the demo's closed case due and say so in its trail: counted apart.
    const others = () => getDb().auditEvent.count({ where: { action: { notIn: ["retention.due.found", "audit.prune"] } } });
    const before = await others();
    const run = await server.retention.runNow();
    expect(run?.audit).not.toBeNull();

    expect(await exists(ids.demoCaseOld!)).toBe(false);
    expect(await exists(ids.demoActorOld!)).toBe(false);
    expect(await exists(ids.otherOld!)).toBe(false);
    expect(await exists(ids.nobodyOld!)).toBe(false);
    expect(await exists(ids.demoNew!)).toBe(true);
    expect(await exists(ids.otherWithin!)).toBe(true);
    expect(await exists(ids.nobodyNew!)).toBe(true);

    const rows = await prunes();
    expect(rows.map(({ serviceId, cutoff, state, count, startedAt, finishedAt }) => ({ serviceId, cutoff, state, count, startedAt, finishedAt }))).toEqual(
      expect.arrayContaining([
        { serviceId: demoServiceId, cutoff: new Date("2023-01-01T12:00:00Z"), state: "DONE", count: 2, startedAt: clock, finishedAt: clock },
        { serviceId: otherServiceId, cutoff: new Date("2020-01-01T12:00:00Z"), state: "DONE", count: 1, startedAt: clock, finishedAt: clock },
        { serviceId: null, cutoff: new Date("2023-01-01T12:00:00Z"), state: "DONE", count: 1, startedAt: clock, finishedAt: clock },
      ]),
    );
    expect(rows).toHaveLength(3);

    // Written by Circle (no actor, role SYSTEM), saying only the cutoff and the count.
    const written = await pruneEntries();
    expect(written.map((e) => ({ actorId: e.actorId, actorRole: e.actorRole, caseId: e.caseId, target: e.target, details: JSON.parse(e.details) as unknown }))).toEqual(
      expect.arrayContaining([
        { actorId: null, actorRole: "SYSTEM", caseId: null, target: `service:${demoServiceId}`, details: { cutoff: "2023-01-01T12:00:00.000Z", count: 2 } },
        { actorId: null, actorRole: "SYSTEM", caseId: null, target: `service:${otherServiceId}`, details: { cutoff: "2020-01-01T12:00:00.000Z", count: 1 } },
        { actorId: null, actorRole: "SYSTEM", caseId: null, target: "audit-trail", details: { cutoff: "2023-01-01T12:00:00.000Z", count: 1 } },
      ]),
    );
    expect(written).toHaveLength(3);
    expect(await others()).toBe(before - 4);
  });

  it("a second run deletes nothing more and records no prune", async () => {
    const before = await getDb().auditEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const run = await server.retention.runNow();
    expect(run?.audit).toEqual([]);
    expect(await getDb().auditEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await prunes()).toHaveLength(3);
  });

  it("shows the manager the period in force and the last prune: when, the cutoff, how many", async () => {
    const html = await (await admin.get("/admin/retention")).text();
    expect(html).toContain("The audit trail");
    expect(html).toContain("Audit entries are kept for <strong>7 years</strong>");
    expect(html).toContain("2 entries");
    expect(html).toContain(formatDateTime("2023-01-01T12:00:00.000Z"));
    expect(html).toContain(formatDateTime(clock.toISOString()));
    expect(html).toContain(AUDIT_DEFAULT_REASON.replaceAll("'", "&#x27;"));
  });

  it("an ordinary delete of an audit entry is still refused, old or new, and so is one inside another service's prune", async () => {
    const old = await entry({ createdAt: "2001-01-01T00:00:00Z" });
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, old)).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, ids.demoNew)).rejects.toThrow(/append-only/);
    // A RUNNING prune lets through only its own service's entries older than its cutoff.
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.auditPrune.create({ data: { serviceId: otherServiceId, cutoff: new Date("2040-01-01T00:00:00Z"), startedAt: clock } });
        await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, ids.demoNew);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.auditPrune.create({ data: { serviceId: demoServiceId, cutoff: new Date("2023-01-01T00:00:00Z"), startedAt: clock } });
        await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, ids.demoNew);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await exists(old)).toBe(true);
    expect(await exists(ids.demoNew!)).toBe(true);
    // A prune that dies before it commits leaves every entry in place, and no record of itself.
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.auditPrune.create({ data: { serviceId: null, cutoff: new Date("2040-01-01T00:00:00Z"), startedAt: clock } });
        expect(await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, old)).toBe(1);
        throw new Error("the server died here");
      }),
    ).rejects.toThrow(/died/);
    expect(await exists(old)).toBe(true);
    expect(await prunes()).toHaveLength(3);
    // A prune's record is never rewritten or deleted.
    const done = (await prunes())[0]!;
    await expect(getDb().$executeRawUnsafe(`UPDATE "AuditPrune" SET "count" = 0 WHERE "id" = ?`, done.id)).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "AuditPrune" WHERE "id" = ?`, done.id)).rejects.toThrow(/append-only/);
  });
});

describe("the manager sets how long the audit trail is kept", () => {
  const periods = () => getDb().auditRetention.findMany({ orderBy: { id: "asc" } });

  it("refuses the facilitators, the supervisor and the letter author with 404, and changes nothing", async () => {
    const before = await periods();
    for (const login of ["lead@demo.circle", "co@demo.circle", "other@demo.circle", "supervisor@demo.circle", "daniel"]) {
      const client = await new TestClient(origin).signIn(login, DEMO_PASSWORD);
      const post = await client.post(FORM, { intent: "audit-period", years: "1", reason: "Not theirs to set" });
      expect(post.status, login).toBe(404);
    }
    expect(await periods()).toEqual(before);
  });

  it("answers bad input with a message beside the field, and changes nothing", async () => {
    const before = await periods();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ intent: "audit-period", years: "0", reason: "Policy" }, "years", /at least 1 year/],
      [{ intent: "audit-period", years: "-2", reason: "Policy" }, "years", /at least 1 year/],
      [{ intent: "audit-period", years: "2.5", reason: "Policy" }, "years", /whole number/],
      [{ intent: "audit-period", years: "", reason: "Policy" }, "years", /whole number/],
      [{ intent: "audit-period", years: "seven", reason: "Policy" }, "years", /whole number/],
      [{ intent: "audit-period", years: "101", reason: "Policy" }, "years", /at most 100 years/],
      [{ intent: "audit-period", years: "5", reason: "   " }, "reason", /Give the reason/],
      [{ intent: "audit-period", years: "5", reason: "x".repeat(501) }, "reason", /at most 500 characters/],
    ];
    for (const [fields, field, message] of cases) {
      const res = await admin.post(FORM, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = (await res.json()) as { errors: Record<string, string> };
      expect(body.errors[field], JSON.stringify(fields)).toMatch(message);
    }
    expect(await periods()).toEqual(before);
  });

  it("a change is kept as history (who, when, old → new, why), audited, and the next run prunes to it", async () => {
    const res = await admin.post(FORM, { intent: "audit-period", years: "3", reason: "Service policy 7.1" });
    expect(await res.json()).toMatchObject({ ok: true, done: expect.stringContaining("kept for 3 years") });
    const rows = await getDb().auditRetention.findMany({ where: { serviceId: demoServiceId }, orderBy: { createdAt: "asc" }, include: { createdBy: true } });
    expect(rows.map((r) => ({ years: r.years, reason: r.reason, by: r.createdBy?.email ?? null }))).toEqual([
      { years: 7, reason: AUDIT_DEFAULT_REASON, by: null },
      { years: 3, reason: "Service policy 7.1", by: "manager@demo.circle" },
    ]);
    const audited = await getDb().auditEvent.findFirstOrThrow({ where: { action: "retention.audit.change" }, include: { actor: true } });
    expect(audited.actor?.email).toBe("manager@demo.circle");
    expect(audited.target).toBe(`service:${demoServiceId}`);
    expect(JSON.parse(audited.details)).toEqual({ years: 3, from: 7 });
    // The history can be neither rewritten nor deleted.
    await expect(getDb().$executeRawUnsafe(`UPDATE "AuditRetention" SET "years" = 50 WHERE "id" = ?`, rows[1]!.id)).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "AuditRetention" WHERE "id" = ?`, rows[0]!.id)).rejects.toThrow(/append-only/);

    const html = await (await admin.get("/admin/retention")).text();
    expect(html).toContain("Audit entries are kept for <strong>3 years</strong>");
    expect(html).toContain("7 years → 3 years");
    expect(html).toContain("Service policy 7.1");

    // Three years before the clock: the entry of 2023-01-02 goes now; Northshire's stays under its own 10 years.
    const run = await server.retention.runNow();
    expect(run?.audit).toContainEqual({ serviceId: demoServiceId, cutoff: "2027-01-01T12:00:00.000Z", count: expect.any(Number) });
    expect(await getDb().auditEvent.count({ where: { createdAt: { lt: new Date("2027-01-01T12:00:00Z") }, actor: { serviceId: demoServiceId } } })).toBe(0);
    expect(await getDb().auditEvent.count({ where: { actor: { serviceId: otherServiceId } } })).toBe(1);
  });
});
