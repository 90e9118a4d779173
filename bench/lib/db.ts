import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { hashPassword } from "../../app/utils/password.server";
import { ROOT } from "./procs";

export const DEMO_PASSWORD = "circle-demo-2026";

/** A cuid-shaped id (the collab document-name pattern accepts c[a-z0-9]{20,31}). */
export function cuidLike(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(24);
  let out = "c";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const iso = (ms = Date.now()) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A fresh database with the real migrations applied. */
export function migrate(dbFile: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: "pipe",
  });
}

export type BenchData = {
  serviceId: string;
  lead: { id: string; email: string };
  co: { id: string; email: string };
  users: { id: string; email: string }[];
  /** Case ids by pool name. */
  cases: Record<string, string[]>;
};

/**
 * Insert bench users and cases into a seeded database (the demo seed ran on first start).
 * `pools` says how many cases each pool needs; `members(pool, index)` lists the bench users
 * (indices into users) that must be facilitators of that case. lead and co are on every case.
 */
export async function insertBenchData(dbFile: string, userCount: number, pools: Record<string, number>, members: (pool: string, index: number) => number[]): Promise<BenchData> {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 10000");
  try {
    const userRow = (email: string) => db.prepare(`SELECT id, serviceId FROM "User" WHERE email = ?`).get(email) as { id: string; serviceId: string };
    const lead = userRow("lead@demo.circle");
    const co = userRow("co@demo.circle");
    const serviceId = lead.serviceId;
    // One real scrypt hash shared by every bench user (the salt lives inside the hash string).
    const hash = await hashPassword(DEMO_PASSWORD);
    const now = iso();
    const users = Array.from({ length: userCount }, (_, i) => ({ id: cuidLike(), email: `bench-${i}@bench.circle` }));
    const cases: Record<string, string[]> = {};
    const insertUser = db.prepare(`INSERT INTO "User" (id, email, name, role, disabled, serviceId, createdAt, updatedAt) VALUES (?, ?, ?, 'FACILITATOR', 0, ?, ?, ?)`);
    const insertPassword = db.prepare(`INSERT INTO "Password" (hash, userId, updatedAt) VALUES (?, ?, ?)`);
    const insertCase = db.prepare(
      `INSERT INTO "Case" (id, reference, title, offenceSummary, stage, sensitive, serviceId, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'REFERRAL', 0, ?, ?, ?)`,
    );
    const insertStage = db.prepare(`INSERT INTO "CaseStageEvent" (id, caseId, stage, actorId, createdAt) VALUES (?, ?, 'REFERRAL', NULL, ?)`);
    const insertMember = db.prepare(`INSERT INTO "CaseMember" (id, caseId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`);
    let ref = 0;
    db.transaction(() => {
      users.forEach((u, i) => {
        insertUser.run(u.id, u.email, `Bench User ${i}`, serviceId, now, now);
        insertPassword.run(hash, u.id, now);
      });
      for (const [pool, count] of Object.entries(pools)) {
        cases[pool] = [];
        for (let i = 0; i < count; i++) {
          const id = cuidLike();
          cases[pool]!.push(id);
          ref++;
          insertCase.run(id, `BENCH-${String(ref).padStart(5, "0")}`, `Bench case ${pool} ${i}`, "Synthetic case for the collab benchmark.", serviceId, now, now);
          insertStage.run(cuidLike(), id, now);
          insertMember.run(cuidLike(), id, lead.id, "LEAD", now);
          insertMember.run(cuidLike(), id, co.id, "CO_FACILITATOR", now);
          for (const u of new Set(members(pool, i))) insertMember.run(cuidLike(), id, users[u]!.id, "CO_FACILITATOR", now);
        }
      }
    })();
    return { serviceId, lead: { id: lead.id, email: "lead@demo.circle" }, co: { id: co.id, email: "co@demo.circle" }, users, cases };
  } finally {
    db.close();
  }
}

/** 100k small real updates from one Y.Doc: one typed character each, as an editor would send them. */
export function makeTypingUpdates(count: number): Buffer[] {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  const updates: Buffer[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(Buffer.from(u)));
  const letters = "abcdefghijklmnopqrstuvwxyz ";
  for (let i = 0; i < count; i++) text.insert(text.length, letters[i % letters.length]!);
  doc.destroy();
  return updates;
}

/** Replace a document's stored state with exactly these logged updates (no snapshot). */
export function writeUpdateLog(dbFile: string, docName: string, updates: Buffer[]): void {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 10000");
  try {
    const insert = db.prepare(`INSERT INTO "CollabUpdate" (docName, seq, data, createdAt) VALUES (?, ?, ?, ?)`);
    db.transaction(() => {
      db.prepare(`DELETE FROM "CollabSnapshot" WHERE docName = ?`).run(docName);
      db.prepare(`DELETE FROM "CollabUpdate" WHERE docName = ?`).run(docName);
      const now = Date.now();
      updates.forEach((u, i) => insert.run(docName, i + 1, u, now));
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

export function storedState(dbFile: string, docName: string): { updates: number; snapshot: boolean } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const updates = (db.prepare(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE docName = ?`).get(docName) as { n: number }).n;
    const snapshot = !!db.prepare(`SELECT 1 FROM "CollabSnapshot" WHERE docName = ?`).get(docName);
    return { updates, snapshot };
  } finally {
    db.close();
  }
}

/** Sign in through the real /login form and return the Cookie header value. */
export async function signIn(origin: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/cases" }),
    headers: { Origin: origin },
    redirect: "manual",
  });
  if (res.status !== 302) throw new Error(`sign-in as ${email} failed with ${res.status}`);
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    if (pair.startsWith("circle_session=")) return pair;
  }
  throw new Error(`sign-in as ${email}: no circle_session cookie`);
}
