-- A party's own sign-in for writing messages between the parties themselves (ExchangeWriter).
-- The new enum values (ExchangeDeliveryMethod.IN_WORKSPACE, NotificationKind.EXCHANGE_WRITTEN) are TEXT in SQLite: nothing to alter.
-- CreateTable
CREATE TABLE "ExchangeWriter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "recipientLabel" TEXT NOT NULL,
    "inviteCodeHash" TEXT,
    "inviteExpiresAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "closedById" TEXT,
    CONSTRAINT "ExchangeWriter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeWriter_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeWriter_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Participant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeWriter_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeWriter_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangeWriter_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExchangeWriter_caseId_idx" ON "ExchangeWriter"("caseId");

-- CreateIndex
CREATE INDEX "ExchangeWriter_participantId_idx" ON "ExchangeWriter"("participantId");

-- CreateIndex
CREATE INDEX "ExchangeWriter_recipientId_idx" ON "ExchangeWriter"("recipientId");

-- CreateIndex
CREATE INDEX "ExchangeWriter_authorId_idx" ON "ExchangeWriter"("authorId");

-- CreateIndex
CREATE INDEX "ExchangeWriter_createdById_idx" ON "ExchangeWriter"("createdById");

-- CreateIndex
CREATE INDEX "ExchangeWriter_closedById_idx" ON "ExchangeWriter"("closedById");

