import type { Prisma } from "@prisma/client";
import { applyLiveCommand, initialLiveState, type LiveCommand, type LiveRefusal, type LiveRole, type LiveState, type StepStatus } from "~/realtime/live-machine";
import { db } from "~/utils/db.server";
import { can, type CaseResource, type Principal } from "~/utils/permissions";
import { displayName, type ParticipantRole } from "~/utils/preparation";
import { RecordIdSchema } from "~/utils/schemas";
import { getCaseResource } from "./case-access.server";
import { ensureConferenceScript } from "./conference-script.server";

/** A conference and the facts can() needs about its case for one user. */
export type ConferenceAccess = { conferenceId: string; caseId: string; serviceId: string; resource: CaseResource };

/** Null when the conference does not exist or the user is not on its case (answer 404 either way). */
export async function getConferenceAccess(user: Principal, conferenceId: string): Promise<ConferenceAccess | null> {
  if (!RecordIdSchema.safeParse(conferenceId).success) return null;
  const conference = await db.conference.findUnique({ where: { id: conferenceId }, select: { id: true, caseId: true } });
  if (!conference) return null;
  const resource = await getCaseResource(user, conference.caseId);
  if (!resource || !can(user, "live:follow", resource)) return null;
  return { conferenceId: conference.id, caseId: conference.caseId, serviceId: resource.serviceId, resource };
}

/** The user's part in the live conference: the lead chairs, the co-facilitator assists, the supervisor follows. */
export function liveRoleOf(user: Principal, resource: CaseResource): LiveRole | null {
  if (can(user, "live:chair", resource)) return "chair";
  if (can(user, "live:assist", resource)) return "assist";
  if (can(user, "live:follow", resource)) return "follow";
  return null;
}

type Tx = Prisma.TransactionClient;

async function readState(tx: Tx | typeof db, conferenceId: string): Promise<LiveState> {
  const [live, steps] = await Promise.all([
    tx.conferenceLive.findUnique({ where: { conferenceId } }),
    tx.conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" }, select: { id: true, status: true, markedAt: true } }),
  ]);
  const liveSteps = steps.map((s) => ({ id: s.id, status: s.status as StepStatus, markedAt: s.markedAt?.toISOString() ?? null }));
  if (!live) return initialLiveState(liveSteps);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    status: live.status as LiveState["status"],
    version: live.version,
    currentStepId: live.currentStepId,
    currentSpeakerId: live.currentSpeakerId,
    startedAt: iso(live.startedAt),
    endedAt: iso(live.endedAt),
    pausedAt: iso(live.pausedAt),
    pausedMs: live.pausedMs,
    breakStartedAt: iso(live.breakStartedAt),
    breakRequestedById: live.breakRequestedById,
    seatingLocked: live.seatingLocked,
    steps: liveSteps,
  };
}

/** The live state as stored now (READY with version 0 before anything happened). */
export const getLiveState = (conferenceId: string) => readState(db, conferenceId);

/** Everything the live screen shows besides the state: the script, the people, the booking. */
export async function getLiveScript(conferenceId: string) {
  const conference = await db.conference.findUnique({
    where: { id: conferenceId },
    select: {
      id: true,
      caseId: true,
      scheduledAt: true,
      venue: true,
      room: true,
      status: true,
      holdReason: true,
      case: { select: { reference: true, title: true } },
      steps: { orderBy: { position: "asc" }, select: { id: true, position: true, phase: true, title: true, prompt: true, addressedTo: true } },
      attendees: { select: { participant: { select: { id: true, name: true, preferredName: true, role: true, supportsId: true, removedAt: true } } } },
    },
  });
  if (!conference) return null;
  return {
    id: conference.id,
    caseId: conference.caseId,
    reference: conference.case.reference,
    title: conference.case.title,
    scheduledAt: conference.scheduledAt.toISOString(),
    venue: [conference.venue, conference.room].filter(Boolean).join(", "),
    status: conference.status,
    holdReason: conference.holdReason,
    steps: conference.steps.map((s) => ({ ...s, addressedTo: parseIds(s.addressedTo) })),
    attendees: conference.attendees
      .map((a) => a.participant)
      .filter((p) => p.removedAt === null)
      .map((p) => ({ id: p.id, name: displayName(p), fullName: p.name, role: p.role as ParticipantRole, supportsId: p.supportsId })),
  };
}

function parseIds(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export type LiveCommandResult = { ok: true; state: LiveState; stepChanged: boolean } | LiveRefusal;

/**
 * Applies one command for `user`: checked, applied, stored (state, step marks, event log, and on
 * "end" the conference and case stage) in one transaction. A compare-and-set on the version makes
 * a concurrent command stale even across processes.
 */
export async function runLiveCommand(user: Principal, access: ConferenceAccess, command: LiveCommand, now = new Date()): Promise<LiveCommandResult> {
  const role = liveRoleOf(user, access.resource);
  if (!role) return { ok: false, error: "forbidden", message: "You are not on this case." };
  const { conferenceId, caseId } = access;
  return db.$transaction(async (tx) => {
    const conference = await tx.conference.findUniqueOrThrow({
      where: { id: conferenceId },
      select: { status: true, holdReason: true, attendees: { select: { participantId: true } } },
    });
    if (command.type === "start") {
      if (conference.status === "ON_HOLD") return refusal(`This conference is on hold: ${conference.holdReason ?? "re-book it from the case screen first."}`);
      if (conference.status === "CANCELLED") return refusal("This conference was cancelled.");
      if (role === "chair") await ensureConferenceScript(tx, conferenceId, access.serviceId);
    }
    const before = await readState(tx, conferenceId);
    const result = applyLiveCommand(before, command, {
      role,
      actorId: user.id,
      now,
      speakers: new Set(conference.attendees.map((a) => a.participantId)),
    });
    if (!result.ok) return result;
    const after = result.state;
    const data = {
      status: after.status,
      version: after.version,
      currentStepId: after.currentStepId,
      currentSpeakerId: after.currentSpeakerId,
      startedAt: after.startedAt ? new Date(after.startedAt) : null,
      endedAt: after.endedAt ? new Date(after.endedAt) : null,
      pausedAt: after.pausedAt ? new Date(after.pausedAt) : null,
      pausedMs: after.pausedMs,
      breakStartedAt: after.breakStartedAt ? new Date(after.breakStartedAt) : null,
      breakRequestedById: after.breakRequestedById,
      seatingLocked: after.seatingLocked,
    };
    if (before.version === 0) {
      // First command: the row may not exist yet. The unique key makes a racing creator fail.
      const existing = await tx.conferenceLive.findUnique({ where: { conferenceId }, select: { version: true } });
      if (existing && existing.version !== 0) return stale();
      if (existing) {
        const { count } = await tx.conferenceLive.updateMany({ where: { conferenceId, version: 0 }, data });
        if (count !== 1) return stale();
      } else {
        await tx.conferenceLive.create({ data: { conferenceId, ...data } });
      }
    } else {
      const { count } = await tx.conferenceLive.updateMany({ where: { conferenceId, version: before.version }, data });
      if (count !== 1) return stale();
    }
    const changed = after.steps.filter((s, i) => s.status !== before.steps[i]?.status || s.markedAt !== before.steps[i]?.markedAt);
    for (const s of changed) {
      await tx.conferenceStep.update({ where: { id: s.id }, data: { status: s.status, markedAt: s.markedAt ? new Date(s.markedAt) : null } });
    }
    const { expectedVersion: _v, type, ...details } = command;
    await tx.liveEvent.create({ data: { conferenceId, seq: after.version, type, payload: JSON.stringify(details), actorId: user.id, createdAt: now } });
    if (type === "end") {
      await tx.conference.update({ where: { id: conferenceId }, data: { status: "HELD" } });
      const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } });
      if (c.stage === "CONFERENCE_SCHEDULED" || c.stage === "PREPARATION") {
        await tx.case.update({ where: { id: caseId }, data: { stage: "CONFERENCE_HELD" } });
        await tx.caseStageEvent.create({ data: { caseId, stage: "CONFERENCE_HELD", actorId: user.id, reason: "The conference ended" } });
      }
    }
    return { ok: true as const, state: after, stepChanged: after.currentStepId !== before.currentStepId };
  });
}

const refusal = (message: string): LiveRefusal => ({ ok: false, error: "invalid", message });
const stale = (): LiveRefusal => ({ ok: false, error: "stale", message: "The conference moved on before that arrived; you are now on the current step." });
