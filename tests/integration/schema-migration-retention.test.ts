import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "~/models/retention-rules.server";
import { TMP } from "../support/paths";
import { migrationStep, type Rows } from "../support/release-fixture";

const BEFORE = "20261210000000_legal_hold_and_disposal";
const THIS = "20261210000100_retention_rules";

/**
 * The previous release's database (tests/fixtures/release-append-only-records.sql: the demo and
 * later records), migrated to the migration before retention rules, then brought up to date as `npm start` does it: every service that exists gets the
 * default retention rules a new service starts with, in the code's own words, and no other row of
 * any table changes.
 */
describe("adding retention rules to the previous release's database", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let through: Rows;
  let sqlite: Database.Database;

  beforeAll(() => {
    // Its rows are compared as this migration leaves them; later ones change their own.
    ({ dir, file, before, through } = migrationStep(TMP, BEFORE, THIS));
    sqlite = new Database(file);
  }, 120_000);

  afterAll(() => {
    sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives every service the default rules, as Circle's (nobody set them), in force", () => {
    const services = sqlite.prepare(`SELECT id FROM "Service"`).pluck().all() as string[];
    expect(services.length).toBeGreaterThan(0);
    for (const serviceId of services) {
      const rules = sqlite
        .prepare(`SELECT caseType, outcome, basis, years, months, untilAge, reason, inForce, createdById, retiredAt FROM "RetentionRule" WHERE serviceId = ? ORDER BY caseType`)
        .all(serviceId);
      expect(rules).toEqual(
        DEFAULT_RULES.map((r) => ({ ...r, inForce: `${r.caseType}:ANY`, createdById: null, retiredAt: null })).sort((a, b) => a.caseType.localeCompare(b.caseType)),
      );
    }
  });

  it("changes no row that was there, and starts with nothing due (the job finds them)", () => {
    const after = through;
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(after.DisposalDue).toEqual([]);
  });

  it("keeps the rules' history: a rule can be retired once, never rewritten or deleted", () => {
    const id = sqlite.prepare(`SELECT id FROM "RetentionRule" LIMIT 1`).pluck().get() as string;
    expect(() => sqlite.prepare(`UPDATE "RetentionRule" SET years = 1 WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(() => sqlite.prepare(`DELETE FROM "RetentionRule" WHERE id = ?`).run(id)).toThrow(/append-only/);
    sqlite.prepare(`UPDATE "RetentionRule" SET inForce = NULL, retiredAt = '2026-12-10T10:00:00.000+00:00' WHERE id = ?`).run(id);
    expect(() => sqlite.prepare(`UPDATE "RetentionRule" SET retiredAt = '2026-12-11T10:00:00.000+00:00' WHERE id = ?`).run(id)).toThrow(/append-only/);
  });
});
