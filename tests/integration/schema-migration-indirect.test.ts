import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TMP } from "../support/paths";
import { allRows, deployAll, deployUpTo, loadReleaseFixture, triggers, type Rows } from "../support/release-fixture";

/**
 * Migration 20261210000900_indirect_communication on the previous release's database
 * (tests/fixtures/release-append-only-records.sql, brought up to the migration before it, then
 * given the closures this migration must read): every case already closed as completed gets how
 * it was completed from what it holds (a conference held, else a letter released, else indirect
 * communication; a disposed case from its disposal's summary), the disposal summaries already
 * written get the same answer, and nothing else changes. The disposal's append-only trigger, lifted
 * for the copy, is back exactly as it was.
 */
const BEFORE = "20261210000800_letter_replies";
const THIS = "20261210000900_indirect_communication";
const CHANGED = ["Case", "CaseDisposal", "RiskAssessment"];

// Cases of the fixture (the demo of that release), by reference.
const REF = {
  letter: "RJ-2026-0142", // its letter is released here; its conference stays scheduled
  conference: "RJ-2026-0163", // its conference is held here
  nothing: "RJ-2026-0150",
  withdrawn: "RJ-2026-0174", // closed as withdrawn: not completed
  open: "RJ-2026-0172", // still open
  disposedLetter: "RJ-2026-0161",
  disposedConference: "RJ-2026-0180",
  disposedDeclined: "RJ-2026-0176",
  closedUnknown: "RJ-2026-0098", // closed before closure reasons were recorded
} as const;

describe("migrating to a recorded way of completion, from the previous release's database", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let through: Rows;
  let triggersBefore: Record<string, string>;
  let triggersThrough: Record<string, string>;
  let sqlite: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(path.join(TMP, "migration-indirect-"));
    file = path.join(dir, "circle.db");
    loadReleaseFixture("append-only-records", file);
    deployUpTo(BEFORE, file, dir);
    const old = new Database(file);
    const id = (reference: string) => old.prepare(`SELECT "id" FROM "Case" WHERE "reference" = ?`).pluck().get(reference) as string;
    const user = old.prepare(`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' LIMIT 1`).pluck().get() as string;
    const close = (reference: string, reason: string) => old.prepare(`UPDATE "Case" SET "stage" = 'CLOSED', "closureReason" = ? WHERE "reference" = ?`).run(reason, reference);
    old.transaction(() => {
      for (const ref of [REF.letter, REF.conference, REF.nothing, REF.disposedLetter, REF.disposedConference]) close(ref, "COMPLETED");
      close(REF.withdrawn, "WITHDRAWN");
      close(REF.disposedDeclined, "DECLINED_BY_HARMED");
      const letter = old.prepare(`SELECT "id" FROM "Letter" WHERE "caseId" = ?`).pluck().get(id(REF.letter)) as string;
      old.prepare(`INSERT INTO "LetterRelease" ("id", "letterId", "method", "releasedById") VALUES ('cmigrationrelease00000001', ?, 'POST', ?)`).run(letter, user);
      old.prepare(`UPDATE "Conference" SET "status" = 'HELD' WHERE "caseId" = ?`).run(id(REF.conference));
      const dispose = (reference: string, summary: { conferenceHeld?: number; letterSent?: number }, n: number) => {
        old.prepare(`UPDATE "Case" SET "disposedAt" = '2026-12-06T10:00:00.000+00:00' WHERE "reference" = ?`).run(reference);
        old
          .prepare(
            `INSERT INTO "CaseDisposal" ("id", "caseId", "state", "tombstoneReference", "referenceHash", "reason", "approvedById", "conferenceHeld", "letterSent") VALUES (?, ?, 'DONE', ?, 'x', 'Retention', ?, ?, ?)`,
          )
          .run(`cmigrationdisposal0000000${n}`, id(reference), `DISPOSED-MIGRATION${n}`, user, summary.conferenceHeld ?? 0, summary.letterSent ?? 0);
      };
      dispose(REF.disposedLetter, { letterSent: 1 }, 1);
      dispose(REF.disposedConference, { conferenceHeld: 1, letterSent: 1 }, 2);
      dispose(REF.disposedDeclined, { conferenceHeld: 1 }, 3);
    })();
    old.close();
    before = allRows(file);
    triggersBefore = triggersOf(file);
    deployUpTo(THIS, file, path.join(dir, "through"));
    through = allRows(file);
    triggersThrough = triggersOf(file);
    deployAll(file);
    sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
  }, 120_000);

  afterAll(() => {
    sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (rows: Rows, table: string) => rows[table]!.map((r) => JSON.parse(r) as Record<string, unknown>);
  const byReference = (rows: Rows) => new Map(rowsOf(rows, "Case").map((c) => [c.reference as string, c]));

  it("gives each case closed as completed the way it was completed, from what it holds, and no other case any", () => {
    const cases = byReference(through);
    const way = (reference: string) => cases.get(reference)!.completedBy;
    expect(way(REF.conference)).toBe("CONFERENCE");
    expect(way(REF.letter)).toBe("LETTERS");
    expect(way(REF.nothing)).toBe("INDIRECT_MESSAGES");
    expect(way(REF.disposedLetter)).toBe("LETTERS");
    expect(way(REF.disposedConference)).toBe("CONFERENCE");
    for (const ref of [REF.withdrawn, REF.open, REF.disposedDeclined, REF.closedUnknown]) expect(way(ref), ref).toBeNull();
    expect([...cases.values()].filter((c) => c.completedBy === null)).toHaveLength(cases.size - 5);
  });

  it("copies the answer into the disposal summaries already written", () => {
    const cases = new Map(rowsOf(through, "Case").map((c) => [c.id as string, c]));
    const summaries = rowsOf(through, "CaseDisposal").map((d) => [cases.get(d.caseId as string)!.reference, d.completedBy]);
    expect(Object.fromEntries(summaries)).toEqual({ [REF.disposedLetter]: "LETTERS", [REF.disposedConference]: "CONFERENCE", [REF.disposedDeclined]: null });
  });

  it("changes nothing else: the other columns of every row, the other tables, the new risk questions empty", () => {
    for (const table of Object.keys(before).filter((t) => !CHANGED.includes(t))) expect(through[table], table).toEqual(before[table]);
    const without = (rows: Record<string, unknown>[], columns: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !columns.includes(k))));
    expect(without(rowsOf(through, "Case"), ["completedBy"])).toEqual(expect.arrayContaining(rowsOf(before, "Case")));
    expect(without(rowsOf(through, "CaseDisposal"), ["completedBy"])).toEqual(expect.arrayContaining(rowsOf(before, "CaseDisposal")));
    const assessments = rowsOf(through, "RiskAssessment");
    expect(assessments.length).toBeGreaterThan(0);
    expect(without(assessments, ["messagesRisk", "doNotPassOn", "inCustody", "custodyRules"])).toEqual(expect.arrayContaining(rowsOf(before, "RiskAssessment")));
    for (const a of assessments) expect(a).toMatchObject({ messagesRisk: "", doNotPassOn: "", inCustody: 0, custodyRules: "" });
  });

  it("puts the disposal's append-only trigger back as it was, and it still refuses a change", () => {
    for (const [name, sql] of Object.entries(triggersBefore)) expect(triggersThrough[name], name).toBe(sql);
    expect(() => sqlite.prepare(`UPDATE "CaseDisposal" SET "completedBy" = 'CONFERENCE'`).run()).toThrow(/append-only/);
  });
});

function triggersOf(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    return triggers(db);
  } finally {
    db.close();
  }
}
