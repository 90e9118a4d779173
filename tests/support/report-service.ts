import type { PrismaClient } from "@prisma/client";
import { receivedAt } from "~/models/case-record-dates";
import type { ReferrerType } from "~/utils/referral";
import type { ClosureReason, CompletedBy, ParticipantRole } from "~/utils/preparation";
import type { Stage } from "~/utils/roles";
import { hashPassword } from "~/utils/password.server";
import { factories } from "../../prisma/factories";

export const REPORT_PASSWORD = "reports-fixture-2026";
/** The period every figure below is counted for, and the instant the Victims' Code is judged at. */
export const PERIOD = { from: "2026-01-01", to: "2026-06-30" } as const;
export const NOW = new Date("2026-07-01T12:00:00Z");

/** An instant in London wall-clock time (BST or GMT as the date has it). */
const london = (local: string) => {
  const guess = new Date(`${local}Z`);
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" }).format(guess).includes("+1") ? 1 : 0;
  return new Date(guess.getTime() - offset * 3600_000);
};

/**
 * A service whose every report figure is known (tests/integration/report-figures.test.ts lists the
 * answers). A manager; a supervisor on the six police cases and the letter case; facilitator A
 * leads those and the Easter case, facilitator B the youth, indirect and June cases. Around them: a
 * disposed case, cases just outside the period, and another service's case, none of which may
 * count where they do not belong.
 */
export async function buildReportService(db: PrismaClient, suffix = "") {
  const f = factories(db);
  const service = await f.service(`Reports Fixture Service${suffix}`);
  const user = (name: string, role: "ADMIN" | "SUPERVISOR" | "FACILITATOR") =>
    f.user({ serviceId: service.id, email: `${name}${suffix}@reports.test`, name: `Report ${name}`, role, password: REPORT_PASSWORD });
  const [manager, supervisor, facA, facB] = await Promise.all([
    user("manager", "ADMIN"),
    user("supervisor", "SUPERVISOR"),
    user("faca", "FACILITATOR"),
    user("facb", "FACILITATOR"),
  ]);
  // The letter's author (the person responsible), who signs in with a username and must reach no report.
  const author = await db.user.create({
    data: {
      email: `author${suffix}@authors.invalid`,
      username: `reportauthor${suffix}`,
      name: "Author",
      role: "LETTER_AUTHOR",
      serviceId: service.id,
      password: { create: { hash: await hashPassword(REPORT_PASSWORD) } },
    },
    select: { id: true, username: true },
  });
  let ref = 0;

  async function kase(input: {
    day: string;
    source: ReferrerType;
    lead: string;
    supervised?: boolean;
    youth?: boolean;
    stage: Stage;
    closure?: ClosureReason;
    /** How a completed case was completed, as the closure records it. */
    completedBy?: CompletedBy;
    serviceId?: string;
  }) {
    const members = [{ userId: input.lead, role: "LEAD" as const }, ...(input.supervised ? [{ userId: supervisor.id, role: "SUPERVISOR" as const }] : [])];
    const c = await f.case({
      serviceId: input.serviceId ?? service.id,
      reference: `REP${suffix}-${String(++ref).padStart(3, "0")}`,
      title: `Report case ${ref}`,
      offenceSummary: "Fixture",
      stage: input.stage,
      members: input.serviceId ? [] : members,
      referral: { referredAt: receivedAt(input.day), referrerType: input.source, youth: input.youth ?? false },
    });
    if (input.closure) await db.case.update({ where: { id: c.id }, data: { closureReason: input.closure, completedBy: input.completedBy ?? null } });
    return c.id;
  }
  const person = (caseId: string, role: ParticipantRole, more: { enhancedRights?: boolean; infoOfferedAt?: Date; notInvitedReason?: string; removedAt?: Date } = {}) =>
    db.participant.create({ data: { caseId, role, name: `${role} of ${caseId.slice(-4)}`, ...more }, select: { id: true } });
  const feedback = (caseId: string, participantId: string, role: ParticipantRole, givenOn: string, answer: { satisfaction?: number; feltSafe?: boolean; declined?: boolean }) =>
    db.participantFeedback.create({
      data: {
        caseId,
        participantId,
        role,
        occasion: "CONFERENCE",
        method: "PAPER",
        givenOn,
        recordedById: facA.id,
        declined: answer.declined ?? false,
        satisfaction: answer.satisfaction ?? null,
        feltSafe: answer.feltSafe ?? null,
      },
    });

  // Six police cases in January, all with a conference held: three 30 days after referral, three 45.
  const police: string[] = [];
  const agreementStatuses = ["COMPLETED", "COMPLETED", "COMPLETED", "BROKEN_DOWN", "APPROVED", "DRAFTING"] as const;
  for (let i = 0; i < 6; i++) {
    const day = `2026-01-0${5 + (i % 3)}`; // Mon 5, Tue 6, Wed 7 January
    const id = await kase({ day, source: "POLICE", lead: facA.id, supervised: true, stage: "CLOSED", closure: "COMPLETED", completedBy: "CONFERENCE" });
    police.push(id);
    const harmed = await person(id, "PERSON_HARMED", { infoOfferedAt: london(`${day}T16:00:00`) });
    const responsible = await person(id, "PERSON_RESPONSIBLE");
    const held = new Date(receivedAt(day).getTime() + (i < 3 ? 30 : 45) * 86_400_000 - 12 * 3600_000);
    const conference = await f.conference({ caseId: id, scheduledAt: held, venue: "Hall", status: "HELD" });
    await db.conferenceAttendee.create({ data: { conferenceId: conference.id, participantId: harmed.id } });
    await db.agreement.create({ data: { caseId: id, status: agreementStatuses[i], createdById: facA.id } });
    // Five persons harmed answered (5, 4, 4, 3, 5; one did not feel safe), one declined; two persons responsible answered 4 and 2.
    if (i < 5) await feedback(id, harmed.id, "PERSON_HARMED", "2026-02-20", { satisfaction: [5, 4, 4, 3, 5][i], feltSafe: i !== 3 });
    else await feedback(id, harmed.id, "PERSON_HARMED", "2026-02-20", { declined: true });
    if (i < 2) await feedback(id, responsible.id, "PERSON_RESPONSIBLE", "2026-03-01", { satisfaction: [4, 2][i] });
    if (i === 0) {
      await person(id, "PERSON_HARMED", { removedAt: new Date("2026-01-09T10:00:00Z") }); // removed: never counted
      await feedback(id, responsible.id, "PERSON_RESPONSIBLE", "2026-07-02", { satisfaction: 1 }); // after the period
    }
  }

  // Two youth cases in February (Tue 10): one declined by the person harmed, told late; one open, never told (overdue).
  const youthDeclined = await kase({ day: "2026-02-10", source: "YOUTH_OFFENDING_TEAM", lead: facB.id, youth: true, stage: "CLOSED", closure: "DECLINED_BY_HARMED" });
  await person(youthDeclined, "PERSON_HARMED", { infoOfferedAt: london("2026-02-20T10:00:00") });
  const youthOpen = await kase({ day: "2026-02-10", source: "YOUTH_OFFENDING_TEAM", lead: facB.id, youth: true, stage: "PREPARATION" });
  await person(youthOpen, "PERSON_HARMED");

  // A court referral in March settled by a letter, no conference.
  const letterCase = await kase({ day: "2026-03-02", source: "COURT", lead: facA.id, supervised: true, stage: "CLOSED", closure: "COMPLETED", completedBy: "LETTERS" });
  const reader = await person(letterCase, "PERSON_HARMED", { infoOfferedAt: london("2026-03-03T10:00:00") });
  const writer = await person(letterCase, "PERSON_RESPONSIBLE");
  const letter = await db.letter.create({
    data: { caseId: letterCase, authorId: author.id, writerId: writer.id, recipientId: reader.id, recipientLabel: "them", guidance: "", status: "RELEASED", createdById: facA.id },
  });
  await db.letterRelease.create({ data: { letterId: letter.id, method: "POST", releasedById: facA.id } });

  // A self-referral in April completed by questions and answers passed on by the facilitator; the person harmed was not invited.
  const indirect = await kase({ day: "2026-04-01", source: "SELF", lead: facB.id, stage: "CLOSED", closure: "COMPLETED", completedBy: "INDIRECT_MESSAGES" });
  await person(indirect, "PERSON_HARMED", { notInvitedReason: "They asked not to be contacted" });

  // Referred on the Thursday before Easter 2026 (Good Friday 3 April, Easter Monday 6 April): 5 working
  // days end on Monday 13 April, 1 working day on Tuesday 7 April.
  const easter = await kase({ day: "2026-04-02", source: "VICTIM_SERVICES", lead: facA.id, stage: "ASSESSMENT" });
  await person(easter, "PERSON_HARMED", { infoOfferedAt: london("2026-04-13T15:00:00") }); // on time
  await person(easter, "PERSON_HARMED", { enhancedRights: true, infoOfferedAt: london("2026-04-07T15:00:00") }); // on time
  await person(easter, "PERSON_HARMED", { enhancedRights: true, infoOfferedAt: london("2026-04-08T09:00:00") }); // late

  // Referred on Monday 29 June, not told yet on 1 July: still in time.
  const june = await kase({ day: "2026-06-29", source: "OTHER", lead: facB.id, stage: "REFERRAL" });
  await person(june, "PERSON_HARMED");

  // A January police case disposed of: its conference, and that it was completed there, are known only from the disposal's summary, and its team is gone.
  const disposed = await kase({ day: "2026-01-20", source: "POLICE", lead: facA.id, stage: "CLOSED", closure: "COMPLETED" });
  await db.caseMember.deleteMany({ where: { caseId: disposed } });
  await db.case.update({ where: { id: disposed }, data: { disposedAt: new Date("2026-06-01T10:00:00Z"), reference: `DISPOSED-${suffix}0000000001` } });
  await db.caseDisposal.create({
    data: {
      caseId: disposed,
      state: "DONE",
      tombstoneReference: `DISPOSED-${suffix}0000000001`,
      referenceHash: "x",
      reason: "Retention",
      approvedById: manager.id,
      conferenceHeld: true,
      completedBy: "CONFERENCE",
    },
  });

  // Outside the period, and another service: never counted.
  await kase({ day: "2025-12-31", source: "POLICE", lead: facA.id, supervised: true, stage: "REFERRAL" });
  await kase({ day: "2026-07-01", source: "POLICE", lead: facA.id, supervised: true, stage: "REFERRAL" });
  const elsewhere = await f.service(`Elsewhere${suffix}`);
  await kase({ day: "2026-01-05", source: "POLICE", lead: facA.id, stage: "REFERRAL", serviceId: elsewhere.id });

  return { service, manager, supervisor, facA, facB, author, police, letterCase, youthOpen };
}
