import * as Y from "yjs";
import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { factories } from "../../prisma/factories";
import { demoUsers, uniqueRef } from "./preparation-cases";

/**
 * A closed case with a record in every table a case reaches, each holding a canary: a string that
 * appears nowhere else, so a byte search of the database file finds it exactly when the record's
 * words are still there. `tag` keeps two cases' canaries apart ("D" disposed, "K" kept).
 */
export type CanaryCase = {
  caseId: string;
  reference: string;
  canaries: string[];
  /** The letter author's sign-in name and password (a canary too). */
  author: { username: string; password: string; id: string };
  documents: { notes: string; seating: string; agreement: string; letter: string; sessionNotes: string };
  conferenceId: string;
};

export async function makeCanaryCase(tag: string): Promise<CanaryCase> {
  const db = getDb();
  const make = factories(db);
  const u = await demoUsers();
  const canaries: string[] = [];
  const c = (what: string) => {
    const value = `CANARY-${tag}-${what}-7f3a`;
    canaries.push(value);
    return value;
  };
  const reference = uniqueRef(`RJ-CAN${tag}`);
  const made = await make.case({
    serviceId: u.lead.serviceId,
    reference,
    title: c("TITLE"),
    offenceSummary: c("OFFENCE"),
    stage: "CLOSED",
    startedAt: new Date(Date.now() - 400 * 864e5),
    members: [
      { userId: u.lead.id, role: "LEAD" },
      { userId: u.co.id, role: "CO_FACILITATOR" },
      { userId: u.supervisor.id, role: "SUPERVISOR" },
    ],
    referral: { referrerType: "POLICE", referrerName: c("REFERRER"), referrerContact: c("REFPHONE"), referrerNotes: c("REFNOTES"), offenceType: "ROBBERY", youth: true },
    recordedById: u.admin.id,
  });
  const caseId = made.id;
  await db.case.update({ where: { id: caseId }, data: { closureReason: "COMPLETED", completedBy: "CONFERENCE", closureNote: c("CLOSURENOTE") } });
  await db.caseStageEvent.create({ data: { caseId, stage: "CLOSED", actorId: u.lead.id, reason: c("STAGEREASON") } });
  await db.caseRecordChange.create({ data: { caseId, action: "CLOSED", field: "stage", before: "FOLLOW_UP", after: "CLOSED", reason: c("RECORDREASON"), actorId: u.lead.id } });

  const person = (role: "PERSON_HARMED" | "PERSON_RESPONSIBLE" | "SUPPORTER", what: string) =>
    db.participant.create({
      data: {
        caseId,
        role,
        name: c(`NAME${what}`),
        preferredName: c(`PREF${what}`),
        phone: c(`PHONE${what}`),
        email: `canary${tag.toLowerCase()}${what.toLowerCase()}@example.org`,
        address: c(`ADDRESS${what}`),
        accessNotes: c(`ACCESS${what}`),
        hopes: c(`HOPES${what}`),
        relationship: c(`REL${what}`),
      },
      select: { id: true },
    });
  const harmed = await person("PERSON_HARMED", "H");
  const responsible = await person("PERSON_RESPONSIBLE", "R");
  const guardian = await person("SUPPORTER", "G");
  canaries.push(`canary${tag.toLowerCase()}h@example.org`);
  await db.participantGuardian.create({ data: { guardianId: guardian.id, childId: responsible.id } });
  await db.consentEntry.create({
    data: {
      caseId,
      participantId: harmed.id,
      element: "SHARE_INFORMATION",
      sharedWith: c("SHAREDWITH"),
      answer: "YES",
      method: "IN_PERSON",
      givenAt: new Date(),
      note: c("CONSENTNOTE"),
      recordedById: u.lead.id,
    },
  });
  await db.preparationContact.create({
    data: {
      caseId,
      participantId: harmed.id,
      kind: "VISIT",
      occurredAt: new Date(),
      place: "HOME",
      placeDetail: c("PLACE"),
      attendees: c("ATTENDEES"),
      outcome: c("CONTACTOUTCOME"),
      recordedById: u.lead.id,
    },
  });
  const risk = await db.riskAssessment.create({
    data: {
      caseId,
      stage: "PREPARATION",
      physicalHarm: "LOW",
      emotionalHarm: "LOW",
      vulnerability: "LOW",
      powerImbalance: "LOW",
      acknowledges: "FULLY",
      substanceOrMental: c("RISKSUBSTANCE"),
      safetyMeasures: c("RISKMEASURES"),
      overall: "LOW",
      recommendation: "PROCEED",
      summary: c("RISKSUMMARY"),
      assessedById: u.lead.id,
    },
    select: { id: true },
  });
  await db.supervisorApproval.create({ data: { caseId, riskAssessmentId: risk.id, decision: "APPROVED", comments: c("APPROVAL"), supervisorId: u.supervisor.id } });

  const conference = await db.conference.create({
    data: { caseId, scheduledAt: new Date(Date.now() - 100 * 864e5), venue: c("VENUE"), room: c("ROOM"), status: "HELD", leadId: u.lead.id },
    select: { id: true },
  });
  const conferenceId = conference.id;
  await db.conferenceAttendee.createMany({ data: [harmed.id, responsible.id].map((participantId) => ({ conferenceId, participantId })) });
  await db.conferenceSpeaker.create({ data: { conferenceId, participantId: harmed.id, position: 0 } });
  const step = await db.conferenceStep.create({ data: { conferenceId, position: 0, phase: "OPENING", title: c("STEPTITLE"), prompt: c("STEPPROMPT") }, select: { id: true } });
  await db.conferenceStepAddressee.create({ data: { stepId: step.id, participantId: harmed.id } });
  await db.conferenceLive.create({ data: { conferenceId, status: "ENDED", currentStepId: step.id, currentSpeakerId: harmed.id } });
  await db.liveEvent.create({ data: { conferenceId, seq: 1, type: "end", payload: JSON.stringify({ note: c("LIVEPAYLOAD") }), actorId: u.lead.id } });

  const agreement = await db.agreement.create({ data: { caseId, conferenceId, status: "COMPLETED", createdById: u.lead.id }, select: { id: true } });
  const term = await db.agreementTerm.create({
    data: {
      agreementId: agreement.id,
      position: 0,
      type: "REPARATION",
      description: c("TERM"),
      verification: c("VERIFY"),
      responsibleId: responsible.id,
      beneficiaryId: harmed.id,
    },
    select: { id: true },
  });
  const version = await db.agreementVersion.create({
    data: {
      agreementId: agreement.id,
      number: 1,
      termsJson: JSON.stringify([{ id: term.id, description: c("FROZENTERM") }]),
      narrativeJson: JSON.stringify({ type: "doc", content: [{ type: "text", text: c("NARRJSON") }] }),
      narrativeText: c("NARRATIVE"),
      contentHash: "0".repeat(64),
      state: "APPROVED",
      createdById: u.lead.id,
    },
    select: { id: true },
  });
  await db.agreement.update({ where: { id: agreement.id }, data: { approvedVersionId: version.id } });
  await db.agreementSignature.create({
    data: {
      versionId: version.id,
      participantId: responsible.id,
      method: "DRAWN",
      drawing: `M 1 1 L 2 2 ${c("SIGNATURE")}`,
      typedName: c("TYPEDNAME"),
      contentHash: "0".repeat(64),
    },
  });
  await db.agreementComment.create({ data: { versionId: version.id, body: c("AGRCOMMENT"), authorId: u.supervisor.id } });
  await db.agreementTermProgress.create({ data: { agreementId: agreement.id, termId: term.id, status: "COMPLETED", note: c("PROGRESS"), updatedById: u.lead.id } });
  await db.agreementPayment.create({ data: { agreementId: agreement.id, termId: term.id, amountPence: 4242, receivedAt: new Date(), recordedById: u.lead.id } });
  await db.agreementOutcomeNotice.create({
    data: { agreementId: agreement.id, participantId: harmed.id, outcome: "COMPLETED", method: "PHONE", toldAt: new Date(), note: c("NOTICE"), recordedById: u.lead.id },
  });

  const username = `canary${tag.toLowerCase()}author7f3a`;
  canaries.push(username);
  const password = "canary author password 7f3a";
  const author = await db.user.create({
    data: {
      email: `${username}@authors.circle.invalid`,
      username,
      name: c("AUTHORNAME"),
      role: "LETTER_AUTHOR",
      serviceId: u.lead.serviceId,
      password: { create: { hash: await hashPassword(password) } },
    },
    select: { id: true },
  });
  const letter = await db.letter.create({
    data: {
      caseId,
      authorId: author.id,
      writerId: responsible.id,
      recipientId: harmed.id,
      recipientLabel: c("RECIPIENT"),
      guidance: c("GUIDANCE"),
      status: "RELEASED",
      createdById: u.lead.id,
    },
    select: { id: true },
  });
  const letterVersion = await db.letterVersion.create({
    data: {
      letterId: letter.id,
      number: 1,
      contentJson: JSON.stringify({ text: c("LETTERJSON") }),
      contentText: c("LETTERTEXT"),
      contentHash: "0".repeat(64),
      decision: "APPROVED",
      decidedById: u.lead.id,
      decidedAt: new Date(),
    },
    select: { id: true },
  });
  await db.letterComment.create({ data: { letterId: letter.id, quote: c("QUOTE"), body: c("LETTERCOMMENT"), authorId: u.lead.id } });
  await db.letterSuggestion.create({ data: { letterId: letter.id, original: c("ORIGINAL"), replacement: c("REPLACEMENT"), note: c("SUGGESTNOTE"), createdById: u.lead.id } });
  await db.letterDeliveryChoice.create({
    data: { letterId: letter.id, participantId: harmed.id, choice: "RECEIVE_NOW", tellAuthor: c("TELLAUTHOR"), method: "IN_PERSON", recordedById: u.lead.id },
  });
  await db.letterRelease.create({ data: { letterId: letter.id, versionId: letterVersion.id, method: "IN_PERSON", releasedById: u.lead.id } });

  // The audit trail: an entry holding free text (the closure note, as case.stage records it).
  // Data protection requests: a released subject access export (frozen, with a hand redaction) and a decided correction.
  const access = await db.subjectAccessRequest.create({
    data: { caseId, participantId: harmed.id, requestedBy: c("SARBY"), receivedOn: "2026-01-05", createdById: u.admin.id },
  });
  await db.subjectAccessRedaction.create({ data: { requestId: access.id, phrase: c("SARPHRASE"), createdById: u.admin.id } });
  await db.subjectAccessRequest.update({
    where: { id: access.id },
    data: { releasedAt: new Date(), releasedById: u.admin.id, releasedJson: JSON.stringify({ name: c("SARJSON") }), releasedHash: "0".repeat(64) },
  });
  await db.rectificationRequest.create({
    data: {
      caseId,
      participantId: responsible.id,
      receivedOn: "2026-01-06",
      claim: c("RECTCLAIM"),
      recordedById: u.lead.id,
      decision: "PARTLY_CORRECTED",
      decisionReason: c("RECTREASON"),
      changesMade: c("RECTCHANGE"),
      decidedById: u.lead.id,
      decidedAt: new Date(),
    },
  });

  // Feedback the person harmed gave on the tablet, in their own words.
  await db.participantFeedback.create({
    data: {
      caseId,
      participantId: harmed.id,
      role: "PERSON_HARMED",
      occasion: "CONFERENCE",
      method: "TABLET",
      satisfaction: 4,
      feltSafe: true,
      comments: c("FEEDBACK"),
      givenOn: "2026-01-07",
      recordedById: u.lead.id,
    },
  });

  // A question passed to the person responsible and their answer, edited for safety, approved and
  // delivered, and the person harmed's choice about receiving messages.
  const question = await db.exchangeMessage.create({
    data: {
      caseId,
      fromId: harmed.id,
      toId: responsible.id,
      kind: "QUESTION",
      gatheredBy: "VISIT",
      gatheredOn: "2026-01-02",
      text: c("EXQUESTION"),
      senderConsent: true,
      consentWording: "THEIR_WORDS",
      recordedById: u.lead.id,
    },
  });
  const answer = await db.exchangeMessage.create({
    data: {
      caseId,
      fromId: responsible.id,
      toId: harmed.id,
      inReplyToId: question.id,
      kind: "ANSWER",
      gatheredBy: "PRISON_VISIT",
      gatheredOn: "2026-01-03",
      text: c("EXANSWER"),
      senderConsent: true,
      consentWording: "FACILITATOR_SUMMARY",
      recordedById: u.lead.id,
    },
  });
  await db.exchangeMessageEdit.create({ data: { messageId: answer.id, text: c("EXEDIT"), reason: c("EXREASON"), senderAgreed: true, editedById: u.lead.id } });
  await db.exchangeMessage.update({
    where: { id: answer.id },
    data: {
      status: "DELIVERED",
      approvedById: u.lead.id,
      approvedAt: new Date(),
      deliveryMethod: "READ_AT_VISIT",
      deliveredOn: "2026-01-05",
      deliveredById: u.lead.id,
      deliveredAt: new Date(),
    },
  });
  await db.exchangeChoice.create({ data: { caseId, participantId: harmed.id, choice: "RECEIVE_NOW", method: c("EXCHOICE"), recordedById: u.lead.id } });
  // The person harmed's own message workspace, with a question she wrote there herself (recorded
  // by her author account, which goes with the case).
  const writerName = `canary${tag.toLowerCase()}writer7f3a`;
  canaries.push(writerName);
  const writer = await db.user.create({
    data: { email: `${writerName}@authors.circle.invalid`, username: writerName, name: c("WRITERNAME"), role: "LETTER_AUTHOR", serviceId: u.lead.serviceId },
    select: { id: true },
  });
  await db.exchangeWriter.create({
    data: { caseId, participantId: harmed.id, authorId: writer.id, recipientId: responsible.id, recipientLabel: c("WRITERLABEL"), createdById: u.lead.id },
  });
  await db.exchangeMessage.create({
    data: {
      caseId,
      fromId: harmed.id,
      toId: responsible.id,
      kind: "MESSAGE",
      gatheredBy: "WRITTEN_BY_PARTY",
      gatheredOn: "2026-01-04",
      text: c("EXOWN"),
      senderConsent: true,
      consentWording: "THEIR_WORDS",
      recordedById: writer.id,
    },
  });

  // The person responsible's programme: a session added (with its reason), scheduled at a prison,
  // a missed one, a held one with its review and concern, and the judgements.
  const template = await db.programmeTemplate.findFirstOrThrow({ where: { serviceId: u.lead.serviceId }, select: { id: true } });
  const programme = await db.caseProgramme.create({ data: { caseId, participantId: responsible.id, templateId: template.id, startedById: u.lead.id } });
  const session = (position: number, what: string) =>
    db.programmeSession.create({
      data: {
        programmeId: programme.id,
        position,
        title: c(`PSTITLE${what}`),
        module: "EMPATHY",
        aims: c(`PSAIMS${what}`),
        minutes: 180,
        guidance: c(`PSGUIDE${what}`),
        exercises: c(`PSEX${what}`),
        venueKind: "PRISON",
        venue: c(`PSVENUE${what}`),
        scheduledOn: "2026-01-04",
        scheduledAt: "10:00",
        coFacilitatorId: u.co.id,
      },
    });
  const held = await session(0, "A");
  const missed = await session(1, "B");
  await db.programmeSession.update({ where: { id: missed.id }, data: { added: true, skipped: true, skipReason: c("PSSKIP") } });
  await db.programmeChange.create({ data: { caseId, programmeId: programme.id, sessionId: missed.id, kind: "ADDED", reason: c("PCHANGE"), actorId: u.lead.id } });
  await db.programmeAttendance.createMany({
    data: [
      { caseId, sessionId: held.id, status: "ATTENDED", recordedById: u.lead.id },
      { caseId, sessionId: missed.id, status: "DID_NOT_ATTEND", reason: c("PMISSED"), recordedById: u.lead.id },
    ],
  });
  await db.programmeReview.create({
    data: { caseId, sessionId: held.id, engagement: 4, concern: true, concernText: c("PCONCERN"), contactReadiness: "GETTING_THERE", recordedById: u.lead.id },
  });
  await db.programmeJudgement.createMany({
    data: [
      { caseId, programmeId: programme.id, kind: "NOT_READY", reasons: c("PNOTREADY"), recordedById: u.lead.id },
      { caseId, programmeId: programme.id, kind: "OVERRIDE", reasons: c("POVERRIDE"), recordedById: u.supervisor.id },
    ],
  });

  // A worksheet set from the held session, with an author account made for it (the person's own
  // sign-in, which goes with the case), their answers and a facilitator's comment.
  const worksheetName = `canary${tag.toLowerCase()}worksheet7f3a`;
  canaries.push(worksheetName);
  const worksheetAuthor = await db.user.create({
    data: { email: `${worksheetName}@authors.circle.invalid`, username: worksheetName, name: c("WSAUTHOR"), role: "LETTER_AUTHOR", serviceId: u.lead.serviceId },
    select: { id: true },
  });
  const worksheet = await db.programmeWorksheet.create({
    data: {
      caseId,
      sessionId: held.id,
      participantId: responsible.id,
      authorId: worksheetAuthor.id,
      kind: "REFLECTION",
      title: c("WSTITLE"),
      status: "SUBMITTED",
      createdById: u.lead.id,
      answers: { create: [0, 1, 2].map((position) => ({ position, prompt: c(`WSPROMPT${position}`), answer: c(`WSANSWER${position}`) })) },
    },
    select: { id: true },
  });
  await db.worksheetComment.create({ data: { worksheetId: worksheet.id, caseId, body: c("WSCOMMENT"), authorId: u.lead.id } });

  // Notifications as notify() writes them, one for staff and one for the letter's author (the
  // words of a real one hold only the reference, which is a canary here too).
  await db.notification.createMany({
    data: [
      { recipientId: u.lead.id, kind: "LETTER_SUBMITTED", caseId, link: `/cases/${caseId}/letters/${letter.id}`, text: c("NOTIFYSTAFF"), dedupeKey: `canary:${tag}:staff` },
      { recipientId: author.id, kind: "LETTER_REPLIED", caseId, link: `/letters/${letter.id}`, text: c("NOTIFYAUTHOR"), dedupeKey: `canary:${tag}:author` },
    ],
  });

  await db.auditEvent.create({
    data: {
      actorId: u.lead.id,
      actorRole: "FACILITATOR",
      action: "case.stage",
      target: `case:${caseId}`,
      caseId,
      details: JSON.stringify({ from: "FOLLOW_UP", to: "CLOSED", closureNote: c("AUDITNOTE") }),
    },
  });

  // Collab documents as the collab server stores them: a snapshot, a logged update and a journal row each.
  const documents = {
    notes: `case:${caseId}:notes`,
    seating: `conference:${conferenceId}:seating`,
    agreement: `agreement:${agreement.id}`,
    letter: `letter:${letter.id}`,
    sessionNotes: `programme-session:${held.id}:notes`,
  };
  for (const [kind, docName] of Object.entries(documents)) {
    const update = (what: string) => {
      const doc = new Y.Doc();
      doc.getText("t").insert(0, c(`${kind.toUpperCase()}${what}`));
      return Buffer.from(Y.encodeStateAsUpdate(doc));
    };
    await db.$executeRaw`INSERT INTO "CollabSnapshot" ("docName", "seq", "state", "updatedAt") VALUES (${docName}, 1, ${update("SNAP")}, ${new Date()})`;
    await db.$executeRaw`INSERT INTO "CollabUpdate" ("docName", "seq", "data", "createdAt") VALUES (${docName}, 2, ${update("LOG")}, ${new Date()})`;
    await db.$executeRaw`INSERT INTO "CollabJournal" ("docName", "seq", "data", "createdAt") VALUES (${docName}, 3, ${update("JOURNAL")}, ${new Date()})`;
  }
  return { caseId, reference, canaries, author: { username, password, id: author.id }, documents, conferenceId };
}
