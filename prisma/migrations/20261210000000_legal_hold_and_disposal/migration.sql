-- Legal holds and the disposal of a closed case's personal data (app/models/legal-hold.server.ts,
-- app/models/disposal.server.ts; README, Decisions, "Disposal is one transaction, let through by
-- its own row").
--
-- New tables: LegalHold (append-only apart from being lifted once), CaseDisposal with its counts
-- and the collab documents it deleted (append-only apart from RUNNING becoming DONE), and
-- Case.disposedAt. No existing row is changed.
--
-- The append-only triggers on a case's records are recreated with one exemption, and only for
-- deletes (and two narrow updates below): the row belongs to a case for which a CaseDisposal row is
-- RUNNING. A disposal inserts that row, deletes, and sets it DONE inside one write transaction, so
-- the RUNNING row is never committed: no other connection ever sees it, and an ordinary delete or
-- update, in any transaction that is not a disposal of that very case, is refused as before. The
-- triggers keep their names and their messages. AuditEvent rows are never deleted; the trigger on
-- updates lets a disposal replace free text in a disposed case's entries (and its letter authors')
-- and clear the author, who is deleted, and nothing else.

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedById" TEXT,
    "liftedAt" DATETIME,
    "liftReason" TEXT,
    CONSTRAINT "LegalHold_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LegalHold_placedById_fkey" FOREIGN KEY ("placedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LegalHold_liftedById_fkey" FOREIGN KEY ("liftedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseDisposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'RUNNING',
    "tombstoneReference" TEXT NOT NULL,
    "referenceHash" TEXT NOT NULL,
    "ruleId" TEXT,
    "reason" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "disposedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "personsHarmed" INTEGER NOT NULL DEFAULT 0,
    "personsResponsible" INTEGER NOT NULL DEFAULT 0,
    "supporters" INTEGER NOT NULL DEFAULT 0,
    "communityMembers" INTEGER NOT NULL DEFAULT 0,
    "professionals" INTEGER NOT NULL DEFAULT 0,
    "conferenceHeld" BOOLEAN NOT NULL DEFAULT false,
    "letterSent" BOOLEAN NOT NULL DEFAULT false,
    "agreementCompleted" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CaseDisposal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseDisposal_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseDisposalCount" (
    "disposalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("disposalId", "kind"),
    CONSTRAINT "CaseDisposalCount_disposalId_fkey" FOREIGN KEY ("disposalId") REFERENCES "CaseDisposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseDisposalDocument" (
    "disposalId" TEXT NOT NULL,
    "docName" TEXT NOT NULL,

    PRIMARY KEY ("disposalId", "docName"),
    CONSTRAINT "CaseDisposalDocument_disposalId_fkey" FOREIGN KEY ("disposalId") REFERENCES "CaseDisposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "disposedAt" DATETIME;

-- CreateIndex
CREATE INDEX "LegalHold_caseId_placedAt_idx" ON "LegalHold"("caseId", "placedAt");
CREATE INDEX "LegalHold_placedById_idx" ON "LegalHold"("placedById");
CREATE INDEX "LegalHold_liftedById_idx" ON "LegalHold"("liftedById");
CREATE UNIQUE INDEX "CaseDisposal_caseId_key" ON "CaseDisposal"("caseId");
CREATE INDEX "CaseDisposal_approvedById_idx" ON "CaseDisposal"("approvedById");

-- A hold is placed once and lifted once (who, when, why); its history is never rewritten.
CREATE TRIGGER "LegalHold_no_update" BEFORE UPDATE ON "LegalHold"
WHEN NOT (OLD."liftedAt" IS NULL AND NEW."liftedAt" IS NOT NULL AND NEW."liftedById" IS NOT NULL AND NEW."liftReason" IS NOT NULL
  AND NEW."id" = OLD."id" AND NEW."caseId" = OLD."caseId" AND NEW."reason" = OLD."reason" AND NEW."placedById" = OLD."placedById" AND NEW."placedAt" = OLD."placedAt")
BEGIN SELECT RAISE(ABORT, 'LegalHold is append-only: a hold is lifted once'); END;
CREATE TRIGGER "LegalHold_no_delete" BEFORE DELETE ON "LegalHold"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'LegalHold is append-only'); END;

-- A disposal's record is kept for good; the one change is its own transaction marking it DONE.
CREATE TRIGGER "CaseDisposal_no_update" BEFORE UPDATE ON "CaseDisposal"
WHEN NOT (OLD."state" = 'RUNNING' AND NEW."state" = 'DONE')
BEGIN SELECT RAISE(ABORT, 'CaseDisposal is append-only'); END;
CREATE TRIGGER "CaseDisposal_no_delete" BEFORE DELETE ON "CaseDisposal"
BEGIN SELECT RAISE(ABORT, 'CaseDisposal is append-only'); END;
CREATE TRIGGER "CaseDisposalCount_no_change" BEFORE UPDATE ON "CaseDisposalCount"
BEGIN SELECT RAISE(ABORT, 'CaseDisposalCount is append-only'); END;
CREATE TRIGGER "CaseDisposalCount_no_delete" BEFORE DELETE ON "CaseDisposalCount"
BEGIN SELECT RAISE(ABORT, 'CaseDisposalCount is append-only'); END;
CREATE TRIGGER "CaseDisposalDocument_no_change" BEFORE UPDATE ON "CaseDisposalDocument"
BEGIN SELECT RAISE(ABORT, 'CaseDisposalDocument is append-only'); END;
CREATE TRIGGER "CaseDisposalDocument_no_delete" BEFORE DELETE ON "CaseDisposalDocument"
BEGIN SELECT RAISE(ABORT, 'CaseDisposalDocument is append-only'); END;

-- The case's records: deletes let through only inside that case's own disposal.
DROP TRIGGER "CaseRecordChange_no_delete";
CREATE TRIGGER "CaseRecordChange_no_delete" BEFORE DELETE ON "CaseRecordChange"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'CaseRecordChange is append-only'); END;
DROP TRIGGER "ConsentEntry_no_delete";
CREATE TRIGGER "ConsentEntry_no_delete" BEFORE DELETE ON "ConsentEntry"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ConsentEntry is append-only'); END;
DROP TRIGGER "RiskAssessment_no_delete";
CREATE TRIGGER "RiskAssessment_no_delete" BEFORE DELETE ON "RiskAssessment"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'RiskAssessment is append-only'); END;
DROP TRIGGER "SupervisorApproval_no_delete";
CREATE TRIGGER "SupervisorApproval_no_delete" BEFORE DELETE ON "SupervisorApproval"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'SupervisorApproval is append-only'); END;
DROP TRIGGER "LiveEvent_no_delete";
CREATE TRIGGER "LiveEvent_no_delete" BEFORE DELETE ON "LiveEvent"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Conference" WHERE "id" = OLD."conferenceId"))
BEGIN SELECT RAISE(ABORT, 'LiveEvent is append-only'); END;
DROP TRIGGER "AgreementVersion_no_delete";
CREATE TRIGGER "AgreementVersion_no_delete" BEFORE DELETE ON "AgreementVersion"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Agreement" WHERE "id" = OLD."agreementId"))
BEGIN SELECT RAISE(ABORT, 'AgreementVersion is append-only'); END;
DROP TRIGGER "AgreementSignature_no_delete";
CREATE TRIGGER "AgreementSignature_no_delete" BEFORE DELETE ON "AgreementSignature"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT a."caseId" FROM "AgreementVersion" v JOIN "Agreement" a ON a."id" = v."agreementId" WHERE v."id" = OLD."versionId"))
BEGIN SELECT RAISE(ABORT, 'AgreementSignature is append-only'); END;
DROP TRIGGER "AgreementPayment_no_delete";
CREATE TRIGGER "AgreementPayment_no_delete" BEFORE DELETE ON "AgreementPayment"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Agreement" WHERE "id" = OLD."agreementId"))
BEGIN SELECT RAISE(ABORT, 'AgreementPayment is append-only'); END;
DROP TRIGGER "AgreementTermProgress_no_delete";
CREATE TRIGGER "AgreementTermProgress_no_delete" BEFORE DELETE ON "AgreementTermProgress"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Agreement" WHERE "id" = OLD."agreementId"))
BEGIN SELECT RAISE(ABORT, 'AgreementTermProgress is append-only'); END;
DROP TRIGGER "AgreementOutcomeNotice_no_delete";
CREATE TRIGGER "AgreementOutcomeNotice_no_delete" BEFORE DELETE ON "AgreementOutcomeNotice"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Agreement" WHERE "id" = OLD."agreementId"))
BEGIN SELECT RAISE(ABORT, 'AgreementOutcomeNotice is append-only'); END;
DROP TRIGGER "LetterDeliveryChoice_no_delete";
CREATE TRIGGER "LetterDeliveryChoice_no_delete" BEFORE DELETE ON "LetterDeliveryChoice"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Letter" WHERE "id" = OLD."letterId"))
BEGIN SELECT RAISE(ABORT, 'LetterDeliveryChoice is append-only'); END;
DROP TRIGGER "LetterRelease_no_delete";
CREATE TRIGGER "LetterRelease_no_delete" BEFORE DELETE ON "LetterRelease"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Letter" WHERE "id" = OLD."letterId"))
BEGIN SELECT RAISE(ABORT, 'LetterRelease is append-only'); END;

-- A letter version may go once its letter is DESTROYED (as before) or in its case's disposal.
DROP TRIGGER "LetterVersion_no_delete";
CREATE TRIGGER "LetterVersion_no_delete" BEFORE DELETE ON "LetterVersion"
WHEN (SELECT "status" FROM "Letter" WHERE "id" = OLD."letterId") IS NOT 'DESTROYED' AND NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "Letter" WHERE "id" = OLD."letterId"))
BEGIN SELECT RAISE(ABORT, 'LetterVersion is kept until its letter is destroyed'); END;

-- The stage timeline stays (stages and dates, for reports); a disposal clears only the reasons given.
DROP TRIGGER "CaseStageEvent_no_update";
CREATE TRIGGER "CaseStageEvent_no_update" BEFORE UPDATE ON "CaseStageEvent"
WHEN NOT (EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId") AND NEW."reason" IS NULL
  AND NEW."id" = OLD."id" AND NEW."caseId" = OLD."caseId" AND NEW."stage" = OLD."stage" AND NEW."actorId" IS OLD."actorId" AND NEW."createdAt" = OLD."createdAt")
BEGIN SELECT RAISE(ABORT, 'CaseStageEvent is append-only'); END;

-- Audit entries are never deleted. A disposal may rewrite the details of the entries of its case
-- and of the case's letter authors (their account is deleted with the case), and clear those
-- authors as actors and their addresses; what was done, to what, when and in which case stays.
DROP TRIGGER "AuditEvent_no_update";
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
WHEN NOT (EXISTS (SELECT 1 FROM "CaseDisposal" d WHERE d."state" = 'RUNNING' AND (d."caseId" = OLD."caseId"
    OR EXISTS (SELECT 1 FROM "Letter" l WHERE l."caseId" = d."caseId" AND (l."authorId" = OLD."actorId" OR 'user:' || l."authorId" = OLD."target"))))
  AND NEW."id" = OLD."id" AND NEW."action" = OLD."action" AND NEW."target" = OLD."target" AND NEW."caseId" IS OLD."caseId"
  AND NEW."actorRole" = OLD."actorRole" AND NEW."createdAt" = OLD."createdAt"
  AND (NEW."actorId" IS OLD."actorId" OR NEW."actorId" IS NULL) AND (NEW."ip" IS OLD."ip" OR NEW."ip" IS NULL))
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
