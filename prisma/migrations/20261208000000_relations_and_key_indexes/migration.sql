-- Every id column that names another row becomes a foreign key, and every foreign key gets an index.
-- SQLite cannot add a constraint to a table, so Prisma rebuilds each table (rows copied below).
--
-- Optional links whose target may already be gone are cleared first: the rebuilt tables are filled
-- with foreign keys off, so a dangling id would otherwise survive and fail the first later update.
-- (Required ids — who recorded what — always named existing users and participants: both are
-- disabled or hidden, never deleted.)
UPDATE "ConferenceLive" SET "currentStepId" = NULL WHERE "currentStepId" IS NOT NULL AND "currentStepId" NOT IN (SELECT "id" FROM "ConferenceStep");
UPDATE "ConferenceLive" SET "currentSpeakerId" = NULL WHERE "currentSpeakerId" IS NOT NULL AND "currentSpeakerId" NOT IN (SELECT "id" FROM "Participant");
UPDATE "ConferenceLive" SET "breakRequestedById" = NULL WHERE "breakRequestedById" IS NOT NULL AND "breakRequestedById" NOT IN (SELECT "id" FROM "User");
UPDATE "Conference" SET "leadId" = NULL WHERE "leadId" IS NOT NULL AND "leadId" NOT IN (SELECT "id" FROM "User");
UPDATE "Conference" SET "coFacilitatorId" = NULL WHERE "coFacilitatorId" IS NOT NULL AND "coFacilitatorId" NOT IN (SELECT "id" FROM "User");
UPDATE "AgreementTerm" SET "responsibleId" = NULL WHERE "responsibleId" IS NOT NULL AND "responsibleId" NOT IN (SELECT "id" FROM "Participant");
UPDATE "AgreementTerm" SET "beneficiaryId" = NULL WHERE "beneficiaryId" IS NOT NULL AND "beneficiaryId" NOT IN (SELECT "id" FROM "Participant");
UPDATE "Agreement" SET "approvedVersionId" = NULL WHERE "approvedVersionId" IS NOT NULL AND "approvedVersionId" NOT IN (SELECT "id" FROM "AgreementVersion");
UPDATE "Agreement" SET "conferenceId" = NULL WHERE "conferenceId" IS NOT NULL AND "conferenceId" NOT IN (SELECT "id" FROM "Conference");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CaseStageEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actorId" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseStageEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseStageEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CaseStageEvent" ("actorId", "caseId", "createdAt", "id", "reason", "stage") SELECT "actorId", "caseId", "createdAt", "id", "reason", "stage" FROM "CaseStageEvent";
DROP TABLE "CaseStageEvent";
ALTER TABLE "new_CaseStageEvent" RENAME TO "CaseStageEvent";
CREATE INDEX "CaseStageEvent_caseId_idx" ON "CaseStageEvent"("caseId");
CREATE INDEX "CaseStageEvent_actorId_idx" ON "CaseStageEvent"("actorId");
CREATE TABLE "new_CaseRecordChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT NOT NULL DEFAULT '',
    "before" TEXT NOT NULL DEFAULT '',
    "after" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseRecordChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseRecordChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CaseRecordChange" ("action", "actorId", "after", "before", "caseId", "createdAt", "field", "id", "reason") SELECT "action", "actorId", "after", "before", "caseId", "createdAt", "field", "id", "reason" FROM "CaseRecordChange";
DROP TABLE "CaseRecordChange";
ALTER TABLE "new_CaseRecordChange" RENAME TO "CaseRecordChange";
CREATE INDEX "CaseRecordChange_caseId_createdAt_idx" ON "CaseRecordChange"("caseId", "createdAt");
CREATE INDEX "CaseRecordChange_actorId_idx" ON "CaseRecordChange"("actorId");
CREATE TABLE "new_Conference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "venue" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL DEFAULT '',
    "leadId" TEXT,
    "coFacilitatorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "holdReason" TEXT,
    "speakingOrder" TEXT NOT NULL DEFAULT '[]',
    "scriptTemplateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conference_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conference_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Conference_coFacilitatorId_fkey" FOREIGN KEY ("coFacilitatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Conference" ("caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "scriptTemplateId", "speakingOrder", "status", "updatedAt", "venue") SELECT "caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "scriptTemplateId", "speakingOrder", "status", "updatedAt", "venue" FROM "Conference";
DROP TABLE "Conference";
ALTER TABLE "new_Conference" RENAME TO "Conference";
CREATE INDEX "Conference_caseId_scheduledAt_idx" ON "Conference"("caseId", "scheduledAt");
CREATE INDEX "Conference_leadId_idx" ON "Conference"("leadId");
CREATE INDEX "Conference_coFacilitatorId_idx" ON "Conference"("coFacilitatorId");
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "preferredName" TEXT NOT NULL DEFAULT '',
    "pronouns" TEXT NOT NULL DEFAULT '',
    "addressAs" TEXT NOT NULL DEFAULT '',
    "relationship" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "contactMethod" TEXT NOT NULL DEFAULT 'PHONE',
    "contactFrequency" TEXT NOT NULL DEFAULT 'FORTNIGHTLY',
    "dateOfBirth" TEXT,
    "ageBand" TEXT,
    "accessNeeds" TEXT NOT NULL DEFAULT '[]',
    "accessNotes" TEXT NOT NULL DEFAULT '',
    "hopes" TEXT NOT NULL DEFAULT '',
    "supportsId" TEXT,
    "professionalType" TEXT,
    "organisation" TEXT NOT NULL DEFAULT '',
    "enhancedRights" BOOLEAN NOT NULL DEFAULT false,
    "infoOfferedAt" DATETIME,
    "infoOfferedById" TEXT,
    "notInvitedReason" TEXT,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Participant_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_supportsId_fkey" FOREIGN KEY ("supportsId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Participant_infoOfferedById_fkey" FOREIGN KEY ("infoOfferedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Participant" ("accessNeeds", "accessNotes", "address", "addressAs", "ageBand", "caseId", "contactFrequency", "contactMethod", "createdAt", "dateOfBirth", "email", "enhancedRights", "hopes", "id", "infoOfferedAt", "infoOfferedById", "name", "notInvitedReason", "organisation", "phone", "preferredName", "professionalType", "pronouns", "relationship", "removedAt", "role", "supportsId", "updatedAt") SELECT "accessNeeds", "accessNotes", "address", "addressAs", "ageBand", "caseId", "contactFrequency", "contactMethod", "createdAt", "dateOfBirth", "email", "enhancedRights", "hopes", "id", "infoOfferedAt", "infoOfferedById", "name", "notInvitedReason", "organisation", "phone", "preferredName", "professionalType", "pronouns", "relationship", "removedAt", "role", "supportsId", "updatedAt" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE INDEX "Participant_caseId_idx" ON "Participant"("caseId");
CREATE INDEX "Participant_infoOfferedById_idx" ON "Participant"("infoOfferedById");
CREATE INDEX "Participant_supportsId_idx" ON "Participant"("supportsId");
CREATE TABLE "new_ConsentEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "element" TEXT NOT NULL,
    "sharedWith" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "givenAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "guardianId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsentEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEntry_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEntry_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEntry_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ConsentEntry" ("answer", "caseId", "createdAt", "element", "givenAt", "guardianId", "id", "method", "note", "participantId", "recordedById", "sharedWith") SELECT "answer", "caseId", "createdAt", "element", "givenAt", "guardianId", "id", "method", "note", "participantId", "recordedById", "sharedWith" FROM "ConsentEntry";
DROP TABLE "ConsentEntry";
ALTER TABLE "new_ConsentEntry" RENAME TO "ConsentEntry";
CREATE INDEX "ConsentEntry_caseId_participantId_element_createdAt_idx" ON "ConsentEntry"("caseId", "participantId", "element", "createdAt");
CREATE INDEX "ConsentEntry_guardianId_idx" ON "ConsentEntry"("guardianId");
CREATE INDEX "ConsentEntry_recordedById_idx" ON "ConsentEntry"("recordedById");
CREATE INDEX "ConsentEntry_participantId_idx" ON "ConsentEntry"("participantId");
CREATE TABLE "new_PreparationContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "placeDetail" TEXT NOT NULL DEFAULT '',
    "attendees" TEXT NOT NULL DEFAULT '',
    "coWorkerId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'COMPLETED',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PreparationContact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PreparationContact_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PreparationContact_coWorkerId_fkey" FOREIGN KEY ("coWorkerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PreparationContact_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_PreparationContact" ("attendees", "caseId", "coWorkerId", "createdAt", "id", "kind", "occurredAt", "outcome", "participantId", "place", "placeDetail", "recordedById", "status", "statusReason") SELECT "attendees", "caseId", "coWorkerId", "createdAt", "id", "kind", "occurredAt", "outcome", "participantId", "place", "placeDetail", "recordedById", "status", "statusReason" FROM "PreparationContact";
DROP TABLE "PreparationContact";
ALTER TABLE "new_PreparationContact" RENAME TO "PreparationContact";
CREATE INDEX "PreparationContact_caseId_occurredAt_idx" ON "PreparationContact"("caseId", "occurredAt");
CREATE INDEX "PreparationContact_participantId_occurredAt_idx" ON "PreparationContact"("participantId", "occurredAt");
CREATE INDEX "PreparationContact_coWorkerId_idx" ON "PreparationContact"("coWorkerId");
CREATE INDEX "PreparationContact_recordedById_idx" ON "PreparationContact"("recordedById");
CREATE TABLE "new_RiskAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "physicalHarm" TEXT NOT NULL,
    "emotionalHarm" TEXT NOT NULL,
    "vulnerability" TEXT NOT NULL,
    "powerImbalance" TEXT NOT NULL,
    "acknowledges" TEXT NOT NULL,
    "substanceOrMental" TEXT NOT NULL DEFAULT '',
    "safetyMeasures" TEXT NOT NULL DEFAULT '',
    "harmedNearDoor" BOOLEAN NOT NULL DEFAULT false,
    "overall" TEXT NOT NULL,
    "recommendation" TEXT NOT NULL,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "summary" TEXT NOT NULL DEFAULT '',
    "assessedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RiskAssessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RiskAssessment_assessedById_fkey" FOREIGN KEY ("assessedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RiskAssessment" ("acknowledges", "assessedById", "caseId", "createdAt", "emotionalHarm", "harmedNearDoor", "id", "overall", "physicalHarm", "powerImbalance", "recommendation", "safetyMeasures", "sensitive", "stage", "substanceOrMental", "summary", "vulnerability") SELECT "acknowledges", "assessedById", "caseId", "createdAt", "emotionalHarm", "harmedNearDoor", "id", "overall", "physicalHarm", "powerImbalance", "recommendation", "safetyMeasures", "sensitive", "stage", "substanceOrMental", "summary", "vulnerability" FROM "RiskAssessment";
DROP TABLE "RiskAssessment";
ALTER TABLE "new_RiskAssessment" RENAME TO "RiskAssessment";
CREATE INDEX "RiskAssessment_caseId_createdAt_idx" ON "RiskAssessment"("caseId", "createdAt");
CREATE INDEX "RiskAssessment_assessedById_idx" ON "RiskAssessment"("assessedById");
CREATE TABLE "new_SupervisorApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "riskAssessmentId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comments" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupervisorApproval_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisorApproval_riskAssessmentId_fkey" FOREIGN KEY ("riskAssessmentId") REFERENCES "RiskAssessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisorApproval_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SupervisorApproval" ("caseId", "comments", "createdAt", "decision", "id", "riskAssessmentId", "supervisorId") SELECT "caseId", "comments", "createdAt", "decision", "id", "riskAssessmentId", "supervisorId" FROM "SupervisorApproval";
DROP TABLE "SupervisorApproval";
ALTER TABLE "new_SupervisorApproval" RENAME TO "SupervisorApproval";
CREATE INDEX "SupervisorApproval_caseId_createdAt_idx" ON "SupervisorApproval"("caseId", "createdAt");
CREATE INDEX "SupervisorApproval_supervisorId_idx" ON "SupervisorApproval"("supervisorId");
CREATE INDEX "SupervisorApproval_riskAssessmentId_idx" ON "SupervisorApproval"("riskAssessmentId");
CREATE TABLE "new_ScriptTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScriptTemplate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ScriptTemplate_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ScriptTemplate" ("archivedAt", "createdAt", "createdById", "description", "id", "name", "serviceId", "updatedAt") SELECT "archivedAt", "createdAt", "createdById", "description", "id", "name", "serviceId", "updatedAt" FROM "ScriptTemplate";
DROP TABLE "ScriptTemplate";
ALTER TABLE "new_ScriptTemplate" RENAME TO "ScriptTemplate";
CREATE INDEX "ScriptTemplate_serviceId_idx" ON "ScriptTemplate"("serviceId");
CREATE INDEX "ScriptTemplate_createdById_idx" ON "ScriptTemplate"("createdById");
CREATE TABLE "new_ConferenceLive" (
    "conferenceId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "version" INTEGER NOT NULL DEFAULT 0,
    "currentStepId" TEXT,
    "currentSpeakerId" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedMs" INTEGER NOT NULL DEFAULT 0,
    "breakStartedAt" DATETIME,
    "breakRequestedById" TEXT,
    "seatingLocked" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConferenceLive_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConferenceLive_breakRequestedById_fkey" FOREIGN KEY ("breakRequestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConferenceLive_currentSpeakerId_fkey" FOREIGN KEY ("currentSpeakerId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConferenceLive_currentStepId_fkey" FOREIGN KEY ("currentStepId") REFERENCES "ConferenceStep" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ConferenceLive" ("breakRequestedById", "breakStartedAt", "conferenceId", "currentSpeakerId", "currentStepId", "endedAt", "pausedAt", "pausedMs", "seatingLocked", "startedAt", "status", "updatedAt", "version") SELECT "breakRequestedById", "breakStartedAt", "conferenceId", "currentSpeakerId", "currentStepId", "endedAt", "pausedAt", "pausedMs", "seatingLocked", "startedAt", "status", "updatedAt", "version" FROM "ConferenceLive";
DROP TABLE "ConferenceLive";
ALTER TABLE "new_ConferenceLive" RENAME TO "ConferenceLive";
CREATE INDEX "ConferenceLive_breakRequestedById_idx" ON "ConferenceLive"("breakRequestedById");
CREATE INDEX "ConferenceLive_currentSpeakerId_idx" ON "ConferenceLive"("currentSpeakerId");
CREATE INDEX "ConferenceLive_currentStepId_idx" ON "ConferenceLive"("currentStepId");
CREATE TABLE "new_LiveEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conferenceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LiveEvent_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LiveEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LiveEvent" ("actorId", "conferenceId", "createdAt", "id", "payload", "seq", "type") SELECT "actorId", "conferenceId", "createdAt", "id", "payload", "seq", "type" FROM "LiveEvent";
DROP TABLE "LiveEvent";
ALTER TABLE "new_LiveEvent" RENAME TO "LiveEvent";
CREATE INDEX "LiveEvent_actorId_idx" ON "LiveEvent"("actorId");
CREATE UNIQUE INDEX "LiveEvent_conferenceId_seq_key" ON "LiveEvent"("conferenceId", "seq");
CREATE TABLE "new_Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "conferenceId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFTING',
    "approvedVersionId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Agreement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Agreement_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Agreement_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Agreement_approvedVersionId_fkey" FOREIGN KEY ("approvedVersionId") REFERENCES "AgreementVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Agreement" ("approvedVersionId", "caseId", "conferenceId", "createdAt", "createdById", "id", "status", "updatedAt") SELECT "approvedVersionId", "caseId", "conferenceId", "createdAt", "createdById", "id", "status", "updatedAt" FROM "Agreement";
DROP TABLE "Agreement";
ALTER TABLE "new_Agreement" RENAME TO "Agreement";
CREATE INDEX "Agreement_caseId_idx" ON "Agreement"("caseId");
CREATE INDEX "Agreement_createdById_idx" ON "Agreement"("createdById");
CREATE INDEX "Agreement_conferenceId_idx" ON "Agreement"("conferenceId");
CREATE INDEX "Agreement_approvedVersionId_idx" ON "Agreement"("approvedVersionId");
CREATE TABLE "new_AgreementTerm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "responsibleId" TEXT,
    "beneficiaryId" TEXT,
    "dueDate" DATETIME,
    "verification" TEXT NOT NULL DEFAULT '',
    "amountPence" INTEGER,
    "instalments" INTEGER,
    "hours" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AgreementTerm_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementTerm_responsibleId_fkey" FOREIGN KEY ("responsibleId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AgreementTerm_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AgreementTerm" ("agreementId", "amountPence", "beneficiaryId", "createdAt", "description", "dueDate", "hours", "id", "instalments", "position", "responsibleId", "type", "updatedAt", "verification") SELECT "agreementId", "amountPence", "beneficiaryId", "createdAt", "description", "dueDate", "hours", "id", "instalments", "position", "responsibleId", "type", "updatedAt", "verification" FROM "AgreementTerm";
DROP TABLE "AgreementTerm";
ALTER TABLE "new_AgreementTerm" RENAME TO "AgreementTerm";
CREATE INDEX "AgreementTerm_agreementId_position_idx" ON "AgreementTerm"("agreementId", "position");
CREATE INDEX "AgreementTerm_responsibleId_idx" ON "AgreementTerm"("responsibleId");
CREATE INDEX "AgreementTerm_beneficiaryId_idx" ON "AgreementTerm"("beneficiaryId");
CREATE TABLE "new_AgreementVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "termsJson" TEXT NOT NULL,
    "narrativeJson" TEXT NOT NULL,
    "narrativeText" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'SIGNING',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "submittedById" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    CONSTRAINT "AgreementVersion_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreementVersion_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreementVersion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementVersion" ("agreementId", "contentHash", "createdAt", "createdById", "decidedAt", "decidedById", "decisionReason", "id", "narrativeJson", "narrativeText", "number", "state", "submittedAt", "submittedById", "termsJson") SELECT "agreementId", "contentHash", "createdAt", "createdById", "decidedAt", "decidedById", "decisionReason", "id", "narrativeJson", "narrativeText", "number", "state", "submittedAt", "submittedById", "termsJson" FROM "AgreementVersion";
DROP TABLE "AgreementVersion";
ALTER TABLE "new_AgreementVersion" RENAME TO "AgreementVersion";
CREATE INDEX "AgreementVersion_createdById_idx" ON "AgreementVersion"("createdById");
CREATE INDEX "AgreementVersion_submittedById_idx" ON "AgreementVersion"("submittedById");
CREATE INDEX "AgreementVersion_decidedById_idx" ON "AgreementVersion"("decidedById");
CREATE UNIQUE INDEX "AgreementVersion_agreementId_number_key" ON "AgreementVersion"("agreementId", "number");
CREATE TABLE "new_AgreementSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "drawing" TEXT,
    "typedName" TEXT,
    "attestedById" TEXT,
    "contentHash" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementSignature_attestedById_fkey" FOREIGN KEY ("attestedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreementSignature_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementSignature" ("attestedById", "contentHash", "drawing", "id", "method", "participantId", "signedAt", "typedName", "versionId") SELECT "attestedById", "contentHash", "drawing", "id", "method", "participantId", "signedAt", "typedName", "versionId" FROM "AgreementSignature";
DROP TABLE "AgreementSignature";
ALTER TABLE "new_AgreementSignature" RENAME TO "AgreementSignature";
CREATE INDEX "AgreementSignature_attestedById_idx" ON "AgreementSignature"("attestedById");
CREATE INDEX "AgreementSignature_participantId_idx" ON "AgreementSignature"("participantId");
CREATE UNIQUE INDEX "AgreementSignature_versionId_participantId_key" ON "AgreementSignature"("versionId", "participantId");
CREATE TABLE "new_AgreementComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "termId" TEXT,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementComment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementComment" ("authorId", "body", "createdAt", "id", "termId", "versionId") SELECT "authorId", "body", "createdAt", "id", "termId", "versionId" FROM "AgreementComment";
DROP TABLE "AgreementComment";
ALTER TABLE "new_AgreementComment" RENAME TO "AgreementComment";
CREATE INDEX "AgreementComment_authorId_idx" ON "AgreementComment"("authorId");
CREATE INDEX "AgreementComment_versionId_idx" ON "AgreementComment"("versionId");
CREATE TABLE "new_AgreementTermProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "termId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementTermProgress_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementTermProgress_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementTermProgress" ("agreementId", "createdAt", "id", "note", "status", "termId", "updatedById") SELECT "agreementId", "createdAt", "id", "note", "status", "termId", "updatedById" FROM "AgreementTermProgress";
DROP TABLE "AgreementTermProgress";
ALTER TABLE "new_AgreementTermProgress" RENAME TO "AgreementTermProgress";
CREATE INDEX "AgreementTermProgress_agreementId_termId_createdAt_idx" ON "AgreementTermProgress"("agreementId", "termId", "createdAt");
CREATE INDEX "AgreementTermProgress_updatedById_idx" ON "AgreementTermProgress"("updatedById");
CREATE TABLE "new_AgreementPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "termId" TEXT NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementPayment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementPayment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementPayment" ("agreementId", "amountPence", "createdAt", "id", "receivedAt", "recordedById", "termId") SELECT "agreementId", "amountPence", "createdAt", "id", "receivedAt", "recordedById", "termId" FROM "AgreementPayment";
DROP TABLE "AgreementPayment";
ALTER TABLE "new_AgreementPayment" RENAME TO "AgreementPayment";
CREATE INDEX "AgreementPayment_recordedById_idx" ON "AgreementPayment"("recordedById");
CREATE INDEX "AgreementPayment_agreementId_idx" ON "AgreementPayment"("agreementId");
CREATE TABLE "new_AgreementOutcomeNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "toldAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementOutcomeNotice_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementOutcomeNotice_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreementOutcomeNotice_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AgreementOutcomeNotice" ("agreementId", "createdAt", "id", "method", "note", "outcome", "participantId", "recordedById", "toldAt") SELECT "agreementId", "createdAt", "id", "method", "note", "outcome", "participantId", "recordedById", "toldAt" FROM "AgreementOutcomeNotice";
DROP TABLE "AgreementOutcomeNotice";
ALTER TABLE "new_AgreementOutcomeNotice" RENAME TO "AgreementOutcomeNotice";
CREATE INDEX "AgreementOutcomeNotice_recordedById_idx" ON "AgreementOutcomeNotice"("recordedById");
CREATE INDEX "AgreementOutcomeNotice_participantId_idx" ON "AgreementOutcomeNotice"("participantId");
CREATE INDEX "AgreementOutcomeNotice_agreementId_idx" ON "AgreementOutcomeNotice"("agreementId");
CREATE TABLE "new_Letter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "writerId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "recipientLabel" TEXT NOT NULL,
    "guidance" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFTING',
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "inviteCodeHash" TEXT,
    "inviteExpiresAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "destroyedAt" DATETIME,
    CONSTRAINT "Letter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Letter_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Letter_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Letter_writerId_fkey" FOREIGN KEY ("writerId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Letter_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Letter" ("authorId", "caseId", "closedAt", "createdAt", "createdById", "destroyedAt", "guidance", "id", "inviteCodeHash", "inviteExpiresAt", "locked", "recipientId", "recipientLabel", "status", "updatedAt", "writerId") SELECT "authorId", "caseId", "closedAt", "createdAt", "createdById", "destroyedAt", "guidance", "id", "inviteCodeHash", "inviteExpiresAt", "locked", "recipientId", "recipientLabel", "status", "updatedAt", "writerId" FROM "Letter";
DROP TABLE "Letter";
ALTER TABLE "new_Letter" RENAME TO "Letter";
CREATE INDEX "Letter_caseId_idx" ON "Letter"("caseId");
CREATE INDEX "Letter_authorId_idx" ON "Letter"("authorId");
CREATE INDEX "Letter_createdById_idx" ON "Letter"("createdById");
CREATE INDEX "Letter_writerId_idx" ON "Letter"("writerId");
CREATE INDEX "Letter_recipientId_idx" ON "Letter"("recipientId");
CREATE TABLE "new_LetterVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contentJson" TEXT NOT NULL,
    "contentText" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "LetterVersion_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterVersion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LetterVersion" ("contentHash", "contentJson", "contentText", "decidedAt", "decidedById", "decision", "decisionReason", "id", "letterId", "number", "submittedAt") SELECT "contentHash", "contentJson", "contentText", "decidedAt", "decidedById", "decision", "decisionReason", "id", "letterId", "number", "submittedAt" FROM "LetterVersion";
DROP TABLE "LetterVersion";
ALTER TABLE "new_LetterVersion" RENAME TO "LetterVersion";
CREATE INDEX "LetterVersion_decidedById_idx" ON "LetterVersion"("decidedById");
CREATE UNIQUE INDEX "LetterVersion_letterId_number_key" ON "LetterVersion"("letterId", "number");
CREATE TABLE "new_LetterComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "quote" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "LetterComment_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LetterComment" ("authorId", "body", "createdAt", "id", "letterId", "quote", "resolvedAt") SELECT "authorId", "body", "createdAt", "id", "letterId", "quote", "resolvedAt" FROM "LetterComment";
DROP TABLE "LetterComment";
ALTER TABLE "new_LetterComment" RENAME TO "LetterComment";
CREATE INDEX "LetterComment_authorId_idx" ON "LetterComment"("authorId");
CREATE INDEX "LetterComment_letterId_idx" ON "LetterComment"("letterId");
CREATE TABLE "new_LetterSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "original" TEXT NOT NULL,
    "replacement" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "LetterSuggestion_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterSuggestion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LetterSuggestion" ("createdAt", "createdById", "decidedAt", "id", "letterId", "note", "original", "replacement", "status") SELECT "createdAt", "createdById", "decidedAt", "id", "letterId", "note", "original", "replacement", "status" FROM "LetterSuggestion";
DROP TABLE "LetterSuggestion";
ALTER TABLE "new_LetterSuggestion" RENAME TO "LetterSuggestion";
CREATE INDEX "LetterSuggestion_createdById_idx" ON "LetterSuggestion"("createdById");
CREATE INDEX "LetterSuggestion_letterId_idx" ON "LetterSuggestion"("letterId");
CREATE TABLE "new_LetterDeliveryChoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "deliverAfter" DATETIME,
    "redactSignature" BOOLEAN NOT NULL DEFAULT false,
    "redactFirstName" BOOLEAN NOT NULL DEFAULT false,
    "tellAuthor" TEXT NOT NULL DEFAULT '',
    "method" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LetterDeliveryChoice_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterDeliveryChoice_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LetterDeliveryChoice_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LetterDeliveryChoice" ("choice", "createdAt", "deliverAfter", "id", "letterId", "method", "participantId", "recordedById", "redactFirstName", "redactSignature", "tellAuthor") SELECT "choice", "createdAt", "deliverAfter", "id", "letterId", "method", "participantId", "recordedById", "redactFirstName", "redactSignature", "tellAuthor" FROM "LetterDeliveryChoice";
DROP TABLE "LetterDeliveryChoice";
ALTER TABLE "new_LetterDeliveryChoice" RENAME TO "LetterDeliveryChoice";
CREATE INDEX "LetterDeliveryChoice_recordedById_idx" ON "LetterDeliveryChoice"("recordedById");
CREATE INDEX "LetterDeliveryChoice_participantId_idx" ON "LetterDeliveryChoice"("participantId");
CREATE INDEX "LetterDeliveryChoice_letterId_idx" ON "LetterDeliveryChoice"("letterId");
CREATE TABLE "new_LetterRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "versionId" TEXT,
    "method" TEXT NOT NULL,
    "releasedById" TEXT NOT NULL,
    "releasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LetterRelease_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterRelease_releasedById_fkey" FOREIGN KEY ("releasedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LetterRelease_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "LetterVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- A destroyed letter's versions were deleted with its content: its releases keep when and how, not which version.
INSERT INTO "new_LetterRelease" ("id", "letterId", "method", "releasedAt", "releasedById", "versionId") SELECT "id", "letterId", "method", "releasedAt", "releasedById", CASE WHEN "versionId" IN (SELECT "id" FROM "LetterVersion") THEN "versionId" END FROM "LetterRelease";
DROP TABLE "LetterRelease";
ALTER TABLE "new_LetterRelease" RENAME TO "LetterRelease";
CREATE INDEX "LetterRelease_releasedById_idx" ON "LetterRelease"("releasedById");
CREATE INDEX "LetterRelease_versionId_idx" ON "LetterRelease"("versionId");
CREATE INDEX "LetterRelease_letterId_idx" ON "LetterRelease"("letterId");
-- Dropping a table drops its triggers: the append-only rules of the rebuilt tables, as they were.
CREATE TRIGGER "CaseRecordChange_no_update" BEFORE UPDATE ON "CaseRecordChange"
BEGIN SELECT RAISE(ABORT, 'CaseRecordChange is append-only'); END;
CREATE TRIGGER "CaseRecordChange_no_delete" BEFORE DELETE ON "CaseRecordChange"
BEGIN SELECT RAISE(ABORT, 'CaseRecordChange is append-only'); END;
CREATE TRIGGER "ConsentEntry_no_update" BEFORE UPDATE ON "ConsentEntry"
BEGIN SELECT RAISE(ABORT, 'ConsentEntry is append-only'); END;
CREATE TRIGGER "RiskAssessment_no_update" BEFORE UPDATE ON "RiskAssessment"
BEGIN SELECT RAISE(ABORT, 'RiskAssessment is append-only'); END;
CREATE TRIGGER "SupervisorApproval_no_update" BEFORE UPDATE ON "SupervisorApproval"
BEGIN SELECT RAISE(ABORT, 'SupervisorApproval is append-only'); END;
CREATE TRIGGER "LiveEvent_no_update" BEFORE UPDATE ON "LiveEvent"
BEGIN SELECT RAISE(ABORT, 'LiveEvent is append-only'); END;
CREATE TRIGGER "AgreementSignature_no_update" BEFORE UPDATE ON "AgreementSignature"
BEGIN SELECT RAISE(ABORT, 'AgreementSignature is append-only'); END;
CREATE TRIGGER "AgreementPayment_no_update" BEFORE UPDATE ON "AgreementPayment"
BEGIN SELECT RAISE(ABORT, 'AgreementPayment is append-only'); END;
CREATE TRIGGER "AgreementTermProgress_no_update" BEFORE UPDATE ON "AgreementTermProgress"
BEGIN SELECT RAISE(ABORT, 'AgreementTermProgress is append-only'); END;
CREATE TRIGGER "LetterDeliveryChoice_no_update" BEFORE UPDATE ON "LetterDeliveryChoice"
BEGIN SELECT RAISE(ABORT, 'LetterDeliveryChoice is append-only'); END;
CREATE TRIGGER "AgreementVersion_frozen" BEFORE UPDATE OF "termsJson", "narrativeJson", "narrativeText", "contentHash", "number" ON "AgreementVersion"
BEGIN SELECT RAISE(ABORT, 'AgreementVersion content is frozen'); END;

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ConferenceAttendee_participantId_idx" ON "ConferenceAttendee"("participantId");

