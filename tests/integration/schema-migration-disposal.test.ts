import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TMP } from "../support/paths";
import { migrationStep, type Rows } from "../support/release-fixture";

/**
 * Migration 20261210000000_legal_hold_and_disposal on the previous release's database
 * (tests/fixtures/release-append-only-records.sql, brought up to the migration before it): it adds
 * tables and a column and recreates the append-only triggers with the disposal's exemption. No row
 * may change, every trigger must still be there, and the demo's records must still refuse an
 * ordinary delete, while a transaction holding a RUNNING disposal row of their case gets through.
 */
const BEFORE = "20261209000000_conference_lists_as_rows";
const THIS = "20261210000000_legal_hold_and_disposal";
const NEW_TABLES = ["LegalHold", "CaseDisposal", "CaseDisposalCount", "CaseDisposalDocument"];

describe("migrating to legal holds and disposal, from the previous release's database", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let through: Rows;
  let triggersBefore: Record<string, string>;
  let triggersThrough: Record<string, string>;
  let sqlite: Database.Database;

  beforeAll(() => {
    // Its rows are compared as this migration leaves them; later ones add tables of their own.
    ({ dir, file, before, through, triggersBefore, triggersThrough } = migrationStep(TMP, BEFORE, THIS));
    sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
  }, 120_000);

  afterAll(() => {
    sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("changes no row, gives every case an empty disposal date, and adds empty tables", () => {
    const after = through;
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), ...NEW_TABLES].sort());
    for (const table of Object.keys(before).filter((t) => t !== "Case")) expect(after[table], table).toEqual(before[table]);
    const withColumn = before.Case!.map((row) => JSON.parse(row) as Record<string, unknown>).map((r) => ({ ...r, disposedAt: null }));
    expect(after.Case!.map((row) => JSON.parse(row) as Record<string, unknown>)).toEqual(expect.arrayContaining(withColumn));
    expect(after.Case!.length).toBeGreaterThan(0);
    for (const table of NEW_TABLES) expect(after[table], table).toEqual([]);
  });

  it("keeps every trigger, with the disposal's exemption on the case's records, and adds the new tables' own", () => {
    // As this migration leaves them: a later one (the audit trail's own retention) recreates AuditEvent_no_delete.
    const now = triggersThrough;
    for (const name of Object.keys(triggersBefore)) expect(now[name], name).toBeDefined();
    for (const name of ["ConsentEntry_no_delete", "LiveEvent_no_delete", "AgreementSignature_no_delete", "LetterVersion_no_delete", "AuditEvent_no_update"])
      expect(now[name], name).toMatch(/"CaseDisposal".*'RUNNING'/s);
    expect(now.AuditEvent_no_delete).toBe(triggersBefore.AuditEvent_no_delete);
    for (const name of ["LegalHold_no_update", "LegalHold_no_delete", "CaseDisposal_no_update", "CaseDisposal_no_delete"]) expect(now[name], name).toBeDefined();
  });

  it("refuses an ordinary delete of the demo's records, and lets through only a transaction holding its case's RUNNING disposal", () => {
    const caseId = sqlite.prepare(`SELECT "caseId" FROM "ConsentEntry" LIMIT 1`).pluck().get() as string;
    const manager = sqlite.prepare(`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' LIMIT 1`).pluck().get() as string;
    const consents = () => sqlite.prepare(`SELECT count(*) FROM "ConsentEntry" WHERE "caseId" = ?`).pluck().get(caseId) as number;
    const count = consents();
    expect(() => sqlite.prepare(`DELETE FROM "ConsentEntry" WHERE "caseId" = ?`).run(caseId)).toThrow(/append-only/);
    const otherCase = sqlite.prepare(`SELECT "id" FROM "Case" WHERE "id" <> ? LIMIT 1`).pluck().get(caseId) as string;
    const dispose = (disposing: string) =>
      sqlite.transaction(() => {
        sqlite
          .prepare(
            `INSERT INTO "CaseDisposal" ("id", "caseId", "tombstoneReference", "referenceHash", "reason", "approvedById") VALUES ('cmigrationdisposal0000001', ?, 'X', 'X', 'X', ?)`,
          )
          .run(disposing, manager);
        const deleted = sqlite.prepare(`DELETE FROM "ConsentEntry" WHERE "caseId" = ?`).run(caseId).changes;
        throw new Error(`roll back after deleting ${deleted}`);
      });
    // Another case's disposal lets nothing of this case through.
    expect(() => dispose(otherCase)()).toThrow(/append-only/);
    expect(() => dispose(caseId)()).toThrow(`roll back after deleting ${count}`);
    expect(consents()).toBe(count);
    expect(sqlite.prepare(`SELECT count(*) FROM "CaseDisposal"`).pluck().get()).toBe(0);
  });
});
