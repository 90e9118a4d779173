-- Referral intake: who referred the case and how to reach them, the offence type, and whether it
-- is a youth case. Existing cases get "OTHER" / "" / adult until someone edits their record.
-- AlterTable
ALTER TABLE "Case" ADD COLUMN "referrerType" TEXT NOT NULL DEFAULT 'OTHER';
ALTER TABLE "Case" ADD COLUMN "referrerName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Case" ADD COLUMN "referrerContact" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Case" ADD COLUMN "referrerNotes" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Case" ADD COLUMN "offenceType" TEXT NOT NULL DEFAULT 'OTHER';
ALTER TABLE "Case" ADD COLUMN "offenceOther" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Case" ADD COLUMN "youth" BOOLEAN NOT NULL DEFAULT false;

-- The history of a case's record: created, each edited field with its earlier value, closed and
-- reopened with the reason. Append-only, like the audit trail: the earlier values are the point.
-- CreateTable
CREATE TABLE "CaseRecordChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT NOT NULL DEFAULT '',
    "before" TEXT NOT NULL DEFAULT '',
    "after" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseRecordChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseRecordChange_caseId_createdAt_idx" ON "CaseRecordChange"("caseId", "createdAt");

CREATE TRIGGER "CaseRecordChange_no_update" BEFORE UPDATE ON "CaseRecordChange"
BEGIN SELECT RAISE(ABORT, 'CaseRecordChange is append-only'); END;
CREATE TRIGGER "CaseRecordChange_no_delete" BEFORE DELETE ON "CaseRecordChange"
BEGIN SELECT RAISE(ABORT, 'CaseRecordChange is append-only'); END;
