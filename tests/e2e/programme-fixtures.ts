import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DB } from "./live-fixtures";

function cuidLike(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return "c" + [...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join("");
}

/**
 * A copy of the bus-stop case for one test (its team, and Daniel as the person responsible) with
 * the standard programme started and its first session scheduled. The programme spec starts the
 * real cases' programmes itself, and both viewport projects share one database, so each run of
 * this spec takes a case of its own and changes nothing another spec reads.
 */
export function createProgrammeCase(reference: string): { caseId: string; sessionTitle: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT * FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as Record<string, unknown>;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const insert = (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    };
    const caseId = cuidLike();
    let sessionTitle = "";
    db.transaction(() => {
      insert("Case", { ...source, id: caseId, reference, title: `Programme notes and worksheets (${reference})`, createdAt: now, updatedAt: now });
      const members = db.prepare(`SELECT * FROM "CaseMember" WHERE caseId = ?`).all(source.id) as Record<string, unknown>[];
      for (const m of members) insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      const lead = members.find((m) => m.role === "LEAD")!.userId;
      const person = db.prepare(`SELECT * FROM "Participant" WHERE caseId = ? AND role = 'PERSON_RESPONSIBLE' LIMIT 1`).get(source.id) as Record<string, unknown>;
      const participantId = cuidLike();
      insert("Participant", { ...person, id: participantId, caseId, supportsId: null, createdAt: now, updatedAt: now });
      const template = db.prepare(`SELECT id FROM "ProgrammeTemplate" WHERE serviceId = ? AND standard = 1 LIMIT 1`).get(source.serviceId) as { id: string };
      const programmeId = cuidLike();
      insert("CaseProgramme", { id: programmeId, caseId, participantId, templateId: template.id, startedById: lead, createdAt: now });
      const sessions = db.prepare(`SELECT * FROM "ProgrammeTemplateSession" WHERE templateId = ? ORDER BY position`).all(template.id) as Record<string, unknown>[];
      for (const s of sessions) {
        const first = s.position === 0;
        insert("ProgrammeSession", {
          id: cuidLike(),
          programmeId,
          position: s.position,
          title: s.title,
          module: s.module,
          aims: s.aims,
          minutes: s.minutes,
          guidance: s.guidance,
          exercises: s.exercises,
          scheduledOn: first ? now.slice(0, 10) : null,
          scheduledAt: first ? "10:00" : null,
          venueKind: first ? "PRISON" : null,
          createdAt: now,
          updatedAt: now,
        });
        if (first) sessionTitle = String(s.title);
      }
    })();
    return { caseId, sessionTitle };
  } finally {
    db.close();
  }
}
