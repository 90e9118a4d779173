import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadStored } from "../../server/collab/log-load";
import { CollabStorage } from "../../server/collab/storage";
import { MESSAGE_SAVED } from "~/realtime/protocol";
import { checkDatabaseFile, RELEASE_MIGRATIONS_DIR, releaseMigrations } from "../../scripts/backup-checks";
import { connectPeer, type TestPeer } from "../support/collab-client";
import { freshDatabaseFile, startChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { ROOT, RUN_DIR_ENV, templateDbPath } from "../support/paths";
import { DEMO_PASSWORD } from "../support/server";

/** Tokens the typist typed, each with the clock its own client reached after typing it. */
type Typed = { token: string; clock: number }[];

/** What the server had confirmed to the peer as saved: all of it, or what arrived before a time. */
function confirmedTokens(peer: TestPeer, typed: Typed, savedAt: number[] = [], before = Infinity): string[] {
  const count = before === Infinity ? peer.saved.length : savedAt.filter((at) => at < before).length;
  const last = peer.saved[count - 1];
  const confirmed = last ? (Y.decodeStateVector(last).get(peer.doc.clientID) ?? 0) : 0;
  return typed.filter((t) => t.clock <= confirmed).map((t) => t.token);
}

/** When each "saved" message reached the peer (same index as peer.saved). */
function timeSaves(peer: TestPeer): number[] {
  const savedAt: number[] = [];
  const record = peer.provider.messageHandlers[MESSAGE_SAVED]!;
  peer.provider.messageHandlers[MESSAGE_SAVED] = (...args) => {
    record(...args);
    savedAt.push(Date.now());
  };
  return savedAt;
}

/** `npm run backup` / `npm run restore` as the operator runs them (tsx, its own process), on one database. */
function runCommand(script: "backup" | "restore", args: string[], databaseFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join("scripts", `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "production", LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

/** The notes as a server would load them from this file: the collab store and its loader. */
function storedText(databaseFile: string, docName: string): string {
  const storage = new CollabStorage(databaseFile);
  try {
    const doc = loadStored(storage.load(docName));
    const text = doc.getText("t").toString();
    doc.destroy();
    return text;
  } finally {
    storage.close();
  }
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("backups that restore", () => {
  it("a backup taken while a facilitator types holds every edit saved before it began, and restores onto a stopped server, keeping the database it replaced", async () => {
    const work = path.join(process.env[RUN_DIR_ENV]!, `backup-${randomUUID()}`);
    mkdirSync(work);
    const live = freshDatabaseFile();
    const server = await startChildServer(live);
    const sqlite = new Database(live, { readonly: true });
    const { id: caseId } = sqlite.prepare(`SELECT id FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as { id: string };
    sqlite.close();
    const notes = `case:${caseId}:notes`;

    const lead = await new TestClient(server.origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const typist = connectPeer(server.origin, lead.cookieHeader, notes);
    await waitFor(() => typist.provider.synced, 15_000, "synced");
    const savedAt = timeSaves(typist);
    const typed: Typed = [];
    const typing = setInterval(() => {
      const token = `<${typed.length}>`;
      typist.text.insert(typist.text.length, token);
      typed.push({ token, clock: Y.decodeStateVector(Y.encodeStateVector(typist.doc)).get(typist.doc.clientID) ?? 0 });
    }, 5);

    const backupFile = path.join(work, "circle-backup.db");
    let savedBefore: string[] = [];
    let savedBeforeCopy: string[] = [];
    try {
      await waitFor(() => confirmedTokens(typist, typed).length > 20, 15_000, "edits saved");
      savedBefore = confirmedTokens(typist, typed);
      const backup = await runCommand("backup", [backupFile], live);
      const savedDuring = confirmedTokens(typist, typed).length - savedBefore.length;
      expect(backup.output).toMatch(/Backup written: .*circle-backup\.db/);
      expect(backup.output).toMatch(/consistent as of \d{4}-\d\d-\d\dT/);
      expect(backup.code).toBe(0);
      // Stronger than "before the command started": everything confirmed before the time the copy
      // says it is consistent as of (the command takes a second to start; the copy itself is quick).
      const consistentAt = Date.parse(/consistent as of (\S+):/.exec(backup.output)![1]!);
      savedBeforeCopy = confirmedTokens(typist, typed, savedAt, consistentAt);
      expect(savedBeforeCopy.length).toBeGreaterThanOrEqual(savedBefore.length);
      // The typist went on typing, and the server went on saving, while the copy was made.
      expect(savedDuring).toBeGreaterThan(0);

      const again = await runCommand("backup", [backupFile], live);
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/already exists.*--force/);

      const whileRunning = await runCommand("restore", [backupFile], live);
      expect(whileRunning.code).toBe(1);
      expect(whileRunning.output).toMatch(/is in use.*Stop the server/);
      expect(readdirSync(path.dirname(live)).filter((f) => f.startsWith(`${path.basename(live)}.`))).toEqual([]);

      await waitFor(() => confirmedTokens(typist, typed).length > savedBefore.length + savedDuring + 20, 15_000, "more edits saved after the backup");
    } finally {
      clearInterval(typing);
    }
    const savedAtStop = confirmedTokens(typist, typed);
    typist.destroy();
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);

    // A fresh place whose current database is the stopped server's, newer than the backup.
    const place = path.join(work, "restored");
    mkdirSync(place);
    const current = path.join(place, "circle.db");
    copyFileSync(live, current);
    const before = sha256(current);

    const corrupt = path.join(work, "truncated.db");
    copyFileSync(backupFile, corrupt);
    truncateSync(corrupt, Math.floor(statSync(corrupt).size / 2));
    const refused = await runCommand("restore", [corrupt], current);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/cannot be restored; nothing was changed/);
    expect(sha256(current)).toBe(before);
    expect(readdirSync(place)).toEqual(["circle.db"]);

    const restored = await runCommand("restore", [backupFile], current);
    expect(restored.output).toMatch(/Restored .*circle-backup\.db/);
    expect(restored.code).toBe(0);
    const aside = readdirSync(place).filter((f) => /^circle\.db\.replaced-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f));
    expect(aside).toHaveLength(1);
    expect(restored.output).toContain(path.join(place, aside[0]!));

    const check = checkDatabaseFile(current);
    expect(check.problems).toEqual([]);
    expect(check.pending).toEqual([]);
    const restoredText = storedText(current, notes);
    const missing = savedBeforeCopy.filter((t) => !restoredText.includes(t));
    expect(missing, `${missing.length} of ${savedBeforeCopy.length} edits saved before the backup are missing`).toEqual([]);
    // What was saved after the backup is not in it, and the database it replaced still has it.
    const later = savedAtStop.filter((t) => !savedBeforeCopy.includes(t));
    expect(later.filter((t) => restoredText.includes(t)).length).toBeLessThan(later.length);
    const asideText = storedText(path.join(place, aside[0]!), notes);
    expect(savedAtStop.filter((t) => !asideText.includes(t))).toEqual([]);
  }, 120_000);
});

describe("the checks a restore makes of a backup", () => {
  /** A copy of the migrated template database (this release, no data), changed by `change`. */
  function database(change: (db: Database.Database) => void = () => undefined): string {
    const file = path.join(process.env[RUN_DIR_ENV]!, `check-${randomUUID()}.db`);
    copyFileSync(templateDbPath(process.env[RUN_DIR_ENV]!), file);
    const db = new Database(file);
    change(db);
    db.close();
    return file;
  }
  const release = releaseMigrations();
  const latest = release.at(-1)!.name;

  it("accepts this release's database, and an older release's with the migrations it still needs", () => {
    expect(checkDatabaseFile(database())).toMatchObject({ problems: [], pending: [] });
    const older = checkDatabaseFile(database((db) => db.prepare('DELETE FROM "_prisma_migrations" WHERE migration_name = ?').run(latest)));
    expect(older.problems).toEqual([]);
    expect(older.pending).toEqual([latest]);
  });

  it("refuses a database from a newer release, or whose migration differs from this release's", () => {
    const fewer = path.join(process.env[RUN_DIR_ENV]!, `migrations-${randomUUID()}`);
    cpSync(RELEASE_MIGRATIONS_DIR, fewer, { recursive: true });
    rmSync(path.join(fewer, latest), { recursive: true });
    expect(checkDatabaseFile(database(), fewer).problems).toEqual([expect.stringMatching(new RegExp(`${latest} .*comes from another release`))]);

    const changed = path.join(process.env[RUN_DIR_ENV]!, `migrations-${randomUUID()}`);
    cpSync(RELEASE_MIGRATIONS_DIR, changed, { recursive: true });
    writeFileSync(path.join(changed, latest, "migration.sql"), "-- edited\n", { flag: "a" });
    expect(checkDatabaseFile(database(), changed).problems).toEqual([`Its migration ${latest} differs from this release's (checksum)`]);
  });

  it("refuses a database with a collab document that does not load, or whose log lost an update", () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    source.getText("t").insert(0, "first");
    source.getText("t").insert(5, " second");
    const store = (docName: string, data: Uint8Array) => (db: Database.Database) =>
      db.prepare('INSERT INTO "CollabUpdate" (docName, seq, data) VALUES (?, 1, ?)').run(docName, Buffer.from(data));

    expect(checkDatabaseFile(database(store("case:whole:notes", Y.encodeStateAsUpdate(source)))).problems).toEqual([]);
    expect(checkDatabaseFile(database(store("case:garbled:notes", new Uint8Array([1, 2, 3, 255])))).problems).toEqual([
      expect.stringMatching(/^Collab document case:garbled:notes does not load/),
    ]);
    // Only the second keystroke's update is left: it builds on the first, which is gone.
    expect(checkDatabaseFile(database(store("case:gap:notes", updates[1]!))).problems).toEqual(["Collab document case:gap:notes is missing updates its later ones build on"]);
  });
});
