
-- AlterTable
ALTER TABLE "CaseStageEvent" ADD COLUMN "reason" TEXT;

-- CreateTable
CREATE TABLE "ConferenceAttendee" (
    "conferenceId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,

    PRIMARY KEY ("conferenceId", "participantId"),
    CONSTRAINT "ConferenceAttendee_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConferenceAttendee_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Participant" (
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
    "accessNeeds" TEXT NOT NULL DEFAULT '[]',
    "accessNotes" TEXT NOT NULL DEFAULT '',
    "hopes" TEXT NOT NULL DEFAULT '',
    "supportsId" TEXT,
    "enhancedRights" BOOLEAN NOT NULL DEFAULT false,
    "infoOfferedAt" DATETIME,
    "infoOfferedById" TEXT,
    "notInvitedReason" TEXT,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Participant_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_supportsId_fkey" FOREIGN KEY ("supportsId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsentEntry" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsentEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEntry_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PreparationContact" (
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
    CONSTRAINT "PreparationContact_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskAssessment" (
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
    CONSTRAINT "RiskAssessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupervisorApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "riskAssessmentId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comments" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupervisorApproval_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisorApproval_riskAssessmentId_fkey" FOREIGN KEY ("riskAssessmentId") REFERENCES "RiskAssessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "offenceSummary" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'REFERRAL',
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "referredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closureReason" TEXT,
    "closureNote" TEXT,
    "serviceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("createdAt", "id", "offenceSummary", "reference", "sensitive", "serviceId", "stage", "title", "updatedAt", "referredAt") SELECT "createdAt", "id", "offenceSummary", "reference", "sensitive", "serviceId", "stage", "title", "updatedAt", "createdAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_serviceId_idx" ON "Case"("serviceId");
CREATE UNIQUE INDEX "Case_serviceId_reference_key" ON "Case"("serviceId", "reference");
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conference_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Conference" ("caseId", "createdAt", "id", "scheduledAt", "status", "updatedAt", "venue") SELECT "caseId", "createdAt", "id", "scheduledAt", "status", "updatedAt", "venue" FROM "Conference";
DROP TABLE "Conference";
ALTER TABLE "new_Conference" RENAME TO "Conference";
CREATE INDEX "Conference_caseId_scheduledAt_idx" ON "Conference"("caseId", "scheduledAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Participant_caseId_idx" ON "Participant"("caseId");

-- CreateIndex
CREATE INDEX "ConsentEntry_caseId_participantId_element_createdAt_idx" ON "ConsentEntry"("caseId", "participantId", "element", "createdAt");

-- CreateIndex
CREATE INDEX "PreparationContact_caseId_occurredAt_idx" ON "PreparationContact"("caseId", "occurredAt");

-- CreateIndex
CREATE INDEX "PreparationContact_participantId_occurredAt_idx" ON "PreparationContact"("participantId", "occurredAt");

-- CreateIndex
CREATE INDEX "RiskAssessment_caseId_createdAt_idx" ON "RiskAssessment"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisorApproval_caseId_createdAt_idx" ON "SupervisorApproval"("caseId", "createdAt");


-- The consent ledger, risk assessments and supervisor decisions are history: never rewritten.
CREATE TRIGGER "ConsentEntry_no_update" BEFORE UPDATE ON "ConsentEntry"
BEGIN SELECT RAISE(ABORT, 'ConsentEntry is append-only'); END;
CREATE TRIGGER "RiskAssessment_no_update" BEFORE UPDATE ON "RiskAssessment"
BEGIN SELECT RAISE(ABORT, 'RiskAssessment is append-only'); END;
CREATE TRIGGER "SupervisorApproval_no_update" BEFORE UPDATE ON "SupervisorApproval"
BEGIN SELECT RAISE(ABORT, 'SupervisorApproval is append-only'); END;
