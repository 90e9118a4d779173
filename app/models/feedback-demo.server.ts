import type { PrismaClient } from "@prisma/client";
import { toZonedInput } from "~/utils/format";

const DAY = 24 * 3600 * 1000;

/**
 * The corner shop's feedback after its conference, for the demo: the owner's paper form, copied in
 * by the lead, and the young man responsible, who said he would rather not. The feedback page then
 * shows both kinds before anyone takes more on the tablet.
 */
export async function seedDemoFeedback(db: PrismaClient, ids: { caseId: string; leadId: string }, now = Date.now()) {
  const people = await db.participant.findMany({ where: { caseId: ids.caseId, role: { in: ["PERSON_HARMED", "PERSON_RESPONSIBLE"] } }, select: { id: true, role: true } });
  const day = (offset: number) => toZonedInput(new Date(now + offset * DAY)).slice(0, 10);
  for (const person of people) {
    const harmed = person.role === "PERSON_HARMED";
    await db.participantFeedback.create({
      data: {
        caseId: ids.caseId,
        participantId: person.id,
        role: person.role,
        occasion: "CONFERENCE",
        method: "PAPER",
        declined: !harmed,
        ...(harmed
          ? {
              satisfaction: 5,
              feltSafe: true,
              feltHeard: true,
              feltPrepared: true,
              wouldRecommend: true,
              comments: "I was nervous, but I was glad I could tell him what it did to the shop and to my family.",
            }
          : {}),
        givenOn: day(-44),
        recordedById: ids.leadId,
        createdAt: new Date(now - 43 * DAY),
      },
      select: { id: true },
    });
  }
}
