-- Sign-in throttling replaces the account lock (README, Decisions 2026-12-07): failed attempts
-- are counted per budget in "SignInThrottle" (keys are SHA-256 hashes), and a browser that has
-- signed in to an account before ("KnownDevice") has a budget of its own for that account. The
-- lock's columns on "User" go: nothing reads them any more.

-- CreateTable
CREATE TABLE "KnownDevice" (
    "deviceHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstSignInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("deviceHash", "userId"),
    CONSTRAINT "KnownDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" DATETIME NOT NULL,
    "waitUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "KnownDevice_userId_idx" ON "KnownDevice"("userId");

-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailureAt_idx" ON "SignInThrottle"("lastFailureAt");

-- The lock's columns (SQLite 3.35+ drops a column in place; neither is indexed or referenced).
ALTER TABLE "User" DROP COLUMN "failedSignIns";
ALTER TABLE "User" DROP COLUMN "lockedUntil";
