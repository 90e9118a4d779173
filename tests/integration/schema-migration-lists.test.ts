import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDARD_TEMPLATE_ID } from "~/models/script-library";
import { ROOT, TMP } from "../support/paths";
import { allRows, deployAll, foreignKeys, LATER, loadReleaseFixture, RELEASES, rowJson, triggers, type Rows } from "../support/release-fixture";

/**
 * The release before conference lists became rows (tests/fixtures/release-append-only-records.sql:
 * the demo, a service template, a conference prepared from it and one from the built-in
 * "standard", speaking orders and addressed-to lists naming people of the conference's case,
 * people of another case and an id that never named anyone) is brought up to date as `npm start`
 * does it. Every list must come through in order as rows without the ids that name nobody on the
 * case, "standard" must point at the standard script's row, and nothing else may change.
 */
const PREVIOUS = RELEASES["append-only-records"];
const CHANGED = ["Conference", "ConferenceStep", "ScriptTemplate", "ScriptTemplateStep", "ConferenceSpeaker", "ConferenceStepAddressee"];
/** Tables later migrations add and fill (every service's default retention rules); the others start empty. */
const FILLED_LATER = ["RetentionRule"];

type Conference = { id: string; caseId: string; speakingOrder: string; scriptTemplateId: string | null };
type Step = { id: string; conferenceId: string; addressedTo: string };

describe("migrating conference lists to rows, from the previous release's database", () => {
  let dir: string;
  let file: string;
  let before: Rows;
  let conferences: Conference[];
  let steps: Step[];
  let people: Map<string, string>;
  let triggersBefore: Record<string, string>;
  let sqlite: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(path.join(TMP, "migration-lists-"));
    file = path.join(dir, "circle.db");
    loadReleaseFixture("append-only-records", file);
    before = allRows(file);
    const old = new Database(file, { readonly: true });
    conferences = old.prepare(`SELECT id, caseId, speakingOrder, scriptTemplateId FROM "Conference" ORDER BY id`).all() as Conference[];
    steps = old.prepare(`SELECT id, conferenceId, addressedTo FROM "ConferenceStep"`).all() as Step[];
    people = new Map((old.prepare(`SELECT id, caseId FROM "Participant"`).all() as { id: string; caseId: string }[]).map((p) => [p.id, p.caseId]));
    triggersBefore = triggers(old);
    old.close();
    deployAll(file);
    sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
  }, 120_000);

  afterAll(() => {
    sqlite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const [first, second] = [0, 1];
  const speakers = (conferenceId: string) => sqlite.prepare(`SELECT participantId FROM "ConferenceSpeaker" WHERE conferenceId = ? ORDER BY position`).pluck().all(conferenceId);
  const addressees = (stepId: string) => (sqlite.prepare(`SELECT participantId FROM "ConferenceStepAddressee" WHERE stepId = ?`).pluck().all(stepId) as string[]).sort();

  it("the previous release held the cases this migration must handle", () => {
    expect(conferences[first]!.scriptTemplateId).toBe("standard");
    expect(conferences[second]!.scriptTemplateId).toBe(LATER.template);
    const order = JSON.parse(conferences[first]!.speakingOrder) as string[];
    expect(order).toContain(LATER.unknownParticipant);
    expect(order.some((id) => people.has(id) && people.get(id) !== conferences[first]!.caseId)).toBe(true);
    expect(new Set(order).size).toBeLessThan(order.length);
    expect(steps.map((s) => s.addressedTo)).toContain("not a list");
  });

  it("applies only the migrations after the previous release, and every key names a row", () => {
    const applied = sqlite.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`).pluck().all();
    expect(applied).toEqual(readdirSync(path.join(ROOT, "prisma", "migrations")).filter((n) => n !== "migration_lock.toml"));
    expect(applied.filter((n) => (n as string) > PREVIOUS).length).toBeGreaterThan(0);
    expect(sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(sqlite.prepare("PRAGMA integrity_check").pluck().get()).toBe("ok");
    expect(foreignKeys(sqlite)).toEqual(
      expect.arrayContaining([
        "Conference.scriptTemplateId -> ScriptTemplate RESTRICT",
        "ConferenceSpeaker.conferenceId -> Conference CASCADE",
        "ConferenceSpeaker.participantId -> Participant CASCADE",
        "ConferenceStepAddressee.stepId -> ConferenceStep CASCADE",
        "ConferenceStepAddressee.participantId -> Participant CASCADE",
      ]),
    );
    const columns = (table: string) => (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    expect(columns("Conference")).not.toContain("speakingOrder");
    expect(columns("ConferenceStep")).not.toContain("addressedTo");
  });

  it("carries each speaking order over in its order, without the ids that name nobody on the conference's case, each person once", () => {
    const ownCase = [...people].filter(([, caseId]) => caseId === conferences[first]!.caseId).map(([id]) => id);
    const order = speakers(conferences[first]!.id) as string[];
    // The fixture listed everyone on the case (newest first) between a stranger's id and another case's person, and the first again at the end.
    const listed = (JSON.parse(conferences[first]!.speakingOrder) as string[]).slice(1, 1 + ownCase.length);
    expect(order).toEqual(listed);
    expect([...order].sort()).toEqual([...ownCase].sort());
    expect(sqlite.prepare(`SELECT position FROM "ConferenceSpeaker" WHERE conferenceId = ? ORDER BY position`).pluck().all(conferences[first]!.id)).toEqual(
      order.map((_id, i) => i),
    );
    // The second conference's case has nobody on it: its order named only someone of another case.
    expect(JSON.parse(conferences[second]!.speakingOrder)).toHaveLength(1);
    expect(speakers(conferences[second]!.id)).toEqual([]);
    expect(sqlite.prepare(`SELECT count(*) FROM "ConferenceSpeaker" WHERE participantId = ?`).pluck().get(LATER.unknownParticipant)).toBe(0);
  });

  it("carries each step's addressees over, without the ids that name nobody on the conference's case", () => {
    const [welcome, introductions, rules, closing] = LATER.steps;
    const json = (id: string) => JSON.parse(steps.find((s) => s.id === id)!.addressedTo) as string[];
    expect(addressees(welcome)).toEqual(json(welcome));
    // [someone on the case, a stranger's id, someone else on the case, another case's person]
    const listed = json(introductions);
    expect(addressees(introductions)).toEqual([listed[0]!, listed[2]!].sort());
    expect(addressees(rules)).toEqual([]);
    expect(addressees(closing)).toEqual([]);
  });

  it("points \"standard\" at the standard script's row, and the service template's conference at its template", () => {
    const template = (id: string) => sqlite.prepare(`SELECT scriptTemplateId FROM "Conference" WHERE id = ?`).pluck().get(id);
    expect(template(conferences[first]!.id)).toBe(STANDARD_TEMPLATE_ID);
    expect(template(conferences[second]!.id)).toBe(LATER.template);
    const standard = sqlite.prepare(`SELECT * FROM "ScriptTemplate" WHERE id = ?`).get(STANDARD_TEMPLATE_ID) as Record<string, unknown>;
    expect(standard).toMatchObject({ serviceId: null, archivedAt: null, createdById: null });
    expect(sqlite.prepare(`SELECT count(*) FROM "ScriptTemplateStep" WHERE templateId = ?`).pluck().get(STANDARD_TEMPLATE_ID)).toBeGreaterThan(10);
    // A template a conference was prepared from cannot be deleted.
    expect(() => sqlite.prepare(`DELETE FROM "ScriptTemplate" WHERE id = ?`).run(STANDARD_TEMPLATE_ID)).toThrow(/FOREIGN KEY/);
  });

  it("changes no other row of any table, and keeps every trigger", () => {
    const after = allRows(file);
    // This migration adds the two lists; later ones add tables of their own, which start empty.
    const lists = ["ConferenceSpeaker", "ConferenceStepAddressee"];
    const added = Object.keys(after).filter((t) => !Object.hasOwn(before, t));
    expect(added).toEqual(expect.arrayContaining(lists));
    for (const table of added.filter((t) => !lists.includes(t) && !FILLED_LATER.includes(t))) expect(after[table], table).toEqual([]);
    for (const table of Object.keys(before).filter((t) => !CHANGED.includes(t))) expect(after[table], table).toEqual(before[table]);

    const without = (rows: string[], column: string, change: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r) =>
      rows
        .map((row) => {
          const { [column]: _dropped, ...rest } = JSON.parse(row) as Record<string, unknown>;
          return rowJson(change(rest));
        })
        .sort();
    const standardTo = (r: Record<string, unknown>) => ({ ...r, scriptTemplateId: r.scriptTemplateId === "standard" ? STANDARD_TEMPLATE_ID : r.scriptTemplateId });
    expect(after.Conference).toEqual(without(before.Conference!, "speakingOrder", standardTo));
    expect(after.ConferenceStep).toEqual(without(before.ConferenceStep!, "addressedTo"));
    const notStandard = (rows: string[], key: string) => rows.filter((r) => (JSON.parse(r) as Record<string, unknown>)[key] !== STANDARD_TEMPLATE_ID);
    expect(notStandard(after.ScriptTemplate!, "id")).toEqual(before.ScriptTemplate);
    expect(notStandard(after.ScriptTemplateStep!, "templateId")).toEqual(before.ScriptTemplateStep);

    // Every trigger is kept as it was (later migrations add their own tables' triggers).
    expect(triggers(sqlite)).toMatchObject(triggersBefore);
    expect(Object.keys(triggersBefore).length).toBeGreaterThan(20);
  });

  it("drops a step's addressees with the step, and a participant's places in both lists with the participant", () => {
    const [, introductions] = LATER.steps;
    const caseId = conferences[first]!.caseId;
    const now = new Date().toISOString();
    sqlite
      .prepare(`INSERT INTO "Participant" (id, caseId, role, name, createdAt, updatedAt) VALUES ('cparticipantlater00000001', ?, 'SUPPORTER', 'Late Addition', ?, ?)`)
      .run(caseId, now, now);
    sqlite.prepare(`INSERT INTO "ConferenceSpeaker" (conferenceId, participantId, position) VALUES (?, 'cparticipantlater00000001', 99)`).run(conferences[first]!.id);
    sqlite.prepare(`INSERT INTO "ConferenceStepAddressee" (stepId, participantId) VALUES (?, 'cparticipantlater00000001')`).run(LATER.steps[0]);
    sqlite.prepare(`DELETE FROM "Participant" WHERE id = 'cparticipantlater00000001'`).run();
    expect(speakers(conferences[first]!.id)).not.toContain("cparticipantlater00000001");
    expect(addressees(LATER.steps[0])).not.toContain("cparticipantlater00000001");

    expect(addressees(introductions).length).toBeGreaterThan(0);
    sqlite.prepare(`DELETE FROM "ConferenceStep" WHERE id = ?`).run(introductions);
    expect(addressees(introductions)).toEqual([]);
  });
});

describe("the migrations and the Prisma schema", () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Columns, indexes and keys of every table: what the migrations built must be what the schema describes. */
  function shape(file: string) {
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
        .pluck()
        .all() as string[];
      return Object.fromEntries(
        tables.map((t) => {
          const columns = db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
          const indexes = (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number; origin: string }[])
            .map((ix) => `${ix.unique ? "unique " : ""}${ix.origin} (${(db.prepare(`PRAGMA index_info("${ix.name}")`).all() as { name: string }[]).map((c) => c.name).join(", ")})`)
            .sort();
          const keys = (db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { from: string; table: string; to: string; on_delete: string; on_update: string }[])
            .map((k) => `${k.from} -> ${k.table}.${k.to} ON DELETE ${k.on_delete} ON UPDATE ${k.on_update}`)
            .sort();
          return [
            t,
            {
              columns: columns.map((c) => `${c.name} ${c.type}${c.notnull ? " NOT NULL" : ""}${c.dflt_value ? ` DEFAULT ${c.dflt_value}` : ""}${c.pk ? ` pk${c.pk}` : ""}`).sort(),
              indexes,
              keys,
            },
          ];
        }),
      );
    } finally {
      db.close();
    }
  }

  it("build the tables, columns, indexes and keys the schema describes", () => {
    dir = mkdtempSync(path.join(TMP, "schema-shape-"));
    const migrated = path.join(dir, "migrated.db");
    deployAll(migrated);
    // What Prisma would create from the schema alone (the engine needs a database file to talk to).
    const script = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "scratch.db")}` },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const described = path.join(dir, "described.db");
    const db = new Database(described);
    db.exec(script);
    db.close();
    expect(shape(migrated)).toEqual(shape(described));
  });
});
