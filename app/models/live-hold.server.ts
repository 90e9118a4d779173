import type { Prisma } from "@prisma/client";
import { holdLiveState, initialLiveState, releaseLiveState, type LiveHold, type LiveState } from "~/realtime/live-machine";

type Tx = Prisma.TransactionClient;

/**
 * The live side of a hold, written in the same transaction that puts the booking on hold (or
 * re-books it), so the live state can never say "running" about a conference that is on hold.
 * The live store (live-store.server.ts) writes commands on its own connection with a version
 * compare-and-set; this moves the same version on, so a command sent before the hold arrived is
 * refused as stale, and one sent after it is refused because the conference is on hold.
 * Broadcasting the new state to the live screens happens after the commit (context.realtime).
 */

const READY: LiveState = initialLiveState([]);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

/** The stored live state without its steps (a hold changes no step), or READY when none is stored yet. */
async function stored(tx: Tx, conferenceId: string): Promise<{ exists: boolean; state: LiveState }> {
  const row = await tx.conferenceLive.findUnique({ where: { conferenceId } });
  if (!row) return { exists: false, state: READY };
  return {
    exists: true,
    state: {
      ...READY,
      status: row.status as LiveState["status"],
      version: row.version,
      currentStepId: row.currentStepId,
      currentSpeakerId: row.currentSpeakerId,
      startedAt: iso(row.startedAt),
      endedAt: iso(row.endedAt),
      pausedAt: iso(row.pausedAt),
      pausedMs: row.pausedMs,
      breakStartedAt: iso(row.breakStartedAt),
      breakRequestedById: row.breakRequestedById,
      seatingLocked: row.seatingLocked,
    },
  };
}

async function store(
  tx: Tx,
  conferenceId: string,
  before: { exists: boolean; state: LiveState },
  after: LiveState,
  event: { type: string; payload: object; actorId: string; at: Date },
) {
  const data = {
    status: after.status,
    version: after.version,
    currentSpeakerId: after.currentSpeakerId,
    pausedAt: date(after.pausedAt),
    breakStartedAt: date(after.breakStartedAt),
    breakRequestedById: after.breakRequestedById,
  };
  if (before.exists) {
    const { count } = await tx.conferenceLive.updateMany({ where: { conferenceId, version: before.state.version }, data });
    // The write lock is held by now, so nobody can have moved the version since it was read.
    if (count !== 1) throw new Error("The live state changed while the hold was being recorded.");
  } else {
    await tx.conferenceLive.create({ data: { conferenceId, ...data } });
  }
  await tx.liveEvent.create({
    data: { conferenceId, seq: after.version, type: event.type, payload: JSON.stringify(event.payload), actorId: event.actorId, createdAt: event.at },
  });
}

/**
 * These conferences were just put on hold: each live state stops (see holdLiveState) and the
 * live record gets a "hold" event with the summary the live screens show.
 */
export async function holdLiveConferences(tx: Tx, conferenceIds: string[], summary: string, actorId: string, now = new Date()): Promise<void> {
  const hold: LiveHold = { kind: "on-hold", summary, since: now.toISOString() };
  for (const conferenceId of conferenceIds) {
    const before = await stored(tx, conferenceId);
    const after = holdLiveState(before.state, now, hold);
    if (after) await store(tx, conferenceId, before, after, { type: "hold", payload: { summary }, actorId, at: now });
  }
}

/** A conference on hold was re-booked: its live screens may go on (the lead resumes a started one). */
export async function releaseLiveConference(tx: Tx, conferenceId: string, actorId: string, now = new Date()): Promise<void> {
  const before = await stored(tx, conferenceId);
  if (!before.exists) return;
  const after = releaseLiveState({ ...before.state, hold: { kind: "on-hold", summary: "", since: null } });
  if (after) await store(tx, conferenceId, before, after, { type: "release", payload: {}, actorId, at: now });
}
