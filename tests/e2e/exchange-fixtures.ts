import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DB } from "./live-fixtures";

const cuidLike = () => "c" + [...randomBytes(24)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/**
 * A copy of the bus-stop case in preparation (same team, Jess and Dan as its two parties) where
 * only indirect communication was agreed: both have said yes to taking part and to having questions
 * and answers passed on. One per test project, since both share one seeded database and the walk
 * ends by closing the case.
 */
export function createIndirectCase(reference: string): { caseId: string } {
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
      insert("Case", { ...source, id: caseId, reference, title: `Messages only (${reference})`, stage: "PREPARATION", createdAt: now, updatedAt: now });
      for (const m of db.prepare(`SELECT * FROM "CaseMember" WHERE caseId = ?`).all(source.id) as Record<string, unknown>[]) {
        insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      }
      for (const p of db.prepare(`SELECT * FROM "Participant" WHERE caseId = ? AND name IN ('Jessica Barnes', 'Daniel Price')`).all(source.id) as Record<string, unknown>[]) {
        const participantId = cuidLike();
        insert("Participant", { ...p, id: participantId, caseId, supportsId: null, createdAt: now, updatedAt: now });
        for (const element of ["TAKE_PART", "PASS_MESSAGES"])
          insert("ConsentEntry", {
            id: cuidLike(),
            caseId,
            participantId,
            element,
            answer: "YES",
            method: "IN_PERSON",
            givenAt: now,
            note: "",
            sharedWith: "",
            recordedById: lead.userId,
            createdAt: now,
          });
      }
    })();
    return { caseId };
  } finally {
    db.close();
  }
}
