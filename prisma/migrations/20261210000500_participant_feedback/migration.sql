-- Participant feedback: what each participant said of the service after a conference, a letter
-- exchange or at closure, or that they declined to say. Append-only: no update, and no delete except
-- inside the case's own disposal (its RUNNING CaseDisposal row, never committed).
CREATE TABLE "ParticipantFeedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "declined" BOOLEAN NOT NULL DEFAULT false,
    "satisfaction" INTEGER,
    "feltSafe" BOOLEAN,
    "feltHeard" BOOLEAN,
    "feltPrepared" BOOLEAN,
    "wouldRecommend" BOOLEAN,
    "comments" TEXT NOT NULL DEFAULT '',
    "givenOn" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParticipantFeedback_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParticipantFeedback_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParticipantFeedback_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "ParticipantFeedback_caseId_createdAt_idx" ON "ParticipantFeedback"("caseId", "createdAt");
CREATE INDEX "ParticipantFeedback_participantId_idx" ON "ParticipantFeedback"("participantId");
CREATE INDEX "ParticipantFeedback_recordedById_idx" ON "ParticipantFeedback"("recordedById");
CREATE INDEX "ParticipantFeedback_givenOn_idx" ON "ParticipantFeedback"("givenOn");
CREATE TRIGGER "ParticipantFeedback_no_update" BEFORE UPDATE ON "ParticipantFeedback"
BEGIN SELECT RAISE(ABORT, 'ParticipantFeedback is append-only'); END;
CREATE TRIGGER "ParticipantFeedback_no_delete" BEFORE DELETE ON "ParticipantFeedback"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ParticipantFeedback is append-only'); END;
