-- The audit trail is read by person and by kind, not only by case: a view or a refused request is
-- collapsed by looking for the same person's entries of the last 10 minutes, the trail is filtered
-- by person, and the failed sign-ins page lists one action across the service, newest first
-- (app/utils/audit.server.ts; README, Decisions 2026-12-06).

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");
