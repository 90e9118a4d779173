import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { dumpDatabase } from "../../scripts/sqlite-dump";
import { TMP } from "../support/paths";

describe("a database dumped as SQL (the release fixtures)", () => {
  const dir = mkdtempSync(path.join(TMP, "dump-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads back with the same tables, rows, value types, indexes and triggers", () => {
    const original = path.join(dir, "original.db");
    const db = new Database(original);
    db.exec(`
      CREATE TABLE "Thing" ("id" TEXT NOT NULL PRIMARY KEY, "n" INTEGER, "r" REAL, "d" DATETIME, "b" BLOB, "t" TEXT);
      CREATE TABLE "Log" ("doc" TEXT NOT NULL, "seq" INTEGER NOT NULL, PRIMARY KEY ("doc", "seq")) WITHOUT ROWID;
      CREATE INDEX "Thing_n_idx" ON "Thing"("n");
      CREATE TRIGGER "Log_no_update" BEFORE UPDATE ON "Log" BEGIN SELECT RAISE(ABORT, 'append-only'); END;
    `);
    const insert = db.prepare(`INSERT INTO "Thing" VALUES (?, ?, ?, ?, ?, ?)`);
    insert.run("a", 9007199254740993n, 3.0, "2026-12-06T10:00:00.000+00:00", Buffer.from([0, 1, 255]), "It's\nquoted; -- not a comment");
    insert.run("b", null, 0.1, 1765015200000, null, "");
    insert.run("c", -4, 1e21, null, Buffer.alloc(0), "ünïcödé ✓");
    db.prepare(`INSERT INTO "Log" VALUES ('x', 1), ('x', 2)`).run();
    db.close();

    const copy = path.join(dir, "copy.db");
    const loaded = new Database(copy);
    loaded.exec(dumpDatabase(original));
    const snapshot = (file: string) => {
      const s = new Database(file, { readonly: true });
      s.defaultSafeIntegers(true);
      try {
        return {
          schema: s.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all(),
          things: s.prepare(`SELECT id, n, typeof(n) AS tn, r, typeof(r) AS tr, d, typeof(d) AS td, hex(b) AS b, typeof(b) AS tb, t FROM "Thing" ORDER BY id`).all(),
          log: s.prepare(`SELECT * FROM "Log"`).all(),
        };
      } finally {
        s.close();
      }
    };
    loaded.close();
    expect(snapshot(copy)).toEqual(snapshot(original));
    expect(snapshot(copy).things[0]).toMatchObject({ n: 9007199254740993n, tr: "real", tb: "blob" });
  });
});
