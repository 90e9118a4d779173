-- Retention rules and the disposal review's work list (docs/operations.md, "Retention rules").
--
-- What this carries over: nothing is changed or dropped. Two tables are added, and every service
-- that exists gets the two default rules a new service starts with (app/models/retention-rules.server.ts,
-- DEFAULT_RULES): adult cases 6 years after closure; youth cases until the youngest person harmed or
-- responsible is 25, or 6 years after closure if that is later. They are marked as Circle's
-- defaults (createdById null) for the manager to confirm or change on /admin/retention.

-- CreateTable
CREATE TABLE "RetentionRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "caseType" TEXT NOT NULL,
    "outcome" TEXT,
    "basis" TEXT NOT NULL,
    "years" INTEGER NOT NULL DEFAULT 0,
    "months" INTEGER NOT NULL DEFAULT 0,
    "untilAge" INTEGER,
    "reason" TEXT NOT NULL,
    "inForce" TEXT,
    "replacesId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    "retiredById" TEXT,
    CONSTRAINT "RetentionRule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RetentionRule_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "RetentionRule" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RetentionRule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RetentionRule_retiredById_fkey" FOREIGN KEY ("retiredById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DisposalDue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "closureEventId" TEXT NOT NULL,
    "closedAt" DATETIME NOT NULL,
    "dueOn" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleReason" TEXT NOT NULL,
    "dobUnknown" BOOLEAN NOT NULL DEFAULT false,
    "foundAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reopenedAt" DATETIME,
    CONSTRAINT "DisposalDue_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DisposalDue_closureEventId_fkey" FOREIGN KEY ("closureEventId") REFERENCES "CaseStageEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DisposalDue_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RetentionRule" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RetentionRule_replacesId_idx" ON "RetentionRule"("replacesId");

-- CreateIndex
CREATE INDEX "RetentionRule_createdById_idx" ON "RetentionRule"("createdById");

-- CreateIndex
CREATE INDEX "RetentionRule_retiredById_idx" ON "RetentionRule"("retiredById");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRule_serviceId_inForce_key" ON "RetentionRule"("serviceId", "inForce");

-- CreateIndex
CREATE UNIQUE INDEX "DisposalDue_closureEventId_key" ON "DisposalDue"("closureEventId");

-- CreateIndex
CREATE INDEX "DisposalDue_caseId_idx" ON "DisposalDue"("caseId");

-- CreateIndex
CREATE INDEX "DisposalDue_ruleId_idx" ON "DisposalDue"("ruleId");


-- Rules are versioned, never rewritten: a change adds a row and retires the one it replaces, so
-- the only update allowed is that retirement (retiredAt set once, inForce cleared, nothing else
-- changed), and no rule is ever deleted (a found case names the rule that made it due).
CREATE TRIGGER "RetentionRule_no_delete" BEFORE DELETE ON "RetentionRule"
BEGIN SELECT RAISE(ABORT, 'RetentionRule is append-only'); END;
CREATE TRIGGER "RetentionRule_retire_only" BEFORE UPDATE ON "RetentionRule"
WHEN OLD."retiredAt" IS NOT NULL OR NEW."retiredAt" IS NULL OR NEW."inForce" IS NOT NULL
  OR NEW."id" IS NOT OLD."id" OR NEW."serviceId" IS NOT OLD."serviceId" OR NEW."caseType" IS NOT OLD."caseType"
  OR NEW."outcome" IS NOT OLD."outcome" OR NEW."basis" IS NOT OLD."basis" OR NEW."years" IS NOT OLD."years"
  OR NEW."months" IS NOT OLD."months" OR NEW."untilAge" IS NOT OLD."untilAge" OR NEW."reason" IS NOT OLD."reason"
  OR NEW."replacesId" IS NOT OLD."replacesId" OR NEW."createdById" IS NOT OLD."createdById" OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN SELECT RAISE(ABORT, 'RetentionRule is append-only: a rule can only be retired'); END;

-- The defaults, for every service there is (the words are DEFAULT_RULES' in the code).
INSERT INTO "RetentionRule" ("id", "serviceId", "caseType", "outcome", "basis", "years", "months", "untilAge", "reason", "inForce", "createdAt")
SELECT 'c' || lower(hex(randomblob(12))), "id", 'ADULT', NULL, 'AFTER_CLOSURE', 6, 0, NULL,
       'Circle''s default for adult cases: check it against your service''s retention policy.', 'ADULT:ANY',
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "Service";
INSERT INTO "RetentionRule" ("id", "serviceId", "caseType", "outcome", "basis", "years", "months", "untilAge", "reason", "inForce", "createdAt")
SELECT 'c' || lower(hex(randomblob(12))), "id", 'YOUTH', NULL, 'LATER_OF', 6, 0, 25,
       'Circle''s default for youth cases: check it against your service''s retention policy.', 'YOUTH:ANY',
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "Service";
