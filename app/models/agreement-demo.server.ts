import type { PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { toZonedInput } from "~/utils/format";
import { richDocFromYjs, richDocToText } from "~/utils/rich-text";
import { agreementDocName } from "./agreement.server";
import type { FrozenTerm } from "./agreement-schemas";
import { hashContent } from "./agreement-workflow.server";

const DAY = 24 * 3600 * 1000;

/**
 * Demo monitoring: an approved agreement on a follow-up case (e.g. RJ-2026-0117, the corner-shop
 * burglary) with a restitution term partly paid and an apology letter overdue, so "My cases" and
 * the supervisor's /reviews dashboard show due and overdue terms. Adds the two participants it needs.
 */
export async function seedDemoAgreement(db: PrismaClient, ids: { caseId: string; leadId: string; supervisorId: string }, now = Date.now()) {
  const { caseId, leadId, supervisorId } = ids;
  const owner = await db.participant.create({
    data: { caseId, role: "PERSON_HARMED", name: "Amira Khan", pronouns: "she/her", relationship: "Owns the corner shop" },
    select: { id: true, name: true },
  });
  const tyler = await db.participant.create({
    data: { caseId, role: "PERSON_RESPONSIBLE", name: "Tyler Moss", pronouns: "he/him", relationship: "Broke into the shop" },
    select: { id: true, name: true },
  });
  const day = (offset: number) => toZonedInput(new Date(now + offset * DAY)).slice(0, 10);
  const agreement = await db.agreement.create({ data: { caseId, status: "DRAFTING", createdById: leadId, createdAt: new Date(now - 40 * DAY) }, select: { id: true } });
  const draft = [
    {
      type: "RESTITUTION",
      description: "Pay for the broken shop window",
      amountPence: 30_000,
      instalments: 3,
      dueDate: day(10),
      verification: "Payments made through the service",
    },
    {
      type: "APOLOGY_LETTER",
      description: "Write a letter of apology to Amira",
      amountPence: null,
      instalments: null,
      dueDate: day(-5),
      verification: "The facilitator reads it before it is sent",
    },
    {
      type: "PROGRAMME",
      description: "Attend the six-week victim awareness course",
      amountPence: null,
      instalments: null,
      dueDate: day(60),
      verification: "Attendance confirmed by the course leader",
    },
  ];
  const terms: FrozenTerm[] = [];
  for (const [position, t] of draft.entries()) {
    const row = await db.agreementTerm.create({
      data: {
        agreementId: agreement.id,
        position,
        type: t.type,
        description: t.description,
        responsibleId: tyler.id,
        beneficiaryId: owner.id,
        dueDate: new Date(`${t.dueDate}T12:00:00Z`),
        verification: t.verification,
        amountPence: t.amountPence,
        instalments: t.instalments,
      },
      select: { id: true },
    });
    terms.push({
      id: row.id,
      position,
      type: t.type as FrozenTerm["type"],
      description: t.description,
      responsibleId: tyler.id,
      responsibleName: tyler.name,
      beneficiaryId: owner.id,
      beneficiaryName: owner.name,
      dueDate: t.dueDate,
      verification: t.verification,
      amountPence: t.amountPence,
      instalments: t.instalments,
      hours: null,
    });
  }
  // The narrative lives in the agreement's shared document, as a real draft's does; the version is
  // frozen from that document, so the agreement page shows the same words as the version of record.
  const doc = new Y.Doc();
  appendParagraphs(flatField(doc, "narrative"), ["Tyler said he wants to put right the damage to Amira's shop and to understand what the break-in did to her family."]);
  const narrative = richDocFromYjs(doc, "narrative");
  await db.collabUpdate.create({ data: { docName: agreementDocName(agreement.id), seq: 1, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
  doc.destroy();
  const termsJson = JSON.stringify(terms);
  const narrativeJson = JSON.stringify(narrative);
  const hash = hashContent(termsJson, narrativeJson);
  const signedAt = new Date(now - 35 * DAY);
  const version = await db.agreementVersion.create({
    data: {
      agreementId: agreement.id,
      number: 1,
      termsJson,
      narrativeJson,
      narrativeText: richDocToText(narrative),
      contentHash: hash,
      state: "APPROVED",
      createdById: leadId,
      createdAt: signedAt,
      submittedAt: signedAt,
      submittedById: leadId,
      decidedAt: new Date(now - 33 * DAY),
      decidedById: supervisorId,
      signatures: {
        create: [
          { participantId: tyler.id, method: "TYPED", typedName: "Tyler Moss", attestedById: leadId, contentHash: hash, signedAt },
          { participantId: owner.id, method: "TYPED", typedName: "Amira Khan", attestedById: leadId, contentHash: hash, signedAt },
        ],
      },
    },
    select: { id: true },
  });
  await db.agreement.update({ where: { id: agreement.id }, data: { status: "APPROVED", approvedVersionId: version.id } });
  await db.agreementTermProgress.create({
    data: { agreementId: agreement.id, termId: terms[0]!.id, status: "IN_PROGRESS", note: "First instalment paid", updatedById: leadId, createdAt: new Date(now - 20 * DAY) },
  });
  await db.agreementPayment.create({ data: { agreementId: agreement.id, termId: terms[0]!.id, amountPence: 10_000, receivedAt: new Date(now - 20 * DAY), recordedById: leadId } });
  return { agreementId: agreement.id, versionId: version.id };
}
