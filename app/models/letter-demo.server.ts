import type { PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { hashPassword } from "~/utils/password.server";
import { authorEmail } from "./letter-author.server";
import { letterDocName } from "./letter.server";

const DRAFT = [
  "Dear Jess,",
  "I am writing to say sorry for what I did to you at the bus stop. I hit you and I took your phone. I was drunk but that is no excuse.",
  "I have been thinking about how scared you must have been, and I know you were hurt.",
];

/** A Yjs update holding the draft as paragraphs of the letter's rich-text field. */
function draftUpdate(): Uint8Array {
  const doc = new Y.Doc();
  appendParagraphs(flatField(doc, "letter"), DRAFT);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * The demo letter author `daniel` (password as the other demo accounts) with a letter in progress
 * on the bus-stop case: writer Dan Price, recipient Jess Barnes shown as "Jess".
 * ids: the demo service, the bus-stop case and the lead facilitator who opened the letter.
 */
export async function seedDemoLetter(db: PrismaClient, ids: { serviceId: string; caseId: string; createdById: string }, password = "circle-demo-2026") {
  const people = await db.participant.findMany({ where: { caseId: ids.caseId, role: { in: ["PERSON_RESPONSIBLE", "PERSON_HARMED"] } }, select: { id: true, role: true } });
  const writer = people.find((p) => p.role === "PERSON_RESPONSIBLE");
  const recipient = people.find((p) => p.role === "PERSON_HARMED");
  if (!writer || !recipient) throw new Error("the bus-stop case needs its person responsible and person harmed before the demo letter");
  const author = await db.user.create({
    data: {
      email: authorEmail("daniel"),
      username: "daniel",
      name: "Dan",
      role: "LETTER_AUTHOR",
      serviceId: ids.serviceId,
      password: { create: { hash: await hashPassword(password) } },
    },
    select: { id: true },
  });
  const letter = await db.letter.create({
    data: {
      caseId: ids.caseId,
      authorId: author.id,
      writerId: writer.id,
      recipientId: recipient.id,
      recipientLabel: "Jess",
      guidance: "Take your time. Write it the way you would say it to her, and keep it about what you did and how it affected her.",
      createdById: ids.createdById,
    },
    select: { id: true },
  });
  await db.collabUpdate.create({ data: { docName: letterDocName(letter.id), seq: 1, data: Buffer.from(draftUpdate()) } });
  await db.letterComment.create({
    data: {
      letterId: letter.id,
      quote: "I was drunk but that is no excuse.",
      body: "Good that you own it. Could you say more about what that night was like for her?",
      authorId: ids.createdById,
    },
  });
  return { authorId: author.id, letterId: letter.id, username: "daniel" };
}
