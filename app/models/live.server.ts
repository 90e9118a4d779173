import { applyLiveCommand, type LiveCommand, type LiveRefusal, type LiveRole, type LiveState } from "~/realtime/live-machine";
import type { RequestOrigin } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { can, type CaseResource, type Principal } from "~/utils/permissions";
import { RecordIdSchema } from "~/utils/schemas";
import { getCaseResource } from "./case-access.server";
import { activeAttendees, ensureConferenceScript, stepAddressees } from "./conference-script.server";
import { getLiveStore } from "./live-store.server";

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

/** The live state as stored now (READY with version 0 before anything happened). */
export const getLiveState = async (conferenceId: string): Promise<LiveState> => getLiveStore().read(conferenceId).state;

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
      steps: { orderBy: { position: "asc" }, select: { id: true, position: true, phase: true, title: true, prompt: true, addressees: stepAddressees } },
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
    steps: conference.steps.map(({ addressees, ...s }) => ({ ...s, addressedTo: addressees.map((a) => a.participantId) })),
    attendees: activeAttendees(conference.attendees),
  };
}

export type LiveCommandResult = { ok: true; state: LiveState; stepChanged: boolean } | LiveRefusal;

/**
 * Applies one command for `user`: checked, applied and stored (state, step marks, event log, and
 * on "end" the conference and case stage) in one synchronous write transaction on the live store
 * (live-store.server.ts), with its audit entry (from `origin`, the connection that sent it). The version compare-and-set makes a concurrent command stale, also
 * across processes. "start" first gives the conference the standard script if it has none.
 */
export async function runLiveCommand(user: Principal, access: ConferenceAccess, command: LiveCommand, origin: RequestOrigin, now = new Date()): Promise<LiveCommandResult> {
  const role = liveRoleOf(user, access.resource);
  if (!role) return { ok: false, error: "forbidden", message: "You are not on this case." };
  const { conferenceId, caseId } = access;
  if (command.type === "start" && role === "chair") {
    const refused = startRefusal(await db.conference.findUnique({ where: { id: conferenceId }, select: { status: true, holdReason: true } }));
    if (refused) return refused;
    await db.$transaction((tx) => ensureConferenceScript(tx, conferenceId, access.serviceId));
  }
  const store = getLiveStore();
  return store.transaction((): LiveCommandResult => {
    const { conference, state: before, attendees } = store.read(conferenceId);
    if (!conference) return refusal("This conference no longer exists.");
    if (command.type === "start") {
      const refused = startRefusal(conference);
      if (refused) return refused;
    }
    const result = applyLiveCommand(before, command, { role, actorId: user.id, now, speakers: attendees });
    if (!result.ok) return result;
    const after = result.state;
    const { expectedVersion: _v, type, ...details } = command;
    if (!store.write(conferenceId, before, after, { type, payload: JSON.stringify(details), actorId: user.id, at: now })) return stale();
    if (type === "end") store.markHeld(conferenceId, caseId, user.id, now);
    store.audit(origin, {
      actorId: user.id,
      actorRole: user.role,
      action: `conference.live.${type}`,
      target: `conference:${conferenceId}`,
      caseId,
      details: { version: after.version },
      at: now,
    });
    return { ok: true, state: after, stepChanged: after.currentStepId !== before.currentStepId };
  });
}

function startRefusal(conference: { status: string; holdReason: string | null } | null): LiveRefusal | null {
  if (conference?.status === "ON_HOLD") return refusal(`This conference is on hold: ${conference.holdReason ?? "re-book it from the case screen first."}`);
  if (conference?.status === "CANCELLED") return refusal("This conference was cancelled.");
  if (conference?.status === "HELD") return refusal("This conference has already been held.");
  return null;
}

const refusal = (message: string): LiveRefusal => ({ ok: false, error: "invalid", message });
const stale = (): LiveRefusal => ({ ok: false, error: "stale", message: "The conference moved on before that arrived; you are now on the current step." });
