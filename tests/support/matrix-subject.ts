import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "./http";
import { PRINCIPAL_FIXTURES, SUBJECT_CASE_REFERENCE, type PrincipalName } from "./matrix";
import { DEMO_PASSWORD } from "./server";

/** The ids the matrix's path patterns name, on the subject case of a freshly seeded demo service. */
export type SubjectIds = { caseId: string; conferenceId: string; letterId: string; agreementId: string; versionId: string; requestId: string; programmeSessionId: string };

/**
 * Finds the subject case's conference and letter, and gives it an approved outcome agreement and
 * a subject access request so the agreement and subject access routes answer with real content. Used by every test that walks the matrix's routes.
 */
export async function prepareMatrixSubject(): Promise<SubjectIds> {
  const db = getDb();
  const caseId = await caseIdByReference(SUBJECT_CASE_REFERENCE);
  const conference = await db.conference.findFirstOrThrow({ where: { caseId }, select: { id: true } });
  const letter = await db.letter.findFirstOrThrow({ where: { caseId, author: { username: "daniel" } }, select: { id: true } });
  const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } });
  const agreement = await db.agreement.create({ data: { caseId, status: "APPROVED", createdById: lead.id }, select: { id: true } });
  const version = await db.agreementVersion.create({
    data: {
      agreementId: agreement.id,
      number: 1,
      termsJson: "[]",
      narrativeJson: '{"blocks":[]}',
      narrativeText: "",
      contentHash: "0".repeat(64),
      state: "APPROVED",
      createdById: lead.id,
    },
    select: { id: true },
  });
  await db.agreement.update({ where: { id: agreement.id }, data: { approvedVersionId: version.id } });
  const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.circle" }, select: { id: true } });
  const harmed = await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true } });
  const request = await db.subjectAccessRequest.create({
    data: { caseId, participantId: harmed.id, requestedBy: "The person harmed", receivedOn: "2026-12-01", createdById: manager.id },
    select: { id: true },
  });
  // A programme for the person responsible with one session, whose notes are a document of their own.
  const responsible = await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } });
  const template = await db.programmeTemplate.findFirstOrThrow({ where: { service: { cases: { some: { id: caseId } } } }, select: { id: true } });
  const programme = await db.caseProgramme.upsert({
    where: { caseId },
    create: { caseId, participantId: responsible.id, templateId: template.id, startedById: lead.id },
    update: {},
    select: { id: true },
  });
  const session =
    (await db.programmeSession.findFirst({ where: { programmeId: programme.id }, select: { id: true } })) ??
    (await db.programmeSession.create({
      data: { programmeId: programme.id, position: 0, title: "Understanding what happened", module: "UNDERSTANDING_THE_OFFENCE", aims: "", minutes: 180 },
      select: { id: true },
    }));
  return {
    caseId,
    conferenceId: conference.id,
    letterId: letter.id,
    agreementId: agreement.id,
    versionId: version.id,
    requestId: request.id,
    programmeSessionId: session.id,
  };
}

/** A path pattern of the matrix with the subject's ids in it. */
export const fillSubject = (ids: SubjectIds, text: string) =>
  text
    .replaceAll(":caseId", ids.caseId)
    .replaceAll(":conferenceId", ids.conferenceId)
    .replaceAll(":letterId", ids.letterId)
    .replaceAll(":versionId", ids.versionId)
    .replaceAll(":requestId", ids.requestId);

/** A client signed in as the principal (a letter author with their username in the same field). */
export async function clientFor(origin: string, who: PrincipalName): Promise<TestClient> {
  const client = new TestClient(origin);
  const fixture = PRINCIPAL_FIXTURES[who];
  if (fixture.kind !== "anonymous") await client.signIn(fixture.kind === "author" ? fixture.username : fixture.email, DEMO_PASSWORD);
  return client;
}
