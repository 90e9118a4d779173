import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DB } from "./live-fixtures";

export const cuidLike = () => "c" + [...randomBytes(24)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/**
 * A copy of the bus-stop case in the e2e server's database (same team, Jess and Dan as its two
 * participants) at `stage`, for one test project: both viewport projects share one seeded database,
 * so a walk that changes a case for good (drafts its agreement, closes it) works on its own copy.
 * `more` adds rows in the same transaction, given the new participants' ids by name.
 */
export function copyBusStopCase(
  reference: string,
  opts: {
    title: string;
    stage: string;
    more?: (insert: (table: string, row: Record<string, unknown>) => void, ids: { caseId: string; leadId: string; participants: Record<string, string>; now: string }) => void;
  },
): { caseId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT * FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as Record<string, unknown>;
    const lead = db.prepare(`SELECT userId FROM "CaseMember" WHERE caseId = ? AND role = 'LEAD'`).get(source.id) as { userId: string };
    const now = new Date().toISOString().replace("Z", "+00:00");
    const caseId = cuidLike();
    const insert = (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    };
    db.transaction(() => {
      insert("Case", { ...source, id: caseId, reference, title: opts.title, stage: opts.stage, createdAt: now, updatedAt: now });
      for (const m of db.prepare(`SELECT * FROM "CaseMember" WHERE caseId = ?`).all(source.id) as Record<string, unknown>[]) {
        insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      }
      const participants: Record<string, string> = {};
      for (const p of db.prepare(`SELECT * FROM "Participant" WHERE caseId = ? AND name IN ('Jessica Barnes', 'Daniel Price')`).all(source.id) as Record<string, unknown>[]) {
        const id = cuidLike();
        participants[p.name as string] = id;
        insert("Participant", { ...p, id, caseId, supportsId: null, createdAt: now, updatedAt: now });
      }
      opts.more?.(insert, { caseId, leadId: lead.userId, participants, now });
    })();
    return { caseId };
  } finally {
    db.close();
  }
}
