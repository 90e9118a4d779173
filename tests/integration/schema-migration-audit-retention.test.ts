import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_DEFAULT_REASON, AUDIT_DEFAULT_YEARS } from "~/models/audit-retention";
import { TMP } from "../support/paths";
import { migrationStep, type Rows } from "../support/release-fixture";

/**
 * Migration 20261210000400_audit_trail_retention on the previous release's database
 * (tests/fixtures/release-append-only-records.sql, brought up to the migration before it): every
 * service gets Circle's default period for its audit trail, in the code's own words, no other row
 * changes, and the audit trail's delete trigger lets a delete through only inside a prune of the
 * entry's own service whose cutoff is later than the entry. An ordinary delete is refused as before.
 */
const BEFORE = "20261210000300_disposal_of_data_protection_requests";
const THIS = "20261210000400_audit_trail_retention";
const NEW_TABLES = ["AuditRetention", "AuditPrune"];

describe("migrating to the audit trail's own retention, from the previous release's database", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let through: Rows;
  let triggersBefore: Record<string, string>;
  let triggersThrough: Record<string, string>;
  let sqlite: Database.Database;

  beforeAll(() => {
    // Its rows are compared as this migration leaves them; later ones change their own.
    ({ dir, file, before, through, triggersBefore, triggersThrough } = migrationStep(TMP, BEFORE, THIS));
    sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
  }, 120_000);

  afterAll(() => {
    sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("changes no row that was there, prunes nothing, and gives every service Circle's default period as Circle's", () => {
    expect(Object.keys(through).sort()).toEqual([...Object.keys(before), ...NEW_TABLES].sort());
    for (const table of Object.keys(before)) expect(through[table], table).toEqual(before[table]);
    expect(before.AuditEvent!.length).toBeGreaterThan(0);
    expect(through.AuditPrune).toEqual([]);
    const services = (before.Service ?? []).map((r) => (JSON.parse(r) as { id: string }).id).sort();
    expect(services.length).toBeGreaterThan(0);
    const periods = through.AuditRetention!.map((r) => JSON.parse(r) as { serviceId: string; years: number; reason: string; createdById: string | null; createdAt: string });
    expect(periods.map((p) => p.serviceId).sort()).toEqual(services);
    for (const p of periods) {
      expect(p).toMatchObject({ years: AUDIT_DEFAULT_YEARS, reason: AUDIT_DEFAULT_REASON, createdById: null });
      // The text Prisma writes and reads back as a date.
      expect(new Date(p.createdAt).toISOString().slice(0, 19)).toBe(p.createdAt.slice(0, 19));
    }
  });

  it("keeps every trigger, changes only the audit trail's delete trigger, and adds the new tables' own", () => {
    for (const [name, sql] of Object.entries(triggersBefore)) {
      if (name === "AuditEvent_no_delete") expect(triggersThrough[name], name).toMatch(/"AuditPrune".*'RUNNING'.*"cutoff" > OLD\."createdAt"/s);
      else expect(triggersThrough[name], name).toBe(sql);
    }
    for (const name of ["AuditRetention_no_update", "AuditRetention_no_delete", "AuditPrune_no_update", "AuditPrune_no_delete"]) expect(triggersThrough[name], name).toBeDefined();
  });

  it("refuses an ordinary delete of an audit entry, and lets one through only inside a prune of its service with a later cutoff", () => {
    const row = sqlite
      .prepare(`SELECT e."id", e."createdAt", u."serviceId" FROM "AuditEvent" e JOIN "User" u ON u."id" = e."actorId" WHERE e."caseId" IS NULL ORDER BY e."createdAt" LIMIT 1`)
      .get() as { id: string; createdAt: string; serviceId: string };
    const count = () => sqlite.prepare(`SELECT count(*) FROM "AuditEvent"`).pluck().get() as number;
    const total = count();
    expect(() => sqlite.prepare(`DELETE FROM "AuditEvent"`).run()).toThrow(/append-only/);
    expect(() => sqlite.prepare(`DELETE FROM "AuditEvent" WHERE "id" = ?`).run(row.id)).toThrow(/append-only/);

    const later = new Date(Date.parse(row.createdAt) + 1000).toISOString().replace("Z", "+00:00");
    const earlier = new Date(Date.parse(row.createdAt) - 1000).toISOString().replace("Z", "+00:00");
    const prune = (serviceId: string | null, cutoff: string, state = "RUNNING") =>
      sqlite.transaction(() => {
        sqlite
          .prepare(`INSERT INTO "AuditPrune" ("id", "serviceId", "cutoff", "state", "startedAt") VALUES ('cmigrationprune000000001', ?, ?, ?, ?)`)
          .run(serviceId, cutoff, state, later);
        const deleted = sqlite.prepare(`DELETE FROM "AuditEvent" WHERE "id" = ?`).run(row.id).changes;
        throw new Error(`roll back after deleting ${deleted}`);
      });
    // The entry is newer than the cutoff; the prune belongs to no service; the prune is not running.
    expect(() => prune(row.serviceId, earlier)()).toThrow(/append-only/);
    expect(() => prune(null, later)()).toThrow(/append-only/);
    expect(() => prune(row.serviceId, later, "DONE")()).toThrow(/append-only/);
    expect(() => prune(row.serviceId, later)()).toThrow("roll back after deleting 1");
    expect(count()).toBe(total);
    expect(sqlite.prepare(`SELECT count(*) FROM "AuditPrune"`).pluck().get()).toBe(0);
  });
});
