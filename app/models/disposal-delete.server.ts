import { Prisma } from "@prisma/client";

type Tx = Prisma.TransactionClient;

/** The ids of a case's records that hang below other records (read before anything is deleted). */
export type CaseIds = {
  conferences: string[];
  agreements: string[];
  versions: string[];
  letters: string[];
  authors: string[];
  participants: string[];
  /** Each has a notes document (`programme-session:<id>:notes`). */
  programmeSessions: string[];
};

/** How many records of each kind a disposal removed (its certificate lists them). */
export type RemovedCounts = Record<string, number>;

/**
 * Deletes every record of a case, children before parents: the case row stays, so nothing
 * cascades from it, and many of these records name each other with Restrict keys (a signature its
 * participant, a letter its author's account, an agreement its conference). Runs inside the
 * disposal's transaction, after its RUNNING row is inserted: without that row the append-only
 * triggers refuse the first delete. The kinds are the certificate's lines.
 */
export async function deleteCaseRecords(tx: Tx, caseId: string, ids: CaseIds, documents: string[]): Promise<RemovedCounts> {
  const counts: RemovedCounts = {};
  const add = async (kind: string, work: Promise<{ count: number }>) => {
    counts[kind] = (counts[kind] ?? 0) + (await work).count;
  };
  // First, before the authors' accounts: an author's own notifications name the case too.
  await add("notifications", tx.notification.deleteMany({ where: { caseId } }));
  const letterId = { in: ids.letters };
  await add("letterReleases", tx.letterRelease.deleteMany({ where: { letterId } }));
  await add("letterDeliveryChoices", tx.letterDeliveryChoice.deleteMany({ where: { letterId } }));
  await add("letterSuggestions", tx.letterSuggestion.deleteMany({ where: { letterId } }));
  await add("letterComments", tx.letterComment.deleteMany({ where: { letterId } }));
  await add("letterVersions", tx.letterVersion.deleteMany({ where: { letterId } }));
  await add("letters", tx.letter.deleteMany({ where: { id: letterId } }));
  // Messages between the parties name both with Restrict keys, and what a party wrote in their own
  // workspace names their author account: all before the accounts. Edits first, whose trigger
  // finds the disposal through the message.
  await add("exchangeEdits", tx.exchangeMessageEdit.deleteMany({ where: { message: { caseId } } }));
  await add("exchangeMessages", tx.exchangeMessage.deleteMany({ where: { caseId } }));
  await add("exchangeChoices", tx.exchangeChoice.deleteMany({ where: { caseId } }));
  await add("exchangeWorkspaces", tx.exchangeWriter.deleteMany({ where: { caseId } }));
  // The person responsible's worksheets name their author account with a Restrict key: they go
  // before the accounts, with their answers and the facilitators' comments.
  await add("worksheetComments", tx.worksheetComment.deleteMany({ where: { caseId } }));
  await add("worksheetAnswers", tx.worksheetAnswer.deleteMany({ where: { worksheet: { caseId } } }));
  await add("worksheets", tx.programmeWorksheet.deleteMany({ where: { caseId } }));
  // Sessions, passwords and known devices cascade with the account.
  await add("letterAuthorAccounts", tx.user.deleteMany({ where: { id: { in: ids.authors }, role: "LETTER_AUTHOR" } }));

  const agreementId = { in: ids.agreements };
  await tx.agreement.updateMany({ where: { id: agreementId }, data: { approvedVersionId: null } });
  await add("agreementSignatures", tx.agreementSignature.deleteMany({ where: { versionId: { in: ids.versions } } }));
  await add("agreementComments", tx.agreementComment.deleteMany({ where: { versionId: { in: ids.versions } } }));
  await add("agreementPayments", tx.agreementPayment.deleteMany({ where: { agreementId } }));
  await add("agreementProgress", tx.agreementTermProgress.deleteMany({ where: { agreementId } }));
  await add("agreementOutcomeNotices", tx.agreementOutcomeNotice.deleteMany({ where: { agreementId } }));
  await add("agreementTerms", tx.agreementTerm.deleteMany({ where: { agreementId } }));
  await add("agreementVersions", tx.agreementVersion.deleteMany({ where: { agreementId } }));
  await add("agreements", tx.agreement.deleteMany({ where: { id: agreementId } }));

  const conferenceId = { in: ids.conferences };
  await add("liveEvents", tx.liveEvent.deleteMany({ where: { conferenceId } }));
  await tx.conferenceLive.deleteMany({ where: { conferenceId } });
  await add("scriptSteps", tx.conferenceStep.deleteMany({ where: { conferenceId } })); // their addressees cascade
  await add("speakers", tx.conferenceSpeaker.deleteMany({ where: { conferenceId } }));
  await add("attendees", tx.conferenceAttendee.deleteMany({ where: { conferenceId } }));
  await add("conferences", tx.conference.deleteMany({ where: { id: conferenceId } }));

  await add("supervisorApprovals", tx.supervisorApproval.deleteMany({ where: { caseId } }));
  await add("riskAssessments", tx.riskAssessment.deleteMany({ where: { caseId } }));
  await add("consentEntries", tx.consentEntry.deleteMany({ where: { caseId } }));
  await add("contacts", tx.preparationContact.deleteMany({ where: { caseId } }));
  await add("recordChanges", tx.caseRecordChange.deleteMany({ where: { caseId } }));
  await add("legalHolds", tx.legalHold.deleteMany({ where: { caseId } }));
  await add("subjectAccessRedactions", tx.subjectAccessRedaction.deleteMany({ where: { request: { caseId } } }));
  await add("subjectAccessRequests", tx.subjectAccessRequest.deleteMany({ where: { caseId } }));
  await add("rectifications", tx.rectificationRequest.deleteMany({ where: { caseId } }));
  // Before the participants, whom it names with a Restrict key. A tablet still in participant mode
  // for the case is let go with it (that state is not a record, so it is not counted).
  await add("feedback", tx.participantFeedback.deleteMany({ where: { caseId } }));
  // The programme names its person responsible with a Restrict key; its append-only rows first
  // (their triggers let the disposal through by its own row), then the sessions and the programme.
  await add("programmeAttendance", tx.programmeAttendance.deleteMany({ where: { caseId } }));
  await add("programmeReviews", tx.programmeReview.deleteMany({ where: { caseId } }));
  await add("programmeJudgements", tx.programmeJudgement.deleteMany({ where: { caseId } }));
  await add("programmeChanges", tx.programmeChange.deleteMany({ where: { caseId } }));
  await add("programmeSessions", tx.programmeSession.deleteMany({ where: { programme: { caseId } } }));
  await add("programmes", tx.caseProgramme.deleteMany({ where: { caseId } }));
  await tx.participantMode.deleteMany({ where: { caseId } });
  await add("stageReasons", tx.caseStageEvent.updateMany({ where: { caseId, reason: { not: null } }, data: { reason: null } }));
  await add("guardianLinks", tx.participantGuardian.deleteMany({ where: { childId: { in: ids.participants } } }));
  await add("participants", tx.participant.deleteMany({ where: { caseId } }));
  await add("teamMembers", tx.caseMember.deleteMany({ where: { caseId } }));

  // The collab tables are the collab server's (better-sqlite3, server/collab/storage.ts); the rows
  // go in this transaction so the disposal is whole, and the server drops its rooms afterwards.
  const names = Prisma.join(documents);
  const updates = await tx.$executeRaw`DELETE FROM "CollabUpdate" WHERE "docName" IN (${names})`;
  const journal = await tx.$executeRaw`DELETE FROM "CollabJournal" WHERE "docName" IN (${names})`;
  const snapshots = await tx.$executeRaw`DELETE FROM "CollabSnapshot" WHERE "docName" IN (${names})`;
  counts.documentUpdates = updates + journal;
  counts.documentSnapshots = snapshots;
  counts.documents = documents.length;
  return counts;
}
