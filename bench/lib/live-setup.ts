import Database from "better-sqlite3";
import { cuidLike } from "./db";

/**
 * Conferences for the live benchmark, inserted beside the demo seed: copies of the bus-stop
 * case's scheduled conference (its booking, attendees and speaking order), so the lead and co-facilitator are on
 * every one and "start" prepares the standard script tailored to four attendees.
 */
export function insertLiveConferences(dbFile: string, count: number): string[] {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT c.* FROM "Conference" c JOIN "Case" k ON k.id = c.caseId WHERE k.reference = 'RJ-2026-0142' AND c.status = 'SCHEDULED' LIMIT 1`).get() as
      Record<string, unknown> | undefined;
    if (!source) throw new Error("the demo seed has no scheduled bus-stop conference");
    const now = new Date().toISOString().replace("Z", "+00:00");
    const ids: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const row: Record<string, unknown> = { ...source, id: cuidLike(), scriptTemplateId: null, createdAt: now, updatedAt: now };
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO "Conference" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
        db.prepare(`INSERT INTO "ConferenceAttendee" (conferenceId, participantId) SELECT ?, participantId FROM "ConferenceAttendee" WHERE conferenceId = ?`).run(
          row.id,
          source.id,
        );
        db.prepare(`INSERT INTO "ConferenceSpeaker" (conferenceId, participantId, position) SELECT ?, participantId, position FROM "ConferenceSpeaker" WHERE conferenceId = ?`).run(
          row.id,
          source.id,
        );
        ids.push(row.id as string);
      }
    })();
    return ids;
  } finally {
    db.close();
  }
}
