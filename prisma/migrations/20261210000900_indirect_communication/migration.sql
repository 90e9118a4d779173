-- Indirect communication: how a completed case was completed, the risk assessment's questions for
-- indirect work, and (in the schema only: SQLite keeps an enum as TEXT) the consent element
-- PASS_MESSAGES. Columns are added, not tables rebuilt: rebuilding "RiskAssessment" or
-- "CaseDisposal" would drop their append-only triggers.
ALTER TABLE "Case" ADD COLUMN "completedBy" TEXT;
ALTER TABLE "CaseDisposal" ADD COLUMN "completedBy" TEXT;
ALTER TABLE "RiskAssessment" ADD COLUMN "messagesRisk" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RiskAssessment" ADD COLUMN "doNotPassOn" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RiskAssessment" ADD COLUMN "inCustody" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "RiskAssessment" ADD COLUMN "custodyRules" TEXT NOT NULL DEFAULT '';

-- Carried over: every case already closed as completed gets how, from what it holds, in the order
-- the reports used to infer it: a conference held, else a letter released to the person harmed,
-- else indirect communication (completed with neither). A disposed case's conferences and letters
-- are gone: its disposal summary says whether there were any. Cases closed otherwise, and open
-- cases, stay null. Nothing is dropped.
UPDATE "Case" SET "completedBy" = CASE
    WHEN EXISTS (SELECT 1 FROM "Conference" f WHERE f."caseId" = "Case"."id" AND f."status" = 'HELD')
      OR EXISTS (SELECT 1 FROM "CaseDisposal" d WHERE d."caseId" = "Case"."id" AND d."conferenceHeld" = 1) THEN 'CONFERENCE'
    WHEN EXISTS (SELECT 1 FROM "Letter" l JOIN "LetterRelease" r ON r."letterId" = l."id" WHERE l."caseId" = "Case"."id")
      OR EXISTS (SELECT 1 FROM "CaseDisposal" d WHERE d."caseId" = "Case"."id" AND d."letterSent" = 1) THEN 'LETTERS'
    ELSE 'INDIRECT_MESSAGES' END
WHERE "stage" = 'CLOSED' AND "closureReason" = 'COMPLETED';

-- A disposal's summary is append-only (its trigger lets only RUNNING become DONE): the trigger is
-- lifted for this one copy of the case's answer into the summaries already written, and put back
-- exactly as it was (migration 20261210000000).
DROP TRIGGER "CaseDisposal_no_update";
UPDATE "CaseDisposal" SET "completedBy" = (SELECT c."completedBy" FROM "Case" c WHERE c."id" = "CaseDisposal"."caseId");
CREATE TRIGGER "CaseDisposal_no_update" BEFORE UPDATE ON "CaseDisposal"
WHEN NOT (OLD."state" = 'RUNNING' AND NEW."state" = 'DONE')
BEGIN SELECT RAISE(ABORT, 'CaseDisposal is append-only'); END;
