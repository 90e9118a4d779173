-- A case's disposal (20261210000000) removes its subject access requests, their hand redactions
-- and its correction requests with the rest of its personal data: their delete triggers let a
-- delete through only inside that case's own disposal, whose RUNNING row is never committed.
-- Outside a disposal they refuse exactly as before.
DROP TRIGGER "SubjectAccessRequest_no_delete";
CREATE TRIGGER "SubjectAccessRequest_no_delete" BEFORE DELETE ON "SubjectAccessRequest"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRequest is kept'); END;
DROP TRIGGER "SubjectAccessRedaction_released";
CREATE TRIGGER "SubjectAccessRedaction_released" BEFORE DELETE ON "SubjectAccessRedaction"
WHEN (SELECT "releasedAt" FROM "SubjectAccessRequest" WHERE "id" = OLD."requestId") IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = (SELECT "caseId" FROM "SubjectAccessRequest" WHERE "id" = OLD."requestId"))
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRedaction belongs to a released export'); END;
DROP TRIGGER "RectificationRequest_no_delete";
CREATE TRIGGER "RectificationRequest_no_delete" BEFORE DELETE ON "RectificationRequest"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'RectificationRequest is append-only'); END;
