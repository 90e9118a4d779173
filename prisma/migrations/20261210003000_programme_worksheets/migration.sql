-- The person responsible's own worksheets, set from a programme session and written in their author
-- workspace: the worksheet, its prompts with their answers, and the facilitators' comments. New tables
-- only: nothing is carried over. The new enum value NotificationKind.WORKSHEET_SUBMITTED is TEXT in SQLite:
-- nothing to alter.

-- CreateTable
CREATE TABLE "ProgrammeWorksheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SET',
    "inviteCodeHash" TEXT,
    "inviteExpiresAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "savedAt" DATETIME,
    "submittedAt" DATETIME,
    "closedAt" DATETIME,
    "closedById" TEXT,
    CONSTRAINT "ProgrammeWorksheet_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeWorksheet_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeWorksheet_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeWorksheet_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeWorksheet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeWorksheet_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorksheetAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "worksheetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "answer" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorksheetAnswer_worksheetId_fkey" FOREIGN KEY ("worksheetId") REFERENCES "ProgrammeWorksheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorksheetComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "worksheetId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorksheetComment_worksheetId_fkey" FOREIGN KEY ("worksheetId") REFERENCES "ProgrammeWorksheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorksheetComment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorksheetComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);


-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_caseId_idx" ON "ProgrammeWorksheet"("caseId");

-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_sessionId_idx" ON "ProgrammeWorksheet"("sessionId");

-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_participantId_idx" ON "ProgrammeWorksheet"("participantId");

-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_authorId_idx" ON "ProgrammeWorksheet"("authorId");

-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_createdById_idx" ON "ProgrammeWorksheet"("createdById");

-- CreateIndex
CREATE INDEX "ProgrammeWorksheet_closedById_idx" ON "ProgrammeWorksheet"("closedById");

-- CreateIndex
CREATE INDEX "WorksheetAnswer_worksheetId_position_idx" ON "WorksheetAnswer"("worksheetId", "position");

-- CreateIndex
CREATE INDEX "WorksheetComment_worksheetId_createdAt_idx" ON "WorksheetComment"("worksheetId", "createdAt");

-- CreateIndex
CREATE INDEX "WorksheetComment_caseId_idx" ON "WorksheetComment"("caseId");

-- CreateIndex
CREATE INDEX "WorksheetComment_authorId_idx" ON "WorksheetComment"("authorId");

