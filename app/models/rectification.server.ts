import { db } from "~/utils/db.server";
import { formatDay } from "~/utils/format";
import { Refusal } from "~/utils/refusal";
import type { RectificationAction } from "./subject-access-schemas";

/**
 * Requests to correct personal data (README, Decisions, "Subject access and rectification"): kept
 * with the case, listed on the case screen and the manager's record page. Recorded, then decided
 * once; a decided request never changes (a trigger refuses it too), so a second request is a new row.
 */
/** The case's correction requests, newest first, and the people a new one may come from. */
export async function getRectifications(caseId: string) {
  const [items, participants] = await Promise.all([
    listRectifications(caseId),
    db.participant.findMany({ where: { caseId, removedAt: null }, select: { id: true, name: true, preferredName: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { items, participants };
}

async function listRectifications(caseId: string) {
  const rows = await db.rectificationRequest.findMany({
    where: { caseId },
    select: {
      id: true,
      receivedOn: true,
      claim: true,
      createdAt: true,
      decision: true,
      decisionReason: true,
      changesMade: true,
      decidedAt: true,
      participant: { select: { id: true, name: true, preferredName: true } },
      recordedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows;
}

export async function recordRectification(caseId: string, input: Extract<RectificationAction, { intent: "record" }>, actorId: string) {
  const person = await db.participant.findFirst({ where: { id: input.participantId, caseId, removedAt: null }, select: { id: true } });
  if (!person) throw new Refusal("Choose someone on this case", { status: 400, field: "participantId" });
  return db.rectificationRequest.create({
    data: { caseId, participantId: person.id, receivedOn: input.receivedOn, claim: input.claim, recordedById: actorId },
    select: { id: true },
  });
}

export async function decideRectification(caseId: string, input: Extract<RectificationAction, { intent: "decide" }>, actorId: string) {
  return db.$transaction(async (tx) => {
    const found = await tx.rectificationRequest.findFirst({ where: { id: input.rectificationId, caseId }, select: { id: true, decidedAt: true } });
    if (!found) throw new Refusal("That request is not on this case: reload the page.", { status: 400, field: "rectificationId" });
    if (found.decidedAt) {
      throw new Refusal(`This request was decided on ${formatDay(found.decidedAt)} and is kept as decided. If they ask again, record a new request.`);
    }
    await tx.rectificationRequest.update({
      where: { id: found.id },
      data: {
        decision: input.decision,
        decisionReason: input.decision === "CORRECTED" ? "" : input.decisionReason,
        changesMade: input.decision === "REFUSED" ? "" : input.changesMade,
        decidedById: actorId,
        decidedAt: new Date(),
      },
    });
    return { id: found.id };
  });
}
