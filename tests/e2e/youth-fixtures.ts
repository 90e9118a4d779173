import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DB } from "./live-fixtures";

const cuidLike = () => "c" + [...randomBytes(24)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/**
 * A youth case in preparation for one test project, copied from the demo youth case
 * (RJ-2026-0180): its team, the person harmed with her consent to take part and to meet, and the
 * current risk assessment (proceed). Nobody responsible yet: the test adds the young person and
 * their parent. Both viewport projects share one seeded database, so each gets its own case.
 */
export function createYouthCase(reference: string): { caseId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT * FROM "Case" WHERE reference = 'RJ-2026-0180'`).get() as Record<string, unknown> | undefined;
    if (!source) throw new Error(`no demo youth case in ${E2E_DB}`);
    const now = new Date().toISOString().replace("Z", "+00:00");
    const caseId = cuidLike();
    const insert = (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    };
    const rows = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Record<string, unknown>[];
    db.transaction(() => {
      insert("Case", { ...source, id: caseId, reference, title: `Youth preparation (${reference})`, stage: "PREPARATION", createdAt: now, updatedAt: now });
      for (const m of rows(`SELECT * FROM "CaseMember" WHERE caseId = ?`, source.id)) insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      for (const e of rows(`SELECT * FROM "CaseStageEvent" WHERE caseId = ?`, source.id)) insert("CaseStageEvent", { ...e, id: cuidLike(), caseId });
      for (const p of rows(`SELECT * FROM "Participant" WHERE caseId = ? AND role = 'PERSON_HARMED'`, source.id)) {
        const participantId = cuidLike();
        insert("Participant", { ...p, id: participantId, caseId, createdAt: now, updatedAt: now });
        for (const e of rows(`SELECT * FROM "ConsentEntry" WHERE participantId = ? AND guardianId IS NULL`, p.id)) {
          insert("ConsentEntry", { ...e, id: cuidLike(), caseId, participantId });
        }
      }
      for (const a of rows(`SELECT * FROM "RiskAssessment" WHERE caseId = ?`, source.id)) insert("RiskAssessment", { ...a, id: cuidLike(), caseId });
    })();
    return { caseId };
  } finally {
    db.close();
  }
}
