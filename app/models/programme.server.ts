import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { displayName } from "~/utils/preparation";
import { RecordIdSchema } from "~/utils/schemas";
import type { CaseRole } from "~/utils/roles";
import type { AttendanceStatus, CancelledBy, ContactReadiness, ProgrammeModule, ProgrammeVenue } from "./programme-labels";
import { openConcern, programmeComplete, programmeGate, progressOf, type ProgrammeGateFacts, type RuleSession } from "./programme-rules";

/**
 * A case's restorative intervention programme, read (docs/architecture.md §2, "Programme"): the
 * page's data, the case screen's summary, and the facts the gates ask programmeGate about. The
 * writes are programme-actions.server.ts.
 */

type Tx = Prisma.TransactionClient;

const NEWEST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Where a session stands in the plan: skipped (and why) or when and where it is to be held. */
export const SESSION_PLAN_FIELDS = {
  skipped: true,
  skipReason: true,
  scheduledOn: true,
  scheduledAt: true,
  venueKind: true,
  venue: true,
} as const satisfies Prisma.ProgrammeSessionSelect;

const SESSION_SELECT = {
  id: true,
  position: true,
  title: true,
  module: true,
  aims: true,
  minutes: true,
  guidance: true,
  exercises: true,
  added: true,
  ...SESSION_PLAN_FIELDS,
  coFacilitator: { select: { id: true, name: true } },
  attendance: { orderBy: NEWEST, take: 1, select: { id: true, status: true, reason: true, cancelledBy: true, createdAt: true, recordedBy: { select: { name: true } } } },
  reviews: {
    orderBy: NEWEST,
    take: 1,
    select: { id: true, engagement: true, concern: true, concernText: true, contactReadiness: true, createdAt: true, recordedBy: { select: { name: true } } },
  },
} satisfies Prisma.ProgrammeSessionSelect;

type SessionRow = Prisma.ProgrammeSessionGetPayload<{ select: typeof SESSION_SELECT }>;

type RuleRow = Pick<SessionRow, "id" | "title" | "position" | "module" | "skipped"> & { attendance: { status: string; cancelledBy: string | null }[] };

const ruleSession = (s: RuleRow): RuleSession => {
  const a = s.attendance[0];
  return {
    id: s.id,
    title: s.title,
    position: s.position,
    module: s.module as ProgrammeModule,
    skipped: s.skipped,
    attendance: a ? { status: a.status as AttendanceStatus, cancelledBy: a.cancelledBy as CancelledBy | null } : null,
  };
};

/** The programme's sessions as the rules read them (the newest attendance of each), through `tx` inside a write. */
export async function ruleSessions(tx: Tx | typeof db, programmeId: string): Promise<RuleSession[]> {
  const rows = await tx.programmeSession.findMany({
    where: { programmeId },
    orderBy: { position: "asc" },
    select: { id: true, title: true, position: true, module: true, skipped: true, attendance: { orderBy: NEWEST, take: 1, select: { status: true, cancelledBy: true } } },
  });
  return rows.map(ruleSession);
}

/** What the gates need of the case's programme; null when none was started (the gates then say nothing of it). */
export async function loadProgrammeFacts(caseId: string, tx: Tx | typeof db = db): Promise<ProgrammeGateFacts | null> {
  const p = await tx.caseProgramme.findUnique({ where: { caseId }, select: { id: true } });
  if (!p) return null;
  const [sessions, readiness, override, reviews, assessment] = await Promise.all([
    ruleSessions(tx, p.id),
    tx.programmeJudgement.findFirst({ where: { programmeId: p.id, kind: { in: ["READY", "NOT_READY"] } }, orderBy: NEWEST, select: { kind: true, reasons: true } }),
    tx.programmeJudgement.findFirst({ where: { programmeId: p.id, kind: "OVERRIDE" }, orderBy: NEWEST, select: { reasons: true } }),
    tx.programmeReview.findMany({ where: { caseId, concern: true }, select: { concern: true, createdAt: true, session: { select: { title: true } } } }),
    tx.riskAssessment.findFirst({ where: { caseId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return {
    sessions,
    readiness: readiness ? { kind: readiness.kind as "READY" | "NOT_READY", reasons: readiness.reasons } : null,
    override,
    concern: openConcern(
      reviews.map((r) => ({ concern: r.concern, createdAt: r.createdAt, sessionTitle: r.session.title })),
      assessment?.createdAt ?? null,
    ),
  };
}

/**
 * Why a letter may not be released yet because of the programme: only a letter its person
 * responsible writes (the apology the programme leads to), and only when the case has a programme.
 */
export async function programmeLetterReasons(letterId: string): Promise<string[]> {
  const letter = await db.letter.findUnique({
    where: { id: letterId },
    select: { caseId: true, writerId: true, case: { select: { programme: { select: { participantId: true } } } } },
  });
  if (!letter?.case.programme || letter.case.programme.participantId !== letter.writerId) return [];
  return programmeGate(await loadProgrammeFacts(letter.caseId));
}

/** The case screen's summary: progress, the readiness judgement, an open concern and the gate's reasons. */
export async function getProgrammeSummary(caseId: string) {
  const facts = await loadProgrammeFacts(caseId);
  if (!facts) return null;
  return {
    progress: progressOf(facts.sessions),
    readiness: facts.readiness,
    override: facts.override,
    concern: facts.concern,
    complete: programmeComplete(facts),
    gate: programmeGate(facts),
  };
}

/** Everything the programme page shows: the programme (or what to start one from), its history and the gate. */
export async function getCaseProgramme(caseId: string, serviceId: string) {
  const programme = await db.caseProgramme.findUnique({
    where: { caseId },
    select: {
      id: true,
      createdAt: true,
      participant: { select: { id: true, name: true, preferredName: true } },
      template: { select: { name: true } },
      startedBy: { select: { name: true } },
      sessions: { orderBy: { position: "asc" }, select: SESSION_SELECT },
      changes: {
        orderBy: NEWEST,
        select: {
          id: true,
          kind: true,
          reason: true,
          fromPosition: true,
          toPosition: true,
          createdAt: true,
          session: { select: { title: true } },
          actor: { select: { name: true } },
        },
      },
      judgements: { orderBy: NEWEST, select: { id: true, kind: true, reasons: true, createdAt: true, recordedBy: { select: { name: true } } } },
    },
  });
  const team = await db.caseMember.findMany({ where: { caseId }, select: { role: true, user: { select: { id: true, name: true } } }, orderBy: { role: "asc" } });
  if (!programme) {
    const [people, templates] = await Promise.all([
      db.participant.findMany({
        where: { caseId, removedAt: null, role: "PERSON_RESPONSIBLE" },
        select: { id: true, name: true, preferredName: true },
        orderBy: { createdAt: "asc" },
      }),
      db.programmeTemplate.findMany({
        where: { serviceId, archivedAt: null },
        select: { id: true, name: true, _count: { select: { sessions: true } } },
        orderBy: [{ standard: "desc" }, { name: "asc" }],
      }),
    ]);
    return {
      programme: null,
      start: { people: people.map((p) => ({ id: p.id, name: displayName(p) })), templates: templates.map((t) => ({ id: t.id, name: t.name, sessions: t._count.sessions })) },
      team: [],
    };
  }
  const facts = await loadProgrammeFacts(caseId);
  const sessions = programme.sessions.map((s) => ({
    ...s,
    module: s.module as ProgrammeModule,
    venueKind: s.venueKind as ProgrammeVenue | null,
    attendance: s.attendance[0] ? { ...s.attendance[0], status: s.attendance[0].status as AttendanceStatus, cancelledBy: s.attendance[0].cancelledBy as CancelledBy | null } : null,
    review: s.reviews[0] ? { ...s.reviews[0], contactReadiness: s.reviews[0].contactReadiness as ContactReadiness } : null,
  }));
  return {
    programme: {
      id: programme.id,
      createdAt: programme.createdAt,
      person: displayName(programme.participant),
      templateName: programme.template.name,
      startedBy: programme.startedBy.name,
      sessions,
      changes: programme.changes,
      judgements: programme.judgements,
      progress: progressOf(facts!.sessions),
      readiness: facts!.readiness,
      override: facts!.override,
      concern: facts!.concern,
      complete: programmeComplete(facts!),
      gate: programmeGate(facts),
    },
    start: null,
    team: team.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role as CaseRole })),
  };
}

/** The case a programme session belongs to (its notes document names the session only), or null. */
export async function programmeSessionCaseId(sessionId: string): Promise<string | null> {
  if (!RecordIdSchema.safeParse(sessionId).success) return null;
  const found = await db.programmeSession.findUnique({ where: { id: sessionId }, select: { programme: { select: { caseId: true } } } });
  return found?.programme.caseId ?? null;
}
