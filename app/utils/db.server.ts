import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { getEnv } from "./env.server";
import { SYNCHRONOUS } from "./sqlite.server";

// server/index.ts (run by tsx) and the Remix build each load this module; keep one client per
// database per process so both share a connection and its pragmas.
const registry = globalThis as typeof globalThis & { __circleDb?: Map<string, PrismaClient> };
registry.__circleDb ??= new Map();

export function getDb(url = getEnv().DATABASE_URL): PrismaClient {
  let client = registry.__circleDb!.get(url);
  if (!client) {
    const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
    client = new PrismaClient({ adapter });
    registry.__circleDb!.set(url, client);
  }
  return client;
}

/** The default client, for route modules and models. */
export const db = getDb();

export type DbPragmas = { journalMode: string; synchronous: number; busyTimeout: number };

/** WAL for concurrent readers during writes; commits fsynced before they return, like every connection (sqlite.server.ts). */
export async function configureDatabase(client = getDb()): Promise<DbPragmas> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe(`PRAGMA synchronous = ${SYNCHRONOUS}`);
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  // The server checkpoints the WAL from a worker thread (server/checkpointer.ts), never on this thread.
  await client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [sync] = await client.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  const [busy] = await client.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
  return {
    journalMode: String(mode?.journal_mode),
    synchronous: Number(sync?.synchronous),
    busyTimeout: Number(busy?.timeout),
  };
}

export async function disconnectAll(): Promise<void> {
  const clients = [...registry.__circleDb!.values()];
  registry.__circleDb!.clear();
  await Promise.all(clients.map((c) => c.$disconnect()));
}
