-- Youth cases and professionals (README, Decisions 2026-12-07): a participant's date of birth or,
-- when it is not known, an age band; a professional's kind and agency; parents and guardians
-- linked to a child; and a parent or guardian's consent recorded for a child in the same ledger.

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN "dateOfBirth" TEXT;
ALTER TABLE "Participant" ADD COLUMN "ageBand" TEXT;
ALTER TABLE "Participant" ADD COLUMN "professionalType" TEXT;
ALTER TABLE "Participant" ADD COLUMN "organisation" TEXT NOT NULL DEFAULT '';

-- AlterTable
-- ADD COLUMN, not a rebuilt table: rebuilding "ConsentEntry" would drop its append-only trigger
-- (20261125100000_case_preparation), and adding a column is not an UPDATE of any row.
ALTER TABLE "ConsentEntry" ADD COLUMN "guardianId" TEXT REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "ParticipantGuardian" (
    "guardianId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("guardianId", "childId"),
    CONSTRAINT "ParticipantGuardian_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParticipantGuardian_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ParticipantGuardian_childId_idx" ON "ParticipantGuardian"("childId");

-- CreateIndex
CREATE INDEX "ConsentEntry_guardianId_idx" ON "ConsentEntry"("guardianId");
