-- The collab journal: every update is appended here first, in arrival order (a rowid table, no
-- index), so a group commit of updates to hundreds of documents writes the one or two pages at the
-- journal's end, instead of one page per document in "CollabUpdate"'s (docName, seq) b-tree.
-- Rows already covered by a document's snapshot are deleted from the journal's old end; the few
-- that are not yet covered move to "CollabUpdate" (server/collab/storage.ts; README, Decisions
-- 2026-12-05). "id" is the rowid.
CREATE TABLE "CollabJournal" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "docName" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
