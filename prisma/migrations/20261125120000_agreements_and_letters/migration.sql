
-- AlterTable
ALTER TABLE "User" ADD COLUMN "username" TEXT;

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "conferenceId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFTING',
    "approvedVersionId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Agreement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementTerm" (
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
    CONSTRAINT "AgreementTerm_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementVersion" (
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
    CONSTRAINT "AgreementVersion_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "drawing" TEXT,
    "typedName" TEXT,
    "attestedById" TEXT,
    "contentHash" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "termId" TEXT,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementComment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementTermProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "termId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementTermProgress_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "termId" TEXT NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementPayment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementOutcomeNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "toldAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementOutcomeNotice_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Letter" (
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
    CONSTRAINT "Letter_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterVersion" (
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
    CONSTRAINT "LetterVersion_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "quote" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "LetterComment_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "original" TEXT NOT NULL,
    "replacement" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "LetterSuggestion_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterDeliveryChoice" (
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
    CONSTRAINT "LetterDeliveryChoice_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "letterId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "releasedById" TEXT NOT NULL,
    "releasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LetterRelease_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Agreement_caseId_idx" ON "Agreement"("caseId");

-- CreateIndex
CREATE INDEX "AgreementTerm_agreementId_position_idx" ON "AgreementTerm"("agreementId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementVersion_agreementId_number_key" ON "AgreementVersion"("agreementId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementSignature_versionId_participantId_key" ON "AgreementSignature"("versionId", "participantId");

-- CreateIndex
CREATE INDEX "AgreementTermProgress_agreementId_termId_createdAt_idx" ON "AgreementTermProgress"("agreementId", "termId", "createdAt");

-- CreateIndex
CREATE INDEX "Letter_caseId_idx" ON "Letter"("caseId");

-- CreateIndex
CREATE INDEX "Letter_authorId_idx" ON "Letter"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "LetterVersion_letterId_number_key" ON "LetterVersion"("letterId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");


-- Signatures, payments, progress and outcome notices are records: never rewritten.
CREATE TRIGGER "AgreementSignature_no_update" BEFORE UPDATE ON "AgreementSignature"
BEGIN SELECT RAISE(ABORT, 'AgreementSignature is append-only'); END;
CREATE TRIGGER "AgreementPayment_no_update" BEFORE UPDATE ON "AgreementPayment"
BEGIN SELECT RAISE(ABORT, 'AgreementPayment is append-only'); END;
CREATE TRIGGER "AgreementTermProgress_no_update" BEFORE UPDATE ON "AgreementTermProgress"
BEGIN SELECT RAISE(ABORT, 'AgreementTermProgress is append-only'); END;
CREATE TRIGGER "LetterDeliveryChoice_no_update" BEFORE UPDATE ON "LetterDeliveryChoice"
BEGIN SELECT RAISE(ABORT, 'LetterDeliveryChoice is append-only'); END;
-- A frozen version's content and hash never change (only its review state does).
CREATE TRIGGER "AgreementVersion_frozen" BEFORE UPDATE OF "termsJson", "narrativeJson", "narrativeText", "contentHash", "number" ON "AgreementVersion"
BEGIN SELECT RAISE(ABORT, 'AgreementVersion content is frozen'); END;
