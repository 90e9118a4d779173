import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DB } from "./live-fixtures";

const cuidLike = () => "c" + [...randomBytes(24)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/**
 * A conference-held copy of the bus-stop case (same team, Jess and Dan as participants) for one
 * test project: both viewport projects share one seeded database and each drafts its own agreement.
 */
export function createHeldCase(reference: string): { caseId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT * FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as Record<string, unknown>;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const caseId = cuidLike();
    const insert = (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    };
    db.transaction(() => {
      insert("Case", { ...source, id: caseId, reference, title: `Agreement drafting (${reference})`, stage: "CONFERENCE_HELD", createdAt: now, updatedAt: now });
      for (const m of db.prepare(`SELECT * FROM "CaseMember" WHERE caseId = ?`).all(source.id) as Record<string, unknown>[]) {
        insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      }
      for (const p of db.prepare(`SELECT * FROM "Participant" WHERE caseId = ? AND name IN ('Jessica Barnes', 'Daniel Price')`).all(source.id) as Record<string, unknown>[]) {
        insert("Participant", { ...p, id: cuidLike(), caseId, supportsId: null, createdAt: now, updatedAt: now });
      }
    })();
    return { caseId };
  } finally {
    db.close();
  }
}
