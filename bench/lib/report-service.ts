import Database from "better-sqlite3";
import { receivedAt } from "../../app/models/case-record-dates";
import { cuidLike } from "./db";

/** The size and span of the large service bench/reports.ts measures. */
export type ReportServiceShape = { cases: number; participantsPerCase: number; feedback: number; firstDay: string; days: number };

const stored = (at: Date) => at.toISOString().replace("Z", "+00:00");

/** A seeded generator, so every run inserts the same service. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SOURCES = ["POLICE", "YOUTH_OFFENDING_TEAM", "PROBATION", "PRISON", "COURT", "VICTIM_SERVICES", "SELF", "OTHER"];
const STAGES = ["REFERRAL", "ASSESSMENT", "PREPARATION", "CONFERENCE_SCHEDULED", "CONFERENCE_HELD", "FOLLOW_UP", "CLOSED", "CLOSED", "CLOSED", "CLOSED"];
const CLOSURES = ["COMPLETED", "COMPLETED", "COMPLETED", "DECLINED_BY_HARMED", "DECLINED_BY_RESPONSIBLE", "WITHDRAWN", "NOT_SUITABLE", "OTHER"];
const AGREEMENTS = ["APPROVED", "COMPLETED", "COMPLETED", "BROKEN_DOWN", "DRAFTING"];
const OTHER_ROLES = ["SUPPORTER", "COMMUNITY_MEMBER", "PROFESSIONAL"];

/** The large service, inserted into the demo service beside its own cases. */
export function insertReportService(dbFile: string, CFG: ReportServiceShape): { supervisorCases: number } {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 10000");
  const rnd = random(20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  try {
    const user = (email: string) => db.prepare(`SELECT id, serviceId FROM "User" WHERE email = ?`).get(email) as { id: string; serviceId: string };
    const lead = user("lead@demo.circle");
    const supervisor = user("supervisor@demo.circle");
    const serviceId = lead.serviceId;
    const now = stored(new Date());
    const ins = (table: string, cols: string[]) => db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
    const facilitators = Array.from({ length: 20 }, (_, i) => ({ id: cuidLike(), email: `reports-bench-${i}@bench.circle` }));
    const author = cuidLike();
    const insertUser = ins("User", ["id", "email", "name", "role", "disabled", "serviceId", "createdAt", "updatedAt"]);
    const insertCase = ins("Case", [
      "id",
      "reference",
      "title",
      "offenceSummary",
      "stage",
      "sensitive",
      "referredAt",
      "closureReason",
      "referrerType",
      "youth",
      "serviceId",
      "createdAt",
      "updatedAt",
    ]);
    const insertMember = ins("CaseMember", ["id", "caseId", "userId", "role", "createdAt"]);
    const insertPerson = ins("Participant", ["id", "caseId", "role", "name", "enhancedRights", "infoOfferedAt", "notInvitedReason", "createdAt", "updatedAt"]);
    const insertConference = ins("Conference", ["id", "caseId", "scheduledAt", "status", "createdAt", "updatedAt"]);
    const insertAttendee = ins("ConferenceAttendee", ["conferenceId", "participantId"]);
    const insertLetter = ins("Letter", ["id", "caseId", "authorId", "writerId", "recipientId", "recipientLabel", "guidance", "status", "createdById", "createdAt", "updatedAt"]);
    const insertRelease = ins("LetterRelease", ["id", "letterId", "method", "releasedById", "releasedAt"]);
    const insertAgreement = ins("Agreement", ["id", "caseId", "status", "createdById", "createdAt", "updatedAt"]);
    const insertFeedback = ins("ParticipantFeedback", [
      "id",
      "caseId",
      "participantId",
      "role",
      "occasion",
      "method",
      "declined",
      "satisfaction",
      "feltSafe",
      "feltHeard",
      "feltPrepared",
      "wouldRecommend",
      "givenOn",
      "recordedById",
      "createdAt",
    ]);
    let supervisorCases = 0;
    let feedbackLeft = CFG.feedback;
    db.transaction(() => {
      facilitators.forEach((f, i) => insertUser.run(f.id, f.email, `Bench Facilitator ${i}`, "FACILITATOR", 0, serviceId, now, now));
      insertUser.run(author, "reports-bench-author@authors.invalid", "Bench Author", "LETTER_AUTHOR", 0, serviceId, now, now);
      for (let i = 0; i < CFG.cases; i++) {
        const id = cuidLike();
        const referral = dayOf(CFG, Math.floor((i / CFG.cases) * CFG.days));
        const referredAt = receivedAt(referral);
        const stage = pick(STAGES);
        const facilitator = i % 50 === 0 ? lead.id : facilitators[i % facilitators.length]!.id;
        insertCase.run(
          id,
          `BENCH-R-${String(i).padStart(5, "0")}`,
          `Bench case ${i}`,
          "Synthetic case for the reports benchmark.",
          stage,
          0,
          stored(referredAt),
          stage === "CLOSED" ? pick(CLOSURES) : null,
          pick(SOURCES),
          rnd() < 0.2 ? 1 : 0,
          serviceId,
          now,
          now,
        );
        insertMember.run(cuidLike(), id, facilitator, "LEAD", now);
        if (i % 5 === 0) {
          insertMember.run(cuidLike(), id, supervisor.id, "SUPERVISOR", now);
          supervisorCases++;
        }
        const people = [
          { id: cuidLike(), role: "PERSON_HARMED" },
          { id: cuidLike(), role: "PERSON_RESPONSIBLE" },
          ...Array.from({ length: CFG.participantsPerCase - 2 }, () => ({ id: cuidLike(), role: pick(OTHER_ROLES) })),
        ];
        const offered = rnd() < 0.75 ? stored(new Date(referredAt.getTime() + Math.floor(rnd() * 10) * 86_400_000)) : null;
        for (const p of people) {
          const harmed = p.role === "PERSON_HARMED";
          insertPerson.run(
            p.id,
            id,
            p.role,
            `Bench person`,
            harmed && rnd() < 0.1 ? 1 : 0,
            harmed ? offered : null,
            harmed && !offered && rnd() < 0.2 ? "Asked not to be contacted" : null,
            now,
            now,
          );
        }
        const held = rnd() < 0.4;
        if (held || rnd() < 0.2) {
          const conference = cuidLike();
          insertConference.run(conference, id, stored(new Date(referredAt.getTime() + (20 + Math.floor(rnd() * 150)) * 86_400_000)), held ? "HELD" : "SCHEDULED", now, now);
          insertAttendee.run(conference, people[0]!.id);
          insertAttendee.run(conference, people[1]!.id);
          if (held) insertAgreement.run(cuidLike(), id, pick(AGREEMENTS), facilitator, now, now);
        }
        if (!held && rnd() < 0.17) {
          const letter = cuidLike();
          insertLetter.run(letter, id, author, people[1]!.id, people[0]!.id, "them", "", "RELEASED", facilitator, now, now);
          insertRelease.run(cuidLike(), letter, "POST", facilitator, now);
        }
        // Three feedback records a case, from its people, given after the referral.
        for (let k = 0; k < 3 && feedbackLeft > 0; k++, feedbackLeft--) {
          const p = people[k % people.length]!;
          const declined = rnd() < 0.1;
          const answer = () => (declined ? null : rnd() < 0.8 ? 1 : 0);
          const given = dayOf(CFG, Math.min(CFG.days, Math.floor((i / CFG.cases) * CFG.days) + 30 + Math.floor(rnd() * 60)));
          insertFeedback.run(
            cuidLike(),
            id,
            p.id,
            p.role,
            "CONFERENCE",
            "PAPER",
            declined ? 1 : 0,
            declined ? null : 1 + Math.floor(rnd() * 5),
            answer(),
            answer(),
            answer(),
            answer(),
            given,
            facilitator,
            now,
          );
        }
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.exec("ANALYZE");
    return { supervisorCases };
  } finally {
    db.close();
  }
}

const dayOf = (cfg: ReportServiceShape, offset: number) => new Date(Date.parse(`${cfg.firstDay}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
