import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, TMP } from "../support/paths";
import { allRows, deployAll, deployUpTo, foreignKeys, loadReleaseFixture, RELEASES, type Rows } from "../support/release-fixture";

/**
 * A database made by the release before the foreign keys and the append-only triggers (its newest
 * migration 20261207040000_first_run), holding the demo and later records
 * (tests/fixtures/release-first-run.sql), is brought up to date the way `npm start` does it
 * (`prisma migrate deploy`): every row must come through unchanged, every key must name a row, and
 * the records must then refuse to be rewritten.
 */
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");
/** The migrations this test is about end here; later ones check their own changes from the next release's data. */
const THROUGH = RELEASES["append-only-records"];

describe("migrating a database made by the previous release", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let through: Rows;
  let keysBefore: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(TMP, "migration-"));
    file = path.join(dir, "circle.db");
    loadReleaseFixture("first-run", file);
    before = allRows(file);
    // The one change the migration makes to data: a live pointer to a step that no longer exists is cleared.
    before.ConferenceLive = before
      .ConferenceLive!.map((row) => {
        const r = JSON.parse(row) as Record<string, unknown>;
        return JSON.stringify({ ...r, currentStepId: r.currentStepId === "gone-step" ? null : r.currentStepId });
      })
      .sort();
    const sqlite = new Database(file, { readonly: true });
    keysBefore = foreignKeys(sqlite);
    sqlite.close();

    deployUpTo(THROUGH, file, dir);
    through = allRows(file);
    deployAll(file);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the demo filled the records this migration rebuilds, so the comparison means something", () => {
    for (const table of [
      "Participant",
      "ConsentEntry",
      "CaseStageEvent",
      "CaseRecordChange",
      "Conference",
      "ConferenceStep",
      "ConferenceLive",
      "LiveEvent",
      "Agreement",
      "AgreementVersion",
      "AgreementTerm",
      "AgreementOutcomeNotice",
      "Letter",
      "LetterVersion",
      "LetterRelease",
      "LetterDeliveryChoice",
      "AuditEvent",
    ]) {
      expect(before[table]?.length, table).toBeGreaterThan(0);
    }
  });

  it(`keeps every row of every table, unchanged, through ${THROUGH}`, () => {
    const after = through;
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  });

  it("applies every migration, and every key now names an existing row", () => {
    const sqlite = new Database(file, { readonly: true });
    try {
      const applied = sqlite.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`).all() as { migration_name: string }[];
      expect(applied.map((m) => m.migration_name).sort()).toEqual(
        readdirSync(MIGRATIONS)
          .filter((n) => n !== "migration_lock.toml")
          .sort(),
      );
      expect(sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      expect(sqlite.prepare("PRAGMA integrity_check").pluck().get()).toBe("ok");
      const keys = foreignKeys(sqlite);
      for (const k of keysBefore) expect(keys).toContain(k);
      expect(keys).toEqual(
        expect.arrayContaining([
          "Letter.writerId -> Participant RESTRICT",
          "LetterRelease.versionId -> LetterVersion SET NULL",
          "ConsentEntry.recordedById -> User RESTRICT",
          "Agreement.approvedVersionId -> AgreementVersion RESTRICT",
          "ConferenceLive.currentStepId -> ConferenceStep SET NULL",
        ]),
      );
      // The demo's rows join through the new keys: each letter to its writer and recipient.
      const letters = sqlite
        .prepare(`SELECT count(*) FROM "Letter" l JOIN "Participant" w ON w.id = l.writerId AND w.caseId = l.caseId JOIN "Participant" r ON r.id = l.recipientId`)
        .pluck()
        .get();
      expect(letters).toBe(before.Letter!.length);
    } finally {
      sqlite.close();
    }
  });

  it("the records refuse to be changed or deleted, while the review steps still work", () => {
    const sqlite = new Database(file);
    try {
      sqlite.pragma("foreign_keys = ON");
      const one = (table: string) => sqlite.prepare(`SELECT id FROM "${table}" LIMIT 1`).pluck().get() as string;
      for (const table of [
        "ConsentEntry",
        "CaseStageEvent",
        "CaseRecordChange",
        "AuditEvent",
        "AgreementSignature",
        "AgreementPayment",
        "AgreementTermProgress",
        "AgreementOutcomeNotice",
        "LiveEvent",
        "RiskAssessment",
        "SupervisorApproval",
        "LetterDeliveryChoice",
        "LetterRelease",
      ]) {
        const id = one(table);
        expect(id, table).toBeTruthy();
        expect(() => sqlite.prepare(`UPDATE "${table}" SET id = id WHERE id = ?`).run(id), table).toThrow(/append-only/);
        expect(() => sqlite.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(id), table).toThrow(/append-only/);
      }
      const consent = one("ConsentEntry");
      expect(() => sqlite.prepare(`UPDATE "ConsentEntry" SET answer = 'NO' WHERE id = ?`).run(consent)).toThrow(/append-only/);

      // A letter version: text frozen, decided once, kept until its letter is destroyed.
      expect(() => sqlite.prepare(`UPDATE "LetterVersion" SET contentText = 'rewritten' WHERE id = 'lv-2'`).run()).toThrow(/frozen/);
      expect(() => sqlite.prepare(`DELETE FROM "LetterVersion" WHERE id = 'lv-1'`).run()).toThrow(/kept until its letter is destroyed/);
      expect(() => sqlite.prepare(`UPDATE "LetterVersion" SET decision = 'CHANGES_REQUESTED' WHERE id = 'lv-1'`).run()).toThrow(/already recorded/);
      sqlite.prepare(`UPDATE "LetterVersion" SET decision = 'CHANGES_REQUESTED', decisionReason = 'Shorter' WHERE id = 'lv-2'`).run();
      // Destroying: the letter is marked first, then its versions go and the release keeps its row without them.
      const letterId = sqlite.prepare(`SELECT letterId FROM "LetterVersion" WHERE id = 'lv-1'`).pluck().get();
      sqlite.transaction(() => {
        sqlite.prepare(`UPDATE "Letter" SET status = 'DESTROYED' WHERE id = ?`).run(letterId);
        sqlite.prepare(`DELETE FROM "LetterVersion" WHERE letterId = ?`).run(letterId);
      })();
      expect(sqlite.prepare(`SELECT versionId FROM "LetterRelease" WHERE id = 'lr-1'`).pluck().get()).toBeNull();
      expect(() => sqlite.prepare(`UPDATE "LetterRelease" SET method = 'POST' WHERE id = 'lr-1'`).run()).toThrow(/append-only/);

      const agreementVersion = one("AgreementVersion");
      expect(() => sqlite.prepare(`UPDATE "AgreementVersion" SET termsJson = '[]' WHERE id = ?`).run(agreementVersion)).toThrow(/frozen/);
      expect(() => sqlite.prepare(`DELETE FROM "AgreementVersion" WHERE id = ?`).run(agreementVersion)).toThrow(/append-only/);
      sqlite.prepare(`UPDATE "AgreementVersion" SET state = state WHERE id = ?`).run(agreementVersion);

      // A whole case cannot be deleted either: its records go with it.
      const caseId = one("Case");
      expect(() => sqlite.prepare(`DELETE FROM "Case" WHERE id = ?`).run(caseId)).toThrow();
      expect(sqlite.prepare(`SELECT count(*) FROM "Case" WHERE id = ?`).pluck().get(caseId)).toBe(1);
    } finally {
      sqlite.close();
    }
  });
});
