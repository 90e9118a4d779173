import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { dumpDatabase } from "./sqlite-dump";

/**
 * Writes the databases a release left behind as readable SQL dumps (tests/fixtures/release-*.sql),
 * so the migration tests start from what that release stored rather than from rows today's code
 * would write: seeding with the current Prisma client only works while the schema has not moved on.
 *
 * For each release: the migrations up to its newest one are deployed into an empty file
 * (`prisma migrate deploy`, as `npm start` does), the demo is seeded by `seedDemoIfEmpty()` of
 * prisma/seed-demo.ts in its own process, and `addLaterRecords` adds what a case further along than
 * the demo holds (a service template, a prepared script, a live conference, a released letter, the
 * person harmed told of the outcome, speaking orders and questions addressed to people, some naming
 * participants who are not on that conference's case). The dump is then every table, row, index
 * and trigger in SQLite's own words.
 *
 * Regenerate from a checkout of the release being captured, where the seed, the Prisma client and
 * the migrations agree: `npx tsx scripts/release-fixture.ts`. At a later commit the seed writes
 * columns the old schema does not have. Each dump's header names the commit it was made at.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");

/** The releases captured: the fixture's name and the newest migration that release had. */
export const RELEASES = {
  "first-run": "20261207040000_first_run",
  "append-only-records": "20261208010000_append_only_records",
} as const;
export type ReleaseName = keyof typeof RELEASES;

export const releaseFixturePath = (name: ReleaseName) => path.join(FIXTURES, `release-${name}.sql`);

/** The ids the later records use, for the tests that check what a migration did with them. */
export const LATER = {
  template: "ctpllaterrecords0000000001",
  steps: ["cstepaddressed00000000001", "cstepaddressed00000000002", "cstepaddressed00000000003", "cstepaddressed00000000004"],
  /** An id that never named a participant. */
  unknownParticipant: "cparticipantgone000000001",
} as const;

/** `prisma migrate deploy` of the migrations up to `migration` only, from a project folder made in `workDir`. */
export function deployUpTo(migration: string, file: string, workDir: string) {
  const project = path.join(workDir, "project");
  const names = readdirSync(MIGRATIONS).filter((n) => n <= migration || n === "migration_lock.toml");
  if (!names.includes(migration)) throw new Error(`no migration ${migration}`);
  for (const n of names) cpSync(path.join(MIGRATIONS, n), path.join(project, "prisma", "migrations", n), { recursive: true });
  cpSync(path.join(ROOT, "prisma", "schema.prisma"), path.join(project, "prisma", "schema.prisma"));
  cpSync(path.join(ROOT, "prisma.config.ts"), path.join(project, "prisma.config.ts"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: project, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
}

function seedDemo(file: string) {
  // Its own process: the seed's helpers use the default client, bound to DATABASE_URL at import.
  const out = execFileSync(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["-e", `import("./prisma/seed-demo.ts").then(async (m) => console.log(JSON.stringify(Boolean(await m.seedDemoIfEmpty()))))`],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${file}`, LOG_LEVEL: "error" }, encoding: "utf8" },
  );
  if (out.trim().split("\n").pop() !== "true") throw new Error(`the demo seed did nothing on ${file}`);
}

/**
 * What a case further along than the demo holds, written as the release stored it. The first
 * release had no foreign keys, so it also gets a live pointer to a step that no longer exists.
 */
function addLaterRecords(file: string, release: ReleaseName) {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("foreign_keys = ON");
    const now = new Date().toISOString().replace("Z", "+00:00");
    const get = (sql: string, ...args: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .get(...args) as string;
    const all = (sql: string, ...args: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .all(...args) as string[];
    const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
    const serviceId = get(`SELECT id FROM "Service"`);
    const userId = get(`SELECT id FROM "User" WHERE role = 'FACILITATOR' ORDER BY email LIMIT 1`);
    const letter = sqlite.prepare(`SELECT id, writerId, recipientId FROM "Letter" LIMIT 1`).get() as { id: string; writerId: string; recipientId: string };
    const [first, second] = all(`SELECT id FROM "Conference" ORDER BY id`);
    const caseOf = (conferenceId: string) => get(`SELECT caseId FROM "Conference" WHERE id = ?`, conferenceId);
    const agreementId = get(`SELECT id FROM "Agreement"`);
    const harmed = get(`SELECT id FROM "Participant" WHERE role = 'PERSON_HARMED' ORDER BY id LIMIT 1`);
    // Participants of the first conference's case (newest first, so the order is not the table's), and one of another case.
    const ownPeople = all(`SELECT id FROM "Participant" WHERE caseId = ? ORDER BY createdAt DESC, id DESC`, caseOf(first!));
    if (!second || ownPeople.length < 3) throw new Error("the demo no longer has two conferences, the first with three people on its case");
    const otherCase = get(`SELECT id FROM "Participant" WHERE caseId <> ? ORDER BY id LIMIT 1`, caseOf(first!));
    const templateId = LATER.template;
    const [s1, s2, s3, s4] = LATER.steps;

    run(`INSERT INTO "ScriptTemplate" (id, serviceId, name, createdById, createdAt, updatedAt) VALUES (?, ?, 'Shorter', ?, ?, ?)`, templateId, serviceId, userId, now, now);
    run(
      `INSERT INTO "ScriptTemplateStep" (id, templateId, position, phase, title, prompt) VALUES ('ctplstepwelcome0000000001', ?, 0, 'OPENING', 'Welcome', 'Welcome')`,
      templateId,
    );
    // The first conference was prepared from the built-in script, the second (whose case has nobody
    // on it yet) from the service's template; its speaking order names only someone of another case.
    run(
      `UPDATE "Conference" SET scriptTemplateId = 'standard', speakingOrder = ? WHERE id = ?`,
      JSON.stringify([LATER.unknownParticipant, ...ownPeople, otherCase, ownPeople[0]]),
      first,
    );
    run(`UPDATE "Conference" SET scriptTemplateId = ?, speakingOrder = ? WHERE id = ?`, templateId, JSON.stringify(ownPeople.slice(0, 1)), second);
    const step = (id: string, position: number, title: string, addressedTo: string) =>
      run(
        `INSERT INTO "ConferenceStep" (id, conferenceId, position, phase, title, prompt, addressedTo, createdAt, updatedAt) VALUES (?, ?, ?, 'OPENING', ?, ?, ?, ?, ?)`,
        id,
        first,
        position,
        title,
        title,
        addressedTo,
        now,
        now,
      );
    step(s1, 0, "Welcome", JSON.stringify([letter.recipientId]));
    step(s2, 1, "Introductions", JSON.stringify([ownPeople[1], LATER.unknownParticipant, ownPeople[0], otherCase]));
    step(s3, 2, "Ground rules", "[]");
    step(s4, 3, "Closing", "not a list");
    run(
      `INSERT INTO "ConferenceLive" (conferenceId, status, currentStepId, currentSpeakerId, breakRequestedById, updatedAt) VALUES (?, 'PAUSED', ?, ?, ?, ?)`,
      first,
      s1,
      letter.recipientId,
      userId,
      now,
    );
    // Before foreign keys, a live pointer could outlive its step (the next migration clears it).
    if (release === "first-run") run(`INSERT INTO "ConferenceLive" (conferenceId, status, currentStepId, updatedAt) VALUES (?, 'LIVE', 'gone-step', ?)`, second, now);
    else run(`INSERT INTO "ConferenceLive" (conferenceId, status, currentStepId, updatedAt) VALUES (?, 'LIVE', NULL, ?)`, second, now);
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

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

export function writeReleaseFixture(name: ReleaseName) {
  const migration = RELEASES[name];
  const workDir = mkdtempSync(path.join(tmpdir(), `circle-release-${name}-`));
  try {
    const file = path.join(workDir, "circle.db");
    deployUpTo(migration, file, workDir);
    seedDemo(file);
    addLaterRecords(file, name);
    const header = [
      `-- The database of the release whose newest migration is ${migration}: the demo seed and the`,
      `-- later records of scripts/release-fixture.ts. Made by \`npx tsx scripts/release-fixture.ts\` at commit`,
      `-- ${commit()}. Loaded into an empty file by the migration tests (tests/support/release-fixture.ts).`,
      "",
    ].join("\n");
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(releaseFixturePath(name), header + dumpDatabase(file));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2) as ReleaseName[];
  for (const name of only.length ? only : (Object.keys(RELEASES) as ReleaseName[])) {
    writeReleaseFixture(name);
    console.log(`wrote ${path.relative(ROOT, releaseFixturePath(name))}`);
  }
}
