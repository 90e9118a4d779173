-- Participant mode: a facilitator's session handed to a participant to give feedback (README,
-- Decisions, "Participant mode is a state of the session, kept on the server"). A new table only:
-- no existing row is changed, moved or dropped. Its rows are transient (removed when the
-- facilitator leaves), so it is not append-only.
CREATE TABLE "ParticipantMode" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    CONSTRAINT "ParticipantMode_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParticipantMode_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParticipantMode_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ParticipantMode_caseId_idx" ON "ParticipantMode"("caseId");
CREATE INDEX "ParticipantMode_participantId_idx" ON "ParticipantMode"("participantId");
