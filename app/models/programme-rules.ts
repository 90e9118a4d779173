import { formatDay } from "~/utils/format";
import { PROGRAMME_MODULES, type AttendanceStatus, type CancelledBy, type ProgrammeModule } from "./programme-labels";

/**
 * The rules of a case's restorative intervention programme (docs/architecture.md §2, "Programme"):
 * what counts as held, progress, adapting the order, the readiness gate and when missed sessions
 * are escalated. Pure: the model (programme.server.ts) loads the facts and asks; the page shows
 * the same answers; the case's gates (gates.ts) ask programmeGate.
 */

export type RuleAttendance = { status: AttendanceStatus; cancelledBy: CancelledBy | null };
export type RuleSession = { id: string; title: string; position: number; module: ProgrammeModule; skipped: boolean; attendance: RuleAttendance | null };
export type Check = { ok: true } | { ok: false; reason: string };

const no = (reason: string): Check => ({ ok: false, reason });
const yes: Check = { ok: true };

/** In the programme's order (position), whatever order the rows came in. */
export const inOrder = <S extends { position: number }>(sessions: readonly S[]): S[] => [...sessions].sort((a, b) => a.position - b.position);

/** A session was held when the person came, on time or late. */
export const isHeld = (a: RuleAttendance | null): boolean => a?.status === "ATTENDED" || a?.status === "LATE";

/** A cancellation by the service, the prison or probation is not the person's doing: it neither counts against them nor breaks a run of misses. */
const notTheirs = (a: RuleAttendance | null) => a?.status === "CANCELLED" && a.cancelledBy !== "PERSON";

export type Progress = {
  /** Sessions still in the programme (not skipped). */
  planned: number;
  held: number;
  skipped: number;
  missed: number;
  /** Held out of the sessions the person was expected at (held, missed, or cancelled by them); null before any. */
  attendanceRate: number | null;
  /** Modules with at least one session in the programme, every one of them held. */
  modulesDone: ProgrammeModule[];
  /** Modules still in the programme, in the standard order. */
  modules: ProgrammeModule[];
};

export function progressOf(sessions: readonly RuleSession[]): Progress {
  const live = sessions.filter((s) => !s.skipped);
  const held = live.filter((s) => isHeld(s.attendance)).length;
  const missed = live.filter((s) => s.attendance?.status === "DID_NOT_ATTEND").length;
  const expected = live.filter((s) => s.attendance && !notTheirs(s.attendance)).length;
  const modules = PROGRAMME_MODULES.filter((m) => live.some((s) => s.module === m));
  return {
    planned: live.length,
    held,
    skipped: sessions.length - live.length,
    missed,
    attendanceRate: expected === 0 ? null : held / expected,
    modulesDone: modules.filter((m) => live.filter((s) => s.module === m).every((s) => isHeld(s.attendance))),
    modules,
  };
}

/** The programme's session ids with one moved to `to` (0-based), the rest keeping their order. */
export function moveSession(order: readonly string[], sessionId: string, to: number): string[] {
  const from = order.indexOf(sessionId);
  if (from < 0) throw new RangeError("No such session in this programme");
  const clamped = Math.max(0, Math.min(order.length - 1, Math.trunc(to)));
  const rest = order.filter((id) => id !== sessionId);
  return [...rest.slice(0, clamped), sessionId, ...rest.slice(clamped)];
}

/** May the session be moved from where it is to `to` (0-based)? A reason is required; the place must differ and exist. */
export function moveCheck(sessions: readonly RuleSession[], sessionId: string, to: number, reason: string): Check {
  const s = sessions.find((x) => x.id === sessionId);
  if (!s) return no("This session is not part of the programme: reload the page.");
  if (!reason.trim()) return no("Say why the order changes.");
  if (!Number.isInteger(to) || to < 0 || to >= sessions.length) return no(`Choose a place from 1 to ${sessions.length}.`);
  if (inOrder(sessions).findIndex((x) => x.id === sessionId) === to) return no("The session is already in that place.");
  return yes;
}

/** May the session be skipped? Not once held or already skipped, and never without a reason. */
export function skipCheck(session: RuleSession | undefined, reason: string): Check {
  if (!session) return no("This session is not part of the programme: reload the page.");
  if (session.skipped) return no("This session is already skipped.");
  if (isHeld(session.attendance)) return no("This session has been held, so it cannot be skipped.");
  if (!reason.trim()) return no("Say why the session is skipped.");
  return yes;
}

/** May a skipped session be put back? Only a skipped one, with a reason. */
export function restoreCheck(session: RuleSession | undefined, reason: string): Check {
  if (!session) return no("This session is not part of the programme: reload the page.");
  if (!session.skipped) return no("This session is not skipped.");
  if (!reason.trim()) return no("Say why the session is put back.");
  return yes;
}

/** Attendance and reviews are for sessions in the programme: a skipped one is put back first. */
export function recordCheck(session: RuleSession | undefined): Check {
  if (!session) return no("This session is not part of the programme: reload the page.");
  if (session.skipped) return no("This session is skipped: put it back before recording it.");
  return yes;
}

/** A review is of a session that was held. */
export function reviewCheck(session: RuleSession | undefined): Check {
  const base = recordCheck(session);
  if (!base.ok) return base;
  return isHeld(session!.attendance) ? yes : no("Record that they attended before reviewing the session.");
}

/**
 * How many sessions in a row, ending with this one, the person did not attend (0 when they came to
 * it). Sessions are taken in the programme's order, skipped ones and those not yet recorded left
 * out; a cancellation by the service, prison or probation is passed over (it is not theirs), and
 * any other outcome (they came, or cancelled themselves) ends the run.
 */
export function missedInARow(sessions: readonly RuleSession[], sessionId: string): number {
  const recorded = inOrder(sessions).filter((s) => !s.skipped && s.attendance && !notTheirs(s.attendance));
  const end = recorded.findIndex((s) => s.id === sessionId);
  if (end < 0) return 0;
  let run = 0;
  for (let i = end; i >= 0 && recorded[i]!.attendance!.status === "DID_NOT_ATTEND"; i--) run++;
  return run;
}

/** Whom a missed session is told to: the case's facilitators always; the case supervisor too from the second in a row. */
export function missedEscalation(sessions: readonly RuleSession[], sessionId: string): { facilitators: boolean; supervisor: boolean } {
  const run = missedInARow(sessions, sessionId);
  return { facilitators: run >= 1, supervisor: run >= 2 };
}

/** The facts of a case's programme the gates need. */
export type ProgrammeGateFacts = {
  sessions: RuleSession[];
  /** The facilitators' newest judgement of readiness, if any. */
  readiness: { kind: "READY" | "NOT_READY"; reasons: string } | null;
  /** The case supervisor's newest recorded decision to go ahead without a complete programme. */
  override: { reasons: string } | null;
  /** A risk or safeguarding concern raised at a session after the newest risk assessment: it needs a new one. */
  concern: RiskConcern | null;
};
export type RiskConcern = { sessionTitle: string; raisedAt: Date | string };

/** Is the programme complete: every session still in it held, and the facilitators judged them ready? */
export function programmeComplete(p: Pick<ProgrammeGateFacts, "sessions" | "readiness">): boolean {
  const live = p.sessions.filter((s) => !s.skipped);
  return live.length > 0 && live.every((s) => isHeld(s.attendance)) && p.readiness?.kind === "READY";
}

/**
 * The programme's part of the letter release and conference booking gates. No programme: nothing
 * to say (cases without one keep the rules they had). Otherwise the programme must be complete, or
 * the case supervisor must have recorded why the case goes ahead without it; and a concern raised at
 * a session must first be met by a new risk assessment, whatever the supervisor decided.
 */
export function programmeGate(p: ProgrammeGateFacts | null | undefined): string[] {
  if (!p) return [];
  const reasons: string[] = [];
  if (p.concern) {
    reasons.push(`A risk or safeguarding concern was raised at "${p.concern.sessionTitle}" on ${formatDay(p.concern.raisedAt)}: record a new risk assessment.`);
  }
  if (p.override || programmeComplete(p)) return reasons;
  const live = p.sessions.filter((s) => !s.skipped);
  const held = live.filter((s) => isHeld(s.attendance)).length;
  if (held < live.length)
    reasons.push(`The programme is not complete: ${held} of ${live.length} sessions held. Hold the rest, skip them with a reason, or ask the case supervisor to record why not.`);
  if (p.readiness?.kind === "NOT_READY") reasons.push(`The facilitators judged the person responsible not ready: ${p.readiness.reasons}`);
  else if (p.readiness?.kind !== "READY") reasons.push("The facilitators have not yet recorded whether the person responsible is ready.");
  return reasons;
}

/** The newest concern raised at a session after the newest risk assessment (or any, when there is none). */
export function openConcern(reviews: readonly { concern: boolean; createdAt: Date; sessionTitle: string }[], newestAssessmentAt: Date | null): RiskConcern | null {
  const raised = reviews.filter((r) => r.concern && (!newestAssessmentAt || r.createdAt > newestAssessmentAt)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const newest = raised[0];
  return newest ? { sessionTitle: newest.sessionTitle, raisedAt: newest.createdAt } : null;
}

/** A record just made in the programme, as the booking hold reads it; the session's number is its place on the programme page. */
export type ProgrammeRecord =
  | { kind: "review"; concern: boolean; session: { title: string; number: number }; at: Date | string }
  | { kind: "judgement"; judgement: "READY" | "NOT_READY" | "OVERRIDE"; at: Date | string };

/**
 * Does this record put a booked conference on hold, and in what words (`reason` for the case
 * screen; `summary` for the live screens the whole room sees, naming nobody)? The booking gate asks
 * programmeGate at booking only, so what is recorded later is asked here: a concern holds whatever
 * the supervisor decided (as in programmeGate), not ready holds unless the supervisor recorded why
 * the case goes ahead; nothing else holds. Re-booking asks the whole gate again.
 */
export function programmeRecordHold(record: ProgrammeRecord, p: Pick<ProgrammeGateFacts, "override">): { reason: string; summary: string } | null {
  const day = formatDay(record.at);
  if (record.kind === "review") {
    if (!record.concern) return null;
    return {
      reason: `A risk or safeguarding concern was raised in programme session ${record.session.number} ("${record.session.title}") on ${day}: record a new risk assessment, then re-book the conference.`,
      summary: "the risk assessment needs review",
    };
  }
  if (record.judgement !== "NOT_READY" || p.override) return null;
  return {
    reason: `The facilitators judged the person responsible not ready on ${day} (their reasons are on the programme page): re-book the conference once they judge them ready, or once the case supervisor records why the case goes ahead.`,
    summary: "the facilitators need to review the case first",
  };
}
