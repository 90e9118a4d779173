-- The audit trail kept for its own period (app/models/audit-retention.server.ts, app/models/audit-prune.server.ts;
-- README, Decisions, "The audit trail is kept for its own period, then pruned by the retention job").
--
-- What this carries over: nothing is changed or dropped. Two tables and an index are added, and
-- every service that exists gets Circle's default period, 7 years, marked as Circle's
-- (createdById null) for the manager to confirm or change on /admin/retention (the words are
-- AUDIT_DEFAULT in the code).
--
-- AuditEvent_no_delete is recreated with one exemption, in the pattern of the disposal's
-- (migration 20261210000000): a delete passes only while an AuditPrune row is RUNNING for the
-- entry's service with a cutoff later than the entry's createdAt. The retention job inserts that
-- row, deletes and sets it DONE inside one write transaction, so the RUNNING row is never
-- committed: no other connection, and no other transaction, ever passes. The entry's service is
-- its case's, else its actor's, else the service its target names ("service:<id>", the job's own
-- entries); an entry with none of these belongs to no service and needs a row with serviceId null.

-- CreateTable
CREATE TABLE "AuditRetention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "years" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditRetention_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AuditRetention_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditPrune" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT,
    "cutoff" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'RUNNING',
    "count" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "AuditPrune_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditRetention_serviceId_createdAt_idx" ON "AuditRetention"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditRetention_createdById_idx" ON "AuditRetention"("createdById");

-- CreateIndex
CREATE INDEX "AuditPrune_serviceId_startedAt_idx" ON "AuditPrune"("serviceId", "startedAt");

-- A period is never rewritten: a change is a new row, so the rows are the history.
CREATE TRIGGER "AuditRetention_no_update" BEFORE UPDATE ON "AuditRetention"
BEGIN SELECT RAISE(ABORT, 'AuditRetention is append-only'); END;
CREATE TRIGGER "AuditRetention_no_delete" BEFORE DELETE ON "AuditRetention"
BEGIN SELECT RAISE(ABORT, 'AuditRetention is append-only'); END;

-- A prune's record is kept for good; the one change is its own transaction marking it DONE with its count.
CREATE TRIGGER "AuditPrune_no_update" BEFORE UPDATE ON "AuditPrune"
WHEN NOT (OLD."state" = 'RUNNING' AND NEW."state" = 'DONE' AND NEW."finishedAt" IS NOT NULL
  AND NEW."id" = OLD."id" AND NEW."serviceId" IS OLD."serviceId" AND NEW."cutoff" = OLD."cutoff" AND NEW."startedAt" = OLD."startedAt")
BEGIN SELECT RAISE(ABORT, 'AuditPrune is append-only'); END;
CREATE TRIGGER "AuditPrune_no_delete" BEFORE DELETE ON "AuditPrune"
BEGIN SELECT RAISE(ABORT, 'AuditPrune is append-only'); END;

-- Audit entries are deleted only by the retention job's prune of their own service, and only
-- those older than its cutoff. (Times are compared as Prisma writes them, ISO 8601 text in UTC.)
DROP TRIGGER "AuditEvent_no_delete";
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
WHEN NOT EXISTS (SELECT 1 FROM "AuditPrune" p WHERE p."state" = 'RUNNING' AND p."cutoff" > OLD."createdAt"
  AND p."serviceId" IS COALESCE(
    (SELECT c."serviceId" FROM "Case" c WHERE c."id" = OLD."caseId"),
    (SELECT u."serviceId" FROM "User" u WHERE u."id" = OLD."actorId"),
    (SELECT s."id" FROM "Service" s WHERE OLD."target" LIKE 'service:%' AND s."id" = substr(OLD."target", 9))))
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;

-- Circle's default, for every service there is.
INSERT INTO "AuditRetention" ("id", "serviceId", "years", "reason", "createdById", "createdAt")
SELECT 'c' || lower(hex(randomblob(12))), "id", 7,
       'Circle''s default: 7 years, longer than the 6 years a closed case is kept by default, so a case''s trail outlasts the case. Check it against your service''s retention policy.',
       NULL, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "Service";
