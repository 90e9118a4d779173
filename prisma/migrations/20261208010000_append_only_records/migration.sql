-- The case's records are append-only in the database, not only by convention in the models: a
-- row is inserted once and then neither changed nor deleted, so nothing the app (or a mistaken
-- query) does can rewrite what was recorded. Updates that are part of a record's life are allowed
-- narrowly below. Deleting a case cascades into these tables, so the triggers also keep whole
-- cases from being deleted; disposal at the end of retention is a separate, deliberate step
-- (README, Decisions: "Keys, value sets and append-only records are the database's").

-- Deletes were still possible on the tables that only refused updates.
CREATE TRIGGER "ConsentEntry_no_delete" BEFORE DELETE ON "ConsentEntry"
BEGIN SELECT RAISE(ABORT, 'ConsentEntry is append-only'); END;
CREATE TRIGGER "RiskAssessment_no_delete" BEFORE DELETE ON "RiskAssessment"
BEGIN SELECT RAISE(ABORT, 'RiskAssessment is append-only'); END;
CREATE TRIGGER "SupervisorApproval_no_delete" BEFORE DELETE ON "SupervisorApproval"
BEGIN SELECT RAISE(ABORT, 'SupervisorApproval is append-only'); END;
CREATE TRIGGER "LiveEvent_no_delete" BEFORE DELETE ON "LiveEvent"
BEGIN SELECT RAISE(ABORT, 'LiveEvent is append-only'); END;
CREATE TRIGGER "AgreementSignature_no_delete" BEFORE DELETE ON "AgreementSignature"
BEGIN SELECT RAISE(ABORT, 'AgreementSignature is append-only'); END;
CREATE TRIGGER "AgreementPayment_no_delete" BEFORE DELETE ON "AgreementPayment"
BEGIN SELECT RAISE(ABORT, 'AgreementPayment is append-only'); END;
CREATE TRIGGER "AgreementTermProgress_no_delete" BEFORE DELETE ON "AgreementTermProgress"
BEGIN SELECT RAISE(ABORT, 'AgreementTermProgress is append-only'); END;
CREATE TRIGGER "LetterDeliveryChoice_no_delete" BEFORE DELETE ON "LetterDeliveryChoice"
BEGIN SELECT RAISE(ABORT, 'LetterDeliveryChoice is append-only'); END;

-- The stage timeline and the outcome notices (Victims' Code: the person harmed was told) had no rule.
CREATE TRIGGER "CaseStageEvent_no_update" BEFORE UPDATE ON "CaseStageEvent"
BEGIN SELECT RAISE(ABORT, 'CaseStageEvent is append-only'); END;
CREATE TRIGGER "CaseStageEvent_no_delete" BEFORE DELETE ON "CaseStageEvent"
BEGIN SELECT RAISE(ABORT, 'CaseStageEvent is append-only'); END;
CREATE TRIGGER "AgreementOutcomeNotice_no_update" BEFORE UPDATE ON "AgreementOutcomeNotice"
BEGIN SELECT RAISE(ABORT, 'AgreementOutcomeNotice is append-only'); END;
CREATE TRIGGER "AgreementOutcomeNotice_no_delete" BEFORE DELETE ON "AgreementOutcomeNotice"
BEGIN SELECT RAISE(ABORT, 'AgreementOutcomeNotice is append-only'); END;

-- An agreement version moves through its review states (state, submitted*, decided*), so only its
-- frozen content and its origin are refused; it is never deleted (its signatures are bound to it).
DROP TRIGGER "AgreementVersion_frozen";
CREATE TRIGGER "AgreementVersion_frozen" BEFORE UPDATE OF "id", "agreementId", "number", "termsJson", "narrativeJson", "narrativeText", "contentHash", "createdById", "createdAt" ON "AgreementVersion"
BEGIN SELECT RAISE(ABORT, 'AgreementVersion content is frozen'); END;
CREATE TRIGGER "AgreementVersion_no_delete" BEFORE DELETE ON "AgreementVersion"
BEGIN SELECT RAISE(ABORT, 'AgreementVersion is append-only'); END;

-- A letter version's text is frozen when submitted; the facilitator's decision is recorded once.
-- Destroying a letter deletes its versions with the rest of its content: allowed only once the
-- letter itself is marked DESTROYED (app/models/letter-workflow.server.ts marks it first).
CREATE TRIGGER "LetterVersion_frozen" BEFORE UPDATE OF "id", "letterId", "number", "contentJson", "contentText", "contentHash", "submittedAt" ON "LetterVersion"
BEGIN SELECT RAISE(ABORT, 'LetterVersion content is frozen'); END;
CREATE TRIGGER "LetterVersion_decided_once" BEFORE UPDATE OF "decision", "decisionReason", "decidedById", "decidedAt" ON "LetterVersion"
WHEN OLD."decision" IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'LetterVersion decision is already recorded'); END;
CREATE TRIGGER "LetterVersion_no_delete" BEFORE DELETE ON "LetterVersion"
WHEN (SELECT "status" FROM "Letter" WHERE "id" = OLD."letterId") IS NOT 'DESTROYED'
BEGIN SELECT RAISE(ABORT, 'LetterVersion is kept until its letter is destroyed'); END;

-- A release is kept for good; the one change allowed is the foreign key clearing its version
-- when a destroyed letter's versions are deleted.
CREATE TRIGGER "LetterRelease_no_update" BEFORE UPDATE ON "LetterRelease"
WHEN NOT (NEW."versionId" IS NULL AND NEW."id" = OLD."id" AND NEW."letterId" = OLD."letterId" AND NEW."method" = OLD."method"
  AND NEW."releasedById" = OLD."releasedById" AND NEW."releasedAt" = OLD."releasedAt")
BEGIN SELECT RAISE(ABORT, 'LetterRelease is append-only'); END;
CREATE TRIGGER "LetterRelease_no_delete" BEFORE DELETE ON "LetterRelease"
BEGIN SELECT RAISE(ABORT, 'LetterRelease is append-only'); END;
