-- CreateTable
CREATE TABLE "CollabUpdate" (
    "docName" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("docName", "seq")
);

-- CreateTable
CREATE TABLE "CollabSnapshot" (
    "docName" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "state" BLOB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

