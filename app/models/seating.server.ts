import { db } from "~/utils/db.server";

/** Whether the conference's seating plan is locked (server-authoritative: ConferenceLive.seatingLocked). */
export async function isSeatingLocked(conferenceId: string): Promise<boolean> {
  const live = await db.conferenceLive.findUnique({ where: { conferenceId }, select: { seatingLocked: true } });
  return live?.seatingLocked ?? false;
}

/** The case's latest risk assessment asks for the person harmed to sit nearest the door. */
export async function harmedNearDoor(caseId: string): Promise<boolean> {
  const latest = await db.riskAssessment.findFirst({ where: { caseId }, orderBy: { createdAt: "desc" }, select: { harmedNearDoor: true } });
  return latest?.harmedNearDoor ?? false;
}

/** Everyone on the case team: their open connections are re-authorized when the plan locks or unlocks. */
export async function caseMemberIds(caseId: string): Promise<string[]> {
  const members = await db.caseMember.findMany({ where: { caseId }, select: { userId: true } });
  return members.map((m) => m.userId);
}
