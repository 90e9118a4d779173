import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LiveStore } from "~/models/live-store.server";
import { configureDatabase, getDb } from "~/utils/db.server";
import { CollabStorage } from "../../server/collab/storage";
import { openServerDatabase } from "~/utils/sqlite.server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Prisma's driver adapter and the server's own stores open the same database file. Two copies of
 * SQLite in one process each keep their own POSIX locks, which SQLite's documentation lists as a
 * way to corrupt a database: there must be exactly one better-sqlite3, and so one SQLite.
 */
describe("one SQLite library in the process", () => {
  it("installs exactly one copy of better-sqlite3, the one Prisma's adapter also loads", () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    const copies = Object.keys(lock.packages).filter((key) => key.endsWith("node_modules/better-sqlite3"));
    expect(copies).toEqual(["node_modules/better-sqlite3"]);
    const fromAdapter = createRequire(createRequire(path.join(ROOT, "package.json")).resolve("@prisma/adapter-better-sqlite3")).resolve("better-sqlite3");
    const fromApp = createRequire(path.join(ROOT, "package.json")).resolve("better-sqlite3");
    expect(fromAdapter).toBe(fromApp);
  });

  it("reports the same SQLite version on Prisma's connection and on the server's own", async () => {
    const [row] = await getDb().$queryRaw<{ version: string }[]>`select sqlite_version() as version`;
    const version = row?.version;
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    const own = openServerDatabase(file);
    try {
      expect(own.prepare("select sqlite_version() as version").get()).toEqual({ version });
    } finally {
      own.close();
    }
  });
});

/**
 * "Saved" must survive a power cut, not only a killed process: every connection that writes
 * commits with synchronous = FULL (the WAL is fsynced before the commit returns).
 */
describe("every connection of the server fsyncs its commits", () => {
  it("Prisma's connection, the collab store and the live store all run synchronous = FULL (2)", async () => {
    expect((await configureDatabase(getDb())).synchronous).toBe(2);
    const storage = new CollabStorage();
    const live = new LiveStore();
    try {
      expect(storage["db"].pragma("synchronous", { simple: true })).toBe(2);
      expect(live.db.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      storage.close();
      live.close();
    }
  });
});
