import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * A fresh scheduled conference for the bus-stop case in the e2e server's database. A conference
 * runs once (it ends), and both viewport projects share one seeded database, so each test makes
 * its own: a copy of the demo conference's booking, attendees and speaking order, with the case's lead and co.
 */
export const E2E_DB = path.resolve("tests", ".tmp", `e2e-${process.env.E2E_PORT ?? "3217"}`, "circle-e2e.db");

function cuidLike(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return "c" + [...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join("");
}

/**
 * `reference` is the case to book it for; the booking (and, for the same case, the attendees) is
 * copied from the bus-stop case's demo conference.
 */
export function createLiveConference(reference: string, sourceReference = "RJ-2026-0142"): { conferenceId: string; caseId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT c.* FROM "Conference" c JOIN "Case" k ON k.id = c.caseId WHERE k.reference = ? ORDER BY c.createdAt ASC LIMIT 1`).get(sourceReference) as
      Record<string, unknown> | undefined;
    if (!source) throw new Error(`no conference for ${sourceReference} in ${E2E_DB}`);
    const target = db.prepare(`SELECT id FROM "Case" WHERE reference = ?`).get(reference) as { id: string } | undefined;
    if (!target) throw new Error(`no case ${reference} in ${E2E_DB}`);
    const caseId = target.id;
    const member = (role: string) =>
      (db.prepare(`SELECT userId FROM "CaseMember" WHERE caseId = ? AND role = ? LIMIT 1`).get(caseId, role) as { userId: string } | undefined)?.userId ?? null;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const conferenceId = cuidLike();
    const row: Record<string, unknown> = {
      ...source,
      id: conferenceId,
      caseId,
      status: "SCHEDULED",
      holdReason: null,
      scriptTemplateId: null,
      leadId: member("LEAD"),
      coFacilitatorId: member("CO_FACILITATOR"),
      createdAt: now,
      updatedAt: now,
    };
    const columns = Object.keys(row);
    db.transaction(() => {
      db.prepare(`INSERT INTO "Conference" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...columns.map((c) => row[c]));
      if (caseId === source.caseId) {
        db.prepare(`INSERT INTO "ConferenceAttendee" (conferenceId, participantId) SELECT ?, participantId FROM "ConferenceAttendee" WHERE conferenceId = ?`).run(
          conferenceId,
          source.id,
        );
        db.prepare(`INSERT INTO "ConferenceSpeaker" (conferenceId, participantId, position) SELECT ?, participantId, position FROM "ConferenceSpeaker" WHERE conferenceId = ?`).run(
          conferenceId,
          source.id,
        );
      }
    })();
    return { conferenceId, caseId };
  } finally {
    db.close();
  }
}

/**
 * A booked copy of the bus-stop case for one test (reference e.g. "RJ-E2E-WD-L"): the same team,
 * Jess (person harmed) and Dan (person responsible), both with a yes to taking part and to
 * meeting, a current assessment that says proceed, and a conference booked for tomorrow with
 * both attending. Withdrawing consent there
 * changes nothing the other specs read.
 */
export function createBookedCase(reference: string): { caseId: string; conferenceId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 10000");
  try {
    const source = db.prepare(`SELECT * FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as Record<string, unknown>;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().replace("Z", "+00:00");
    const insert = (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    };
    const caseId = cuidLike();
    const conferenceId = cuidLike();
    db.transaction(() => {
      insert("Case", {
        ...source,
        id: caseId,
        reference,
        title: `Withdrawal during a conference (${reference})`,
        stage: "CONFERENCE_SCHEDULED",
        sensitive: 0,
        createdAt: now,
        updatedAt: now,
      });
      const members = db.prepare(`SELECT * FROM "CaseMember" WHERE caseId = ?`).all(source.id) as Record<string, unknown>[];
      for (const m of members) insert("CaseMember", { ...m, id: cuidLike(), caseId, createdAt: now });
      const lead = members.find((m) => m.role === "LEAD")!.userId;
      const co = members.find((m) => m.role === "CO_FACILITATOR")!.userId;
      // The bus-stop case's newest assessment (proceed), so the booking stands until the withdrawal.
      const assessment = db.prepare(`SELECT * FROM "RiskAssessment" WHERE caseId = ? ORDER BY createdAt DESC LIMIT 1`).get(source.id) as Record<string, unknown>;
      insert("RiskAssessment", { ...assessment, id: cuidLike(), caseId, stage: "PREPARATION", recommendation: "PROCEED", sensitive: 0, createdAt: now });
      insert("Conference", {
        id: conferenceId,
        caseId,
        scheduledAt: tomorrow,
        venue: "Community centre",
        room: "",
        leadId: lead,
        coFacilitatorId: co,
        status: "SCHEDULED",
        createdAt: now,
        updatedAt: now,
      });
      for (const p of db.prepare(`SELECT * FROM "Participant" WHERE caseId = ? AND name IN ('Jessica Barnes', 'Daniel Price')`).all(source.id) as Record<string, unknown>[]) {
        const participantId = cuidLike();
        insert("Participant", { ...p, id: participantId, caseId, supportsId: null, createdAt: now, updatedAt: now });
        insert("ConferenceAttendee", { conferenceId, participantId });
        for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"]) {
          insert("ConsentEntry", {
            id: cuidLike(),
            caseId,
            participantId,
            element,
            sharedWith: "",
            answer: "YES",
            method: "IN_PERSON",
            givenAt: now,
            note: "",
            recordedById: lead,
            createdAt: now,
          });
        }
      }
    })();
    return { caseId, conferenceId };
  } finally {
    db.close();
  }
}
