import type Database from "better-sqlite3";
import { initialLiveState, type LiveHold, type LiveState, type StepStatus } from "~/realtime/live-machine";
import type { RequestOrigin } from "~/utils/audit.server";
import { databaseFilePath, getEnv } from "~/utils/env.server";
import { newId } from "~/utils/ids.server";
import { openServerDatabase } from "~/utils/sqlite.server";

/**
 * The live conference's hot path: reading the state and storing an accepted command
 * in ONE synchronous better-sqlite3 transaction (BEGIN IMMEDIATE) on its own connection, like
 * the collab store. A command costs a fraction of a millisecond instead of a round of Prisma
 * queries, so a room full of conferences advancing at once is not queued behind the database.
 * Everything else (pages, scripts, reports) reads the same tables through Prisma.
 */

/** Prisma's text format for DateTime on SQLite (driver adapter), so both sides read each other. */
const toDb = (iso: string | null) => (iso ? iso.replace("Z", "+00:00") : null);
const fromDb = (text: string | null) => (text ? new Date(text).toISOString() : null);

type LiveRow = {
  status: string;
  version: number;
  currentStepId: string | null;
  currentSpeakerId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  pausedAt: string | null;
  pausedMs: number;
  breakStartedAt: string | null;
  breakRequestedById: string | null;
  seatingLocked: number;
};

export type LiveSnapshot = {
  conference: { status: string; holdReason: string | null; caseId: string } | null;
  state: LiveState;
  attendees: Set<string>;
};

export class LiveStore {
  readonly db: Database.Database;
  private readonly q;

  constructor(file = databaseFilePath()) {
    this.db = openServerDatabase(file);
    this.q = {
      conference: this.db.prepare<[string], { status: string; holdReason: string | null; caseId: string }>('SELECT status, holdReason, caseId FROM "Conference" WHERE id = ?'),
      attendees: this.db.prepare<[string], string>('SELECT participantId FROM "ConferenceAttendee" WHERE conferenceId = ?').pluck(),
      live: this.db.prepare<[string], LiveRow>(
        'SELECT status, version, currentStepId, currentSpeakerId, startedAt, endedAt, pausedAt, pausedMs, breakStartedAt, breakRequestedById, seatingLocked FROM "ConferenceLive" WHERE conferenceId = ?',
      ),
      steps: this.db.prepare<[string], { id: string; status: string; markedAt: string | null }>(
        'SELECT id, status, markedAt FROM "ConferenceStep" WHERE conferenceId = ? ORDER BY position',
      ),
      stepTitle: this.db.prepare<[string], string>('SELECT title FROM "ConferenceStep" WHERE id = ?').pluck(),
      lastHold: this.db.prepare<[string], { payload: string; createdAt: string }>(
        "SELECT payload, createdAt FROM \"LiveEvent\" WHERE conferenceId = ? AND type = 'hold' ORDER BY seq DESC LIMIT 1",
      ),
      caseConferences: this.db.prepare<[string], string>('SELECT id FROM "Conference" WHERE caseId = ?').pluck(),
      insertLive: this.db.prepare(
        'INSERT INTO "ConferenceLive" (conferenceId, status, version, currentStepId, currentSpeakerId, startedAt, endedAt, pausedAt, pausedMs, breakStartedAt, breakRequestedById, seatingLocked, updatedAt) VALUES (@conferenceId, @status, @version, @currentStepId, @currentSpeakerId, @startedAt, @endedAt, @pausedAt, @pausedMs, @breakStartedAt, @breakRequestedById, @seatingLocked, @updatedAt)',
      ),
      updateLive: this.db.prepare(
        'UPDATE "ConferenceLive" SET status = @status, version = @version, currentStepId = @currentStepId, currentSpeakerId = @currentSpeakerId, startedAt = @startedAt, endedAt = @endedAt, pausedAt = @pausedAt, pausedMs = @pausedMs, breakStartedAt = @breakStartedAt, breakRequestedById = @breakRequestedById, seatingLocked = @seatingLocked, updatedAt = @updatedAt WHERE conferenceId = @conferenceId AND version = @expected',
      ),
      updateStep: this.db.prepare('UPDATE "ConferenceStep" SET status = ?, markedAt = ?, updatedAt = ? WHERE id = ?'),
      insertEvent: this.db.prepare('INSERT INTO "LiveEvent" (id, conferenceId, seq, type, payload, actorId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertAudit: this.db.prepare('INSERT INTO "AuditEvent" (id, actorId, actorRole, action, target, caseId, ip, details, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      conferenceHeld: this.db.prepare("UPDATE \"Conference\" SET status = 'HELD', updatedAt = ? WHERE id = ?"),
      caseStage: this.db.prepare<[string], string>('SELECT stage FROM "Case" WHERE id = ?').pluck(),
      setStage: this.db.prepare('UPDATE "Case" SET stage = ?, updatedAt = ? WHERE id = ?'),
      stageEvent: this.db.prepare('INSERT INTO "CaseStageEvent" (id, caseId, stage, actorId, reason, createdAt) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  /** A step's title (for its heading in the notes), or null when there is no such step. */
  stepTitle(stepId: string): string | null {
    return this.q.stepTitle.get(stepId) ?? null;
  }

  /** The conference, its live state and who attends, read in the caller's transaction. */
  read(conferenceId: string): LiveSnapshot {
    const conference = this.q.conference.get(conferenceId) ?? null;
    const steps = this.q.steps.all(conferenceId).map((s) => ({ id: s.id, status: s.status as StepStatus, markedAt: fromDb(s.markedAt) }));
    const row = this.q.live.get(conferenceId);
    const state: LiveState = row
      ? {
          status: row.status as LiveState["status"],
          version: row.version,
          currentStepId: row.currentStepId,
          currentSpeakerId: row.currentSpeakerId,
          startedAt: fromDb(row.startedAt),
          endedAt: fromDb(row.endedAt),
          pausedAt: fromDb(row.pausedAt),
          pausedMs: row.pausedMs,
          breakStartedAt: fromDb(row.breakStartedAt),
          breakRequestedById: row.breakRequestedById,
          seatingLocked: row.seatingLocked === 1,
          hold: null,
          steps,
        }
      : initialLiveState(steps);
    if (conference?.status === "ON_HOLD" && state.status !== "ENDED") state.hold = this.holdOf(conferenceId);
    if (conference?.status === "CANCELLED" && state.status !== "ENDED") state.hold = { kind: "cancelled", summary: "the booking was cancelled", since: null };
    return { conference, state, attendees: new Set(this.q.attendees.all(conferenceId)) };
  }

  /**
   * What the live screens say about a hold: the summary written with the newest "hold" event
   * (live-hold.server.ts). A booking held before live holds were recorded has none: then a
   * general sentence, never the reasons with names.
   */
  private holdOf(conferenceId: string): LiveHold {
    const row = this.q.lastHold.get(conferenceId);
    let summary = "";
    try {
      const payload: unknown = row ? JSON.parse(row.payload) : null;
      if (payload && typeof payload === "object" && typeof (payload as { summary?: unknown }).summary === "string") summary = (payload as { summary: string }).summary;
    } catch {
      summary = "";
    }
    return { kind: "on-hold", summary: summary || "the conditions for the conference no longer hold", since: row ? fromDb(row.createdAt) : null };
  }

  /** Every conference of a case (to push their live state after the bookings changed). */
  conferenceIds(caseId: string): string[] {
    return this.q.caseConferences.all(caseId);
  }

  /**
   * Stores `after` if the stored version is still `before.version` (compare-and-set), with the
   * changed step marks and the event. Returns false when another writer got there first.
   */
  write(conferenceId: string, before: LiveState, after: LiveState, event: { type: string; payload: string; actorId: string; at: Date }): boolean {
    const now = toDb(event.at.toISOString())!;
    const values = {
      conferenceId,
      status: after.status,
      version: after.version,
      currentStepId: after.currentStepId,
      currentSpeakerId: after.currentSpeakerId,
      startedAt: toDb(after.startedAt),
      endedAt: toDb(after.endedAt),
      pausedAt: toDb(after.pausedAt),
      pausedMs: after.pausedMs,
      breakStartedAt: toDb(after.breakStartedAt),
      breakRequestedById: after.breakRequestedById,
      seatingLocked: after.seatingLocked ? 1 : 0,
      updatedAt: now,
    };
    if (this.q.live.get(conferenceId)) {
      if (this.q.updateLive.run({ ...values, expected: before.version }).changes !== 1) return false;
    } else {
      if (before.version !== 0) return false;
      this.q.insertLive.run(values);
    }
    after.steps.forEach((s, i) => {
      const was = before.steps[i];
      if (!was || was.status !== s.status || was.markedAt !== s.markedAt) this.q.updateStep.run(s.status, toDb(s.markedAt), now, s.id);
    });
    this.q.insertEvent.run(newId(), conferenceId, after.version, event.type, event.payload, event.actorId, now);
    return true;
  }

  /**
   * The audit entry of a command, written in the command's own transaction (never lost apart from
   * it), so not through audit(): the address is the request's, as auditRequest takes it.
   */
  audit(origin: RequestOrigin, entry: { actorId: string; actorRole: string; action: string; target: string; caseId: string; details: Record<string, unknown>; at: Date }): void {
    this.q.insertAudit.run(
      newId(),
      entry.actorId,
      entry.actorRole,
      entry.action,
      entry.target,
      entry.caseId,
      origin.clientIp,
      JSON.stringify(entry.details),
      toDb(entry.at.toISOString()),
    );
  }

  /** The conference ended: it was held, and the case moves to "conference held" if it was waiting for it. */
  markHeld(conferenceId: string, caseId: string, actorId: string, at: Date): void {
    const now = toDb(at.toISOString())!;
    this.q.conferenceHeld.run(now, conferenceId);
    const stage = this.q.caseStage.get(caseId);
    if (stage === "CONFERENCE_SCHEDULED" || stage === "PREPARATION") {
      this.q.setStage.run("CONFERENCE_HELD", now, caseId);
      this.q.stageEvent.run(newId(), caseId, "CONFERENCE_HELD", actorId, "The conference ended", now);
    }
  }

  /** Runs `fn` in one write transaction, taking the write lock up front (no upgrade deadlocks). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const stores = globalThis as typeof globalThis & { __circleLiveStores?: Map<string, LiveStore> };
stores.__circleLiveStores ??= new Map();

/** The live store of the configured database (one connection per process and file). */
export function getLiveStore(url = getEnv().DATABASE_URL): LiveStore {
  let store = stores.__circleLiveStores!.get(url);
  if (!store || !store.db.open) stores.__circleLiveStores!.set(url, (store = new LiveStore(databaseFilePath(url))));
  return store;
}

/** Closes every live store connection (server shutdown). */
export function closeLiveStores(): void {
  for (const store of stores.__circleLiveStores!.values()) store.close();
  stores.__circleLiveStores!.clear();
}
