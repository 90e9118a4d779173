-- The restorative intervention programme: a service's programme templates and their sessions, a
-- case's programme for its person responsible (copied from a template, then adapted and
-- scheduled), and what happened: adaptations with their reasons, attendance, session reviews and
-- the readiness judgements. New tables only: no existing row is changed, moved or dropped.
-- Adaptations, attendance, reviews and judgements are append-only (triggers below): a mistake is
-- corrected by recording again, and the newest row counts. They are deleted only inside the case's
-- own disposal (its RUNNING CaseDisposal row, never committed). Existing services receive the
-- standard programme at the server's next start (app/models/standard-programme.server.ts), from
-- the words in code, rather than from a copy of them here.
CREATE TABLE "ProgrammeTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "standard" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProgrammeTemplate_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeTemplate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeTemplateSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "aims" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "guidance" TEXT NOT NULL DEFAULT '',
    "exercises" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ProgrammeTemplateSession_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ProgrammeTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "CaseProgramme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseProgramme_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseProgramme_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseProgramme_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ProgrammeTemplate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseProgramme_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "aims" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "guidance" TEXT NOT NULL DEFAULT '',
    "exercises" TEXT NOT NULL DEFAULT '',
    "added" BOOLEAN NOT NULL DEFAULT false,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "skipReason" TEXT NOT NULL DEFAULT '',
    "scheduledOn" TEXT,
    "scheduledAt" TEXT,
    "venueKind" TEXT,
    "venue" TEXT NOT NULL DEFAULT '',
    "coFacilitatorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProgrammeSession_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "CaseProgramme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeSession_coFacilitatorId_fkey" FOREIGN KEY ("coFacilitatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fromPosition" INTEGER,
    "toPosition" INTEGER,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeChange_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "CaseProgramme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeChange_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "cancelledBy" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeAttendance_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeAttendance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "engagement" INTEGER NOT NULL,
    "concern" BOOLEAN NOT NULL,
    "concernText" TEXT NOT NULL DEFAULT '',
    "contactReadiness" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeReview_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeReview_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProgrammeSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeReview_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ProgrammeJudgement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeJudgement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeJudgement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "CaseProgramme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeJudgement_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "ProgrammeTemplate_serviceId_idx" ON "ProgrammeTemplate"("serviceId");
-- CreateIndex
CREATE INDEX "ProgrammeTemplate_createdById_idx" ON "ProgrammeTemplate"("createdById");
-- CreateIndex
CREATE INDEX "ProgrammeTemplateSession_templateId_position_idx" ON "ProgrammeTemplateSession"("templateId", "position");
-- CreateIndex
CREATE UNIQUE INDEX "CaseProgramme_caseId_key" ON "CaseProgramme"("caseId");
-- CreateIndex
CREATE INDEX "CaseProgramme_participantId_idx" ON "CaseProgramme"("participantId");
-- CreateIndex
CREATE INDEX "CaseProgramme_templateId_idx" ON "CaseProgramme"("templateId");
-- CreateIndex
CREATE INDEX "CaseProgramme_startedById_idx" ON "CaseProgramme"("startedById");
-- CreateIndex
CREATE INDEX "ProgrammeSession_programmeId_position_idx" ON "ProgrammeSession"("programmeId", "position");
-- CreateIndex
CREATE INDEX "ProgrammeSession_coFacilitatorId_idx" ON "ProgrammeSession"("coFacilitatorId");
-- CreateIndex
CREATE INDEX "ProgrammeChange_caseId_idx" ON "ProgrammeChange"("caseId");
-- CreateIndex
CREATE INDEX "ProgrammeChange_programmeId_createdAt_idx" ON "ProgrammeChange"("programmeId", "createdAt");
-- CreateIndex
CREATE INDEX "ProgrammeChange_sessionId_idx" ON "ProgrammeChange"("sessionId");
-- CreateIndex
CREATE INDEX "ProgrammeChange_actorId_idx" ON "ProgrammeChange"("actorId");
-- CreateIndex
CREATE INDEX "ProgrammeAttendance_caseId_idx" ON "ProgrammeAttendance"("caseId");
-- CreateIndex
CREATE INDEX "ProgrammeAttendance_sessionId_createdAt_idx" ON "ProgrammeAttendance"("sessionId", "createdAt");
-- CreateIndex
CREATE INDEX "ProgrammeAttendance_recordedById_idx" ON "ProgrammeAttendance"("recordedById");
-- CreateIndex
CREATE INDEX "ProgrammeReview_caseId_createdAt_idx" ON "ProgrammeReview"("caseId", "createdAt");
-- CreateIndex
CREATE INDEX "ProgrammeReview_sessionId_createdAt_idx" ON "ProgrammeReview"("sessionId", "createdAt");
-- CreateIndex
CREATE INDEX "ProgrammeReview_recordedById_idx" ON "ProgrammeReview"("recordedById");
-- CreateIndex
CREATE INDEX "ProgrammeJudgement_caseId_idx" ON "ProgrammeJudgement"("caseId");
-- CreateIndex
CREATE INDEX "ProgrammeJudgement_programmeId_createdAt_idx" ON "ProgrammeJudgement"("programmeId", "createdAt");
-- CreateIndex
CREATE INDEX "ProgrammeJudgement_recordedById_idx" ON "ProgrammeJudgement"("recordedById");
CREATE TRIGGER "ProgrammeChange_no_update" BEFORE UPDATE ON "ProgrammeChange"
BEGIN SELECT RAISE(ABORT, 'ProgrammeChange is append-only'); END;
CREATE TRIGGER "ProgrammeChange_no_delete" BEFORE DELETE ON "ProgrammeChange"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ProgrammeChange is append-only'); END;
CREATE TRIGGER "ProgrammeAttendance_no_update" BEFORE UPDATE ON "ProgrammeAttendance"
BEGIN SELECT RAISE(ABORT, 'ProgrammeAttendance is append-only: record it again to correct it'); END;
CREATE TRIGGER "ProgrammeAttendance_no_delete" BEFORE DELETE ON "ProgrammeAttendance"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ProgrammeAttendance is append-only: record it again to correct it'); END;
CREATE TRIGGER "ProgrammeReview_no_update" BEFORE UPDATE ON "ProgrammeReview"
BEGIN SELECT RAISE(ABORT, 'ProgrammeReview is append-only'); END;
CREATE TRIGGER "ProgrammeReview_no_delete" BEFORE DELETE ON "ProgrammeReview"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ProgrammeReview is append-only'); END;
CREATE TRIGGER "ProgrammeJudgement_no_update" BEFORE UPDATE ON "ProgrammeJudgement"
BEGIN SELECT RAISE(ABORT, 'ProgrammeJudgement is append-only'); END;
CREATE TRIGGER "ProgrammeJudgement_no_delete" BEFORE DELETE ON "ProgrammeJudgement"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ProgrammeJudgement is append-only'); END;
