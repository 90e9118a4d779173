-- The collab update log as a WITHOUT ROWID table: each row lives once, in (docName, seq) order, in
-- the primary key's b-tree, instead of in a rowid table plus an index that repeats docName and seq.
-- A document's log is then one range of one b-tree; a cold load of a 100,000-update log reads
-- 40% fewer pages (README, Decisions 2026-12-04). Prisma's schema cannot say WITHOUT ROWID, so it
-- is said here; the columns and key are unchanged.
CREATE TABLE "new_CollabUpdate" (
    "docName" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("docName", "seq")
) WITHOUT ROWID;
INSERT INTO "new_CollabUpdate" ("docName", "seq", "data", "createdAt") SELECT "docName", "seq", "data", "createdAt" FROM "CollabUpdate";
DROP TABLE "CollabUpdate";
ALTER TABLE "new_CollabUpdate" RENAME TO "CollabUpdate";
