import type { Prisma } from "@prisma/client";
import { formatDateTime } from "~/utils/format";
import { conferenceGate } from "./gates";
import { releaseLiveConference } from "./live-hold.server";
import { loadGateFacts } from "./preparation.server";
import type { ConferenceInput } from "./safety-schemas";
import { Refusal } from "~/utils/refusal";
import { setStage } from "./stage.server";

type Tx = Prisma.TransactionClient;
type Input<I extends ConferenceInput["intent"]> = Extract<ConferenceInput, { intent: I }>;

/**
 * The conference gate, read inside the writing transaction so a concurrent change cannot slip past
 * it, for the people who will attend (a child among them needs a guardian's consent too).
 */
async function requireConferenceGate(tx: Tx, caseId: string, attendeeIds: string[]) {
  const facts = await loadGateFacts(caseId, tx);
  if (!facts) throw new Refusal(["Case not found."], { status: 400 });
  const gate = conferenceGate({ ...facts, attendeeIds });
  if (!gate.ok) throw new Refusal(gate.reasons, { status: 400 });
  return facts;
}

/** Lead and co-facilitator must be facilitators on this case's team. */
async function checkFacilitators(tx: Tx, caseId: string, leadId: string, coId: string | null) {
  const members = await tx.caseMember.findMany({
    where: { caseId, userId: { in: [leadId, ...(coId ? [coId] : [])] }, role: { in: ["LEAD", "CO_FACILITATOR"] } },
    select: { userId: true },
  });
  const onTeam = new Set(members.map((m) => m.userId));
  if (!onTeam.has(leadId)) throw new Refusal(["The lead facilitator must be a facilitator on this case's team."], { status: 400, field: "leadId" });
  if (coId && !onTeam.has(coId)) throw new Refusal(["The co-facilitator must be a facilitator on this case's team."], { status: 400, field: "coFacilitatorId" });
}

/** Attendees must be active participants of this case, including a person harmed and a person responsible. */
async function checkAttendees(tx: Tx, caseId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const people = await tx.participant.findMany({ where: { caseId, id: { in: unique }, removedAt: null }, select: { role: true } });
  if (people.length !== unique.length) throw new Refusal(["Choose attendees from the people on this case."], { status: 400, field: "attendees" });
  const roles = new Set(people.map((p) => p.role));
  const missing = [
    roles.has("PERSON_HARMED") ? null : "Include the person harmed: a face-to-face conference needs them.",
    roles.has("PERSON_RESPONSIBLE") ? null : "Include the person responsible: a face-to-face conference needs them.",
  ].filter((r): r is string => r !== null);
  if (missing.length) throw new Refusal(missing, { status: 400, field: "attendees" });
  return unique;
}

async function openConference(tx: Tx, caseId: string, conferenceId: string, status: "SCHEDULED" | "ON_HOLD" | ("SCHEDULED" | "ON_HOLD")[]) {
  const statuses = Array.isArray(status) ? status : [status];
  const found = await tx.conference.findFirst({ where: { id: conferenceId, caseId, status: { in: statuses } }, select: { id: true, status: true } });
  if (!found)
    throw new Refusal([`There is no ${statuses.join(" or ").toLowerCase().replace("_", " ")} conference like that on this case.`], { status: 400, field: "conferenceId" });
  return found;
}

const when = (i: { scheduledAt: Date; endsAt?: Date }) => ({ scheduledAt: i.scheduledAt, endsAt: i.endsAt ?? null });

export async function scheduleConference(tx: Tx, caseId: string, input: Input<"schedule">, actorId: string) {
  await checkFacilitators(tx, caseId, input.leadId, input.coFacilitatorId);
  const attendees = await checkAttendees(tx, caseId, input.attendees);
  const onHold = await tx.conference.count({ where: { caseId, status: "ON_HOLD" } });
  if (onHold > 0) throw new Refusal(["A conference on hold is waiting: re-book it or cancel it first."], { status: 400 });
  const facts = await requireConferenceGate(tx, caseId, attendees);
  const conference = await tx.conference.create({
    data: {
      caseId,
      ...when(input),
      venue: input.venue,
      room: input.room,
      leadId: input.leadId,
      coFacilitatorId: input.coFacilitatorId,
      status: "SCHEDULED",
      attendees: { create: attendees.map((participantId) => ({ participantId })) },
    },
    select: { id: true },
  });
  await setStage(tx, { caseId, from: facts.stage, to: "CONFERENCE_SCHEDULED", actorId, reason: `Conference booked for ${formatDateTime(input.scheduledAt.toISOString())}` });
  return conference;
}

export async function rescheduleConference(tx: Tx, caseId: string, input: Input<"reschedule">) {
  const found = await openConference(tx, caseId, input.conferenceId, "SCHEDULED");
  await tx.conference.update({ where: { id: found.id }, data: { ...when(input), venue: input.venue, room: input.room } });
  return found;
}

/** Re-books a conference put on hold: the gate must hold again, and its attendees must still be on the case. */
export async function rebookConference(tx: Tx, caseId: string, input: Input<"rebook">, actorId: string) {
  const found = await openConference(tx, caseId, input.conferenceId, "ON_HOLD");
  const attendees = await tx.conferenceAttendee.findMany({ where: { conferenceId: found.id }, select: { participantId: true } });
  const attendeeIds = attendees.map((a) => a.participantId);
  await checkAttendees(tx, caseId, attendeeIds).catch((error: unknown) => {
    if (error instanceof Refusal) throw new Refusal([...error.reasons, "Cancel this conference and schedule a new one with the right people."], { status: 400 });
    throw error;
  });
  const facts = await requireConferenceGate(tx, caseId, attendeeIds);
  await tx.conference.update({
    where: { id: found.id },
    data: { ...when(input), venue: input.venue, room: input.room, status: "SCHEDULED", holdReason: null },
  });
  await releaseLiveConference(tx, found.id, actorId);
  await setStage(tx, { caseId, from: facts.stage, to: "CONFERENCE_SCHEDULED", actorId, reason: `Conference re-booked for ${formatDateTime(input.scheduledAt.toISOString())}` });
  return found;
}

/** Cancels a booked or on-hold conference; a case waiting for it goes back to preparation. */
export async function cancelConference(tx: Tx, caseId: string, input: Input<"cancel">, actorId: string) {
  const found = await openConference(tx, caseId, input.conferenceId, ["SCHEDULED", "ON_HOLD"]);
  await tx.conference.update({ where: { id: found.id }, data: { status: "CANCELLED" } });
  const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } });
  const stillBooked = await tx.conference.count({ where: { caseId, status: "SCHEDULED" } });
  if (c.stage === "CONFERENCE_SCHEDULED" && stillBooked === 0) {
    await setStage(tx, { caseId, from: "CONFERENCE_SCHEDULED", to: "PREPARATION", actorId, reason: `Conference cancelled: ${input.reason}` });
  }
  return found;
}
