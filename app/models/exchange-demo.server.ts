import type { PrismaClient } from "@prisma/client";
import { toZonedInput } from "~/utils/format";
import { hashPassword } from "~/utils/password.server";
import { authorEmail } from "./letter-author.server";

const DAY = 24 * 3600 * 1000;

/**
 * The corner shop's exchange before its conference, for the demo: the owner's question, gathered
 * at a home visit, approved and read with the young man responsible; his answer, gathered at his
 * next visit, waiting for review. The exchange page then shows a thread at both stages. Both agreed
 * to messages being passed, and the owner writes her own in a workspace of her own (username
 * `amira`), where she sees her question passed on and can write more.
 */
export async function seedDemoExchange(db: PrismaClient, ids: { caseId: string; leadId: string; serviceId: string }, password: string, now = Date.now()) {
  const harmed = await db.participant.findFirst({ where: { caseId: ids.caseId, role: "PERSON_HARMED" }, select: { id: true } });
  const responsible = await db.participant.findFirst({ where: { caseId: ids.caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } });
  if (!harmed || !responsible) return;
  const day = (offset: number) => toZonedInput(new Date(now + offset * DAY)).slice(0, 10);
  const at = (offset: number) => new Date(now + offset * DAY);
  await db.exchangeChoice.create({
    data: { caseId: ids.caseId, participantId: responsible.id, choice: "RECEIVE_NOW", method: "At the first home visit", recordedById: ids.leadId, createdAt: at(-70) },
  });
  const question = await db.exchangeMessage.create({
    data: {
      caseId: ids.caseId,
      fromId: harmed.id,
      toId: responsible.id,
      kind: "QUESTION",
      gatheredBy: "VISIT",
      gatheredOn: day(-68),
      text: "Did you know it was a family shop, and that we live above it?",
      senderConsent: true,
      consentWording: "THEIR_WORDS",
      recordedById: ids.leadId,
      createdAt: at(-68),
      status: "DELIVERED",
      approvedById: ids.leadId,
      approvedAt: at(-67),
      deliveryMethod: "READ_AT_VISIT",
      deliveredOn: day(-62),
      deliveredById: ids.leadId,
      deliveredAt: at(-62),
    },
    select: { id: true },
  });
  await db.exchangeMessage.create({
    data: {
      caseId: ids.caseId,
      fromId: responsible.id,
      toId: harmed.id,
      inReplyToId: question.id,
      kind: "ANSWER",
      gatheredBy: "VISIT",
      gatheredOn: day(-62),
      text: "He said he did not know anyone lived there, and that finding out has stayed with him.",
      senderConsent: true,
      consentWording: "FACILITATOR_SUMMARY",
      recordedById: ids.leadId,
      createdAt: at(-62),
    },
    select: { id: true },
  });
  for (const participantId of [harmed.id, responsible.id])
    await db.consentEntry.create({
      data: { caseId: ids.caseId, participantId, element: "PASS_MESSAGES", answer: "YES", method: "IN_PERSON", givenAt: at(-70), recordedById: ids.leadId, createdAt: at(-70) },
    });
  const author = await db.user.create({
    data: {
      email: authorEmail("amira"),
      username: "amira",
      name: "Amira",
      role: "LETTER_AUTHOR",
      serviceId: ids.serviceId,
      password: { create: { hash: await hashPassword(password) } },
    },
    select: { id: true },
  });
  await db.exchangeWriter.create({
    data: { caseId: ids.caseId, participantId: harmed.id, authorId: author.id, recipientId: responsible.id, recipientLabel: "Tyler", createdById: ids.leadId, createdAt: at(-60) },
  });
}
