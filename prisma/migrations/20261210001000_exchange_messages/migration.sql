-- Shuttle communication: messages the facilitators pass between the parties (questions, answers,
-- what either wants the other to know), the safety edits the sender agreed to, and each party's
-- choice about receiving them. New tables only: no existing row is changed, moved or dropped.
-- A message's record (who, to whom, how gathered, the words, the sender's consent) never changes;
-- only its status moves forward once each, RECORDED → APPROVED → DELIVERED, with who and when.
-- Edits and choices are append-only. Nothing is deleted except inside the case's own disposal
-- (its RUNNING CaseDisposal row, never committed).
CREATE TABLE "ExchangeMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "inReplyToId" TEXT,
    "kind" TEXT NOT NULL,
    "gatheredBy" TEXT NOT NULL,
    "gatheredOn" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "senderConsent" BOOLEAN NOT NULL,
    "consentWording" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECORDED',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "deliveryMethod" TEXT,
    "deliveredOn" TEXT,
    "deliveredById" TEXT,
    "deliveredAt" DATETIME,
    CONSTRAINT "ExchangeMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_inReplyToId_fkey" FOREIGN KEY ("inReplyToId") REFERENCES "ExchangeMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessage_deliveredById_fkey" FOREIGN KEY ("deliveredById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ExchangeMessageEdit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "senderAgreed" BOOLEAN NOT NULL,
    "editedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExchangeMessageEdit_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ExchangeMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeMessageEdit_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ExchangeChoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "deliverAfter" TEXT,
    "method" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExchangeChoice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeChoice_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeChoice_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "ExchangeMessage_caseId_createdAt_idx" ON "ExchangeMessage"("caseId", "createdAt");
CREATE INDEX "ExchangeMessage_fromId_idx" ON "ExchangeMessage"("fromId");
CREATE INDEX "ExchangeMessage_toId_idx" ON "ExchangeMessage"("toId");
CREATE INDEX "ExchangeMessage_inReplyToId_idx" ON "ExchangeMessage"("inReplyToId");
CREATE INDEX "ExchangeMessage_recordedById_idx" ON "ExchangeMessage"("recordedById");
CREATE INDEX "ExchangeMessage_approvedById_idx" ON "ExchangeMessage"("approvedById");
CREATE INDEX "ExchangeMessage_deliveredById_idx" ON "ExchangeMessage"("deliveredById");
CREATE INDEX "ExchangeMessageEdit_messageId_createdAt_idx" ON "ExchangeMessageEdit"("messageId", "createdAt");
CREATE INDEX "ExchangeMessageEdit_editedById_idx" ON "ExchangeMessageEdit"("editedById");
CREATE INDEX "ExchangeChoice_caseId_participantId_createdAt_idx" ON "ExchangeChoice"("caseId", "participantId", "createdAt");
CREATE INDEX "ExchangeChoice_participantId_idx" ON "ExchangeChoice"("participantId");
CREATE INDEX "ExchangeChoice_recordedById_idx" ON "ExchangeChoice"("recordedById");
CREATE TRIGGER "ExchangeMessage_no_update" BEFORE UPDATE ON "ExchangeMessage"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
  AND (
    NEW."caseId" IS NOT OLD."caseId" OR NEW."fromId" IS NOT OLD."fromId" OR NEW."toId" IS NOT OLD."toId"
    OR NEW."inReplyToId" IS NOT OLD."inReplyToId" OR NEW."kind" IS NOT OLD."kind" OR NEW."gatheredBy" IS NOT OLD."gatheredBy"
    OR NEW."gatheredOn" IS NOT OLD."gatheredOn" OR NEW."text" IS NOT OLD."text" OR NEW."senderConsent" IS NOT OLD."senderConsent"
    OR NEW."consentWording" IS NOT OLD."consentWording" OR NEW."recordedById" IS NOT OLD."recordedById" OR NEW."createdAt" IS NOT OLD."createdAt"
    OR (OLD."approvedAt" IS NOT NULL AND (NEW."approvedAt" IS NOT OLD."approvedAt" OR NEW."approvedById" IS NOT OLD."approvedById"))
    OR (OLD."deliveredAt" IS NOT NULL AND (NEW."deliveredAt" IS NOT OLD."deliveredAt" OR NEW."deliveredById" IS NOT OLD."deliveredById"
      OR NEW."deliveryMethod" IS NOT OLD."deliveryMethod" OR NEW."deliveredOn" IS NOT OLD."deliveredOn"))
    OR (OLD."status" = 'APPROVED' AND NEW."status" = 'RECORDED')
    OR (OLD."status" = 'DELIVERED' AND NEW."status" IS NOT 'DELIVERED')
  )
BEGIN SELECT RAISE(ABORT, 'ExchangeMessage is append-only: only its approval and delivery are recorded, once each'); END;
CREATE TRIGGER "ExchangeMessage_no_delete" BEFORE DELETE ON "ExchangeMessage"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ExchangeMessage is append-only'); END;
CREATE TRIGGER "ExchangeMessageEdit_no_update" BEFORE UPDATE ON "ExchangeMessageEdit"
BEGIN SELECT RAISE(ABORT, 'ExchangeMessageEdit is append-only'); END;
CREATE TRIGGER "ExchangeMessageEdit_no_delete" BEFORE DELETE ON "ExchangeMessageEdit"
WHEN NOT EXISTS (
  SELECT 1 FROM "CaseDisposal" d JOIN "ExchangeMessage" m ON m."caseId" = d."caseId" WHERE d."state" = 'RUNNING' AND m."id" = OLD."messageId"
)
BEGIN SELECT RAISE(ABORT, 'ExchangeMessageEdit is append-only'); END;
CREATE TRIGGER "ExchangeChoice_no_update" BEFORE UPDATE ON "ExchangeChoice"
BEGIN SELECT RAISE(ABORT, 'ExchangeChoice is append-only'); END;
CREATE TRIGGER "ExchangeChoice_no_delete" BEFORE DELETE ON "ExchangeChoice"
WHEN NOT EXISTS (SELECT 1 FROM "CaseDisposal" WHERE "state" = 'RUNNING' AND "caseId" = OLD."caseId")
BEGIN SELECT RAISE(ABORT, 'ExchangeChoice is append-only'); END;
