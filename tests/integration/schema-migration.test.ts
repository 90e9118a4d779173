import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, TMP } from "../support/paths";

/**
 * A database made by the release before the foreign keys and the append-only triggers (the
 * migrations up to PREVIOUS), holding the demo, is brought up to date the way `npm start` does it
 * (`prisma migrate deploy`): every row must come through unchanged, every key must name a row, and
 * the records must then refuse to be rewritten.
 */
const PREVIOUS = "20261207040000_first_run";
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

type Rows = Record<string, string[]>;

function deploy(projectDir: string, file: string) {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: projectDir,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

/** Every table's rows as sorted JSON lines (a table rebuild may change the physical order). */
function allRows(file: string): Rows {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[];
    const out: Rows = {};
    for (const { name } of tables) {
      const rows = sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      out[name] = rows
        .map((r) =>
          JSON.stringify(
            Object.fromEntries(
              Object.keys(r)
                .sort()
                .map((k) => [k, r[k] instanceof Buffer ? (r[k] as Buffer).toString("base64") : r[k]]),
            ),
          ),
        )
        .sort();
    }
    return out;
  } finally {
    sqlite.close();
  }
}

function foreignKeys(sqlite: Database.Database): string[] {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string; on_delete: string }[]).map(
      (fk) => `${name}.${fk.from} -> ${fk.table} ${fk.on_delete}`,
    ),
  );
}

/**
 * What a case further along than the demo holds (a script, a live conference, a submitted and
 * released letter, the person harmed told of the outcome), written as the previous release stored it.
 */
function addLaterRecords(file: string) {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("foreign_keys = ON");
    const now = new Date().toISOString().replace("Z", "+00:00");
    const get = (sql: string) => sqlite.prepare(sql).pluck().get() as string;
    const serviceId = get(`SELECT id FROM "Service"`);
    const userId = get(`SELECT id FROM "User" WHERE role = 'FACILITATOR' ORDER BY email LIMIT 1`);
    const letter = sqlite.prepare(`SELECT id, writerId, recipientId FROM "Letter" LIMIT 1`).get() as { id: string; writerId: string; recipientId: string };
    const [first, second] = sqlite.prepare(`SELECT id FROM "Conference" ORDER BY id`).pluck().all() as string[];
    const agreementId = get(`SELECT id FROM "Agreement"`);
    const harmed = get(`SELECT id FROM "Participant" WHERE role = 'PERSON_HARMED' ORDER BY id LIMIT 1`);
    const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
    run(`INSERT INTO "ScriptTemplate" (id, serviceId, name, createdById, createdAt, updatedAt) VALUES ('tpl', ?, 'Shorter', ?, ?, ?)`, serviceId, userId, now, now);
    run(`INSERT INTO "ScriptTemplateStep" (id, templateId, position, phase, title, prompt) VALUES ('tpl-1', 'tpl', 0, 'OPENING', 'Welcome', 'Welcome')`);
    run(`UPDATE "Conference" SET scriptTemplateId = 'tpl' WHERE id = ?`, first);
    run(
      `INSERT INTO "ConferenceStep" (id, conferenceId, position, phase, title, prompt, addressedTo, createdAt, updatedAt) VALUES ('step-1', ?, 0, 'OPENING', 'Welcome', 'Welcome', ?, ?, ?)`,
      first,
      JSON.stringify([letter.recipientId]),
      now,
      now,
    );
    run(
      `INSERT INTO "ConferenceLive" (conferenceId, status, currentStepId, currentSpeakerId, breakRequestedById, updatedAt) VALUES (?, 'PAUSED', 'step-1', ?, ?, ?)`,
      first,
      letter.recipientId,
      userId,
      now,
    );
    run(`INSERT INTO "ConferenceLive" (conferenceId, status, currentStepId, updatedAt) VALUES (?, 'LIVE', 'gone-step', ?)`, second, now);
    run(`INSERT INTO "LiveEvent" (id, conferenceId, seq, type, actorId, createdAt) VALUES ('live-1', ?, 1, 'start', ?, ?)`, first, userId, now);
    run(
      `INSERT INTO "LetterVersion" (id, letterId, number, contentJson, contentText, contentHash, submittedAt, decision, decidedById, decidedAt) VALUES ('lv-1', ?, 1, '{}', 'Dear Jess', 'h1', ?, 'APPROVED', ?, ?)`,
      letter.id,
      now,
      userId,
      now,
    );
    run(
      `INSERT INTO "LetterVersion" (id, letterId, number, contentJson, contentText, contentHash, submittedAt) VALUES ('lv-2', ?, 2, '{}', 'Dear Jess,', 'h2', ?)`,
      letter.id,
      now,
    );
    run(
      `INSERT INTO "LetterDeliveryChoice" (id, letterId, participantId, choice, method, recordedById, createdAt) VALUES ('ldc-1', ?, ?, 'RECEIVE_NOW', 'IN_PERSON', ?, ?)`,
      letter.id,
      letter.recipientId,
      userId,
      now,
    );
    run(`INSERT INTO "LetterRelease" (id, letterId, versionId, method, releasedById, releasedAt) VALUES ('lr-1', ?, 'lv-1', 'IN_PERSON', ?, ?)`, letter.id, userId, now);
    run(
      `INSERT INTO "AgreementOutcomeNotice" (id, agreementId, participantId, outcome, method, toldAt, recordedById, createdAt) VALUES ('aon-1', ?, ?, 'COMPLETED', 'PHONE', ?, ?, ?)`,
      agreementId,
      harmed,
      now,
      userId,
      now,
    );
    run(`INSERT INTO "AuditEvent" (id, actorId, actorRole, action, target, createdAt) VALUES ('audit-1', ?, 'FACILITATOR', 'case.view', 'case:x', ?)`, userId, now);
  } finally {
    sqlite.close();
  }
}

describe("migrating a database made by the previous release", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let keysBefore: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(TMP, "migration-"));
    file = path.join(dir, "circle.db");
    // A project folder holding only the earlier migrations, so `migrate deploy` stops at PREVIOUS.
    const previous = path.join(dir, "previous");
    const names = readdirSync(MIGRATIONS).filter((n) => n <= PREVIOUS || n === "migration_lock.toml");
    expect(names).toContain(PREVIOUS);
    for (const n of names) cpSync(path.join(MIGRATIONS, n), path.join(previous, "prisma", "migrations", n), { recursive: true });
    cpSync(path.join(ROOT, "prisma", "schema.prisma"), path.join(previous, "prisma", "schema.prisma"));
    cpSync(path.join(ROOT, "prisma.config.ts"), path.join(previous, "prisma.config.ts"));
    symlinkSync(path.join(ROOT, "node_modules"), path.join(previous, "node_modules"), "dir");
    deploy(previous, file);

    // The demo seed as `npm start` runs it on an empty database, in its own process (the seed's
    // helpers use the default client, which this test file's database is bound to).
    const seeded = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["-e", `import("./prisma/seed-demo.ts").then(async (m) => console.log(JSON.stringify(Boolean(await m.seedDemoIfEmpty()))))`],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8" },
    );
    expect(seeded.trim().split("\n").pop()).toBe("true");

    addLaterRecords(file);
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

    deploy(ROOT, file);
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

  it("keeps every row of every table, unchanged", () => {
    const after = allRows(file);
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
