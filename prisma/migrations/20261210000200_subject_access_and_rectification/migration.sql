-- Subject access requests and rectification requests (README, Decisions, "Subject access and
-- rectification"). New tables only: no existing row is changed, moved or dropped.

-- CreateTable
CREATE TABLE "SubjectAccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" DATETIME,
    "releasedById" TEXT,
    "releasedJson" TEXT,
    "releasedHash" TEXT,
    CONSTRAINT "SubjectAccessRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubjectAccessRequest_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubjectAccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubjectAccessRequest_releasedById_fkey" FOREIGN KEY ("releasedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubjectAccessRedaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "phrase" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubjectAccessRedaction_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SubjectAccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubjectAccessRedaction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RectificationRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "claim" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT,
    "decisionReason" TEXT NOT NULL DEFAULT '',
    "changesMade" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "RectificationRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RectificationRequest_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RectificationRequest_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RectificationRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SubjectAccessRequest_caseId_createdAt_idx" ON "SubjectAccessRequest"("caseId", "createdAt");
CREATE INDEX "SubjectAccessRequest_participantId_idx" ON "SubjectAccessRequest"("participantId");
CREATE INDEX "SubjectAccessRequest_createdById_idx" ON "SubjectAccessRequest"("createdById");
CREATE INDEX "SubjectAccessRequest_releasedById_idx" ON "SubjectAccessRequest"("releasedById");
CREATE INDEX "SubjectAccessRedaction_requestId_idx" ON "SubjectAccessRedaction"("requestId");
CREATE INDEX "SubjectAccessRedaction_createdById_idx" ON "SubjectAccessRedaction"("createdById");
CREATE INDEX "RectificationRequest_caseId_createdAt_idx" ON "RectificationRequest"("caseId", "createdAt");
CREATE INDEX "RectificationRequest_participantId_idx" ON "RectificationRequest"("participantId");
CREATE INDEX "RectificationRequest_recordedById_idx" ON "RectificationRequest"("recordedById");
CREATE INDEX "RectificationRequest_decidedById_idx" ON "RectificationRequest"("decidedById");

-- A released export is what was sent: nothing about the request changes after release, and no
-- request is deleted (the record that one was answered, and when, is kept).
CREATE TRIGGER "SubjectAccessRequest_released" BEFORE UPDATE ON "SubjectAccessRequest"
WHEN OLD."releasedAt" IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRequest is released'); END;
CREATE TRIGGER "SubjectAccessRequest_no_delete" BEFORE DELETE ON "SubjectAccessRequest"
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRequest is kept'); END;
CREATE TRIGGER "SubjectAccessRedaction_no_update" BEFORE UPDATE ON "SubjectAccessRedaction"
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRedaction is append-only'); END;
CREATE TRIGGER "SubjectAccessRedaction_released" BEFORE DELETE ON "SubjectAccessRedaction"
WHEN (SELECT "releasedAt" FROM "SubjectAccessRequest" WHERE "id" = OLD."requestId") IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'SubjectAccessRedaction belongs to a released export'); END;

-- A correction request is append-only once decided: the decision is recorded once.
CREATE TRIGGER "RectificationRequest_decided" BEFORE UPDATE ON "RectificationRequest"
WHEN OLD."decision" IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'RectificationRequest is decided'); END;
CREATE TRIGGER "RectificationRequest_no_delete" BEFORE DELETE ON "RectificationRequest"
BEGIN SELECT RAISE(ABORT, 'RectificationRequest is append-only'); END;
