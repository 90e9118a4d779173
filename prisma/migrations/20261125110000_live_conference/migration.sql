
-- CreateTable
CREATE TABLE "ScriptTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScriptTemplateStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "addressTo" TEXT NOT NULL DEFAULT 'EVERYONE',
    CONSTRAINT "ScriptTemplateStep_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ScriptTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConferenceStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conferenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "addressedTo" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "markedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConferenceStep_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConferenceLive" (
    "conferenceId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "version" INTEGER NOT NULL DEFAULT 0,
    "currentStepId" TEXT,
    "currentSpeakerId" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedMs" INTEGER NOT NULL DEFAULT 0,
    "breakStartedAt" DATETIME,
    "breakRequestedById" TEXT,
    "seatingLocked" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConferenceLive_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LiveEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conferenceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LiveEvent_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "venue" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL DEFAULT '',
    "leadId" TEXT,
    "coFacilitatorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "holdReason" TEXT,
    "speakingOrder" TEXT NOT NULL DEFAULT '[]',
    "scriptTemplateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conference_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Conference" ("caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "status", "updatedAt", "venue") SELECT "caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "status", "updatedAt", "venue" FROM "Conference";
DROP TABLE "Conference";
ALTER TABLE "new_Conference" RENAME TO "Conference";
CREATE INDEX "Conference_caseId_scheduledAt_idx" ON "Conference"("caseId", "scheduledAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScriptTemplate_serviceId_idx" ON "ScriptTemplate"("serviceId");

-- CreateIndex
CREATE INDEX "ScriptTemplateStep_templateId_position_idx" ON "ScriptTemplateStep"("templateId", "position");

-- CreateIndex
CREATE INDEX "ConferenceStep_conferenceId_position_idx" ON "ConferenceStep"("conferenceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "LiveEvent_conferenceId_seq_key" ON "LiveEvent"("conferenceId", "seq");


-- The live event log is the conference's record: never rewritten.
CREATE TRIGGER "LiveEvent_no_update" BEFORE UPDATE ON "LiveEvent"
BEGIN SELECT RAISE(ABORT, 'LiveEvent is append-only'); END;
