-- Letters both ways: a letter may answer another (a reply, written by the recipient of a delivered
-- letter to its writer). Existing letters answer none: the column starts NULL for every row, and no
-- data is moved or dropped. Added in place (SQLite allows a nullable column with a foreign key), so
-- the Letter table and the triggers of the tables around it are left as they were.
ALTER TABLE "Letter" ADD COLUMN "replyToId" TEXT REFERENCES "Letter" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Letter_replyToId_idx" ON "Letter"("replyToId");
