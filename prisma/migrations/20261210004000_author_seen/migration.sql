-- What is new to an author since they last looked: when they last opened their letter, their
-- message workspace and each worksheet. Nullable columns added in place: every existing row starts
-- NULL ("never looked"), so what is already there counts as new until its author next opens the
-- page. No data is moved or dropped, and no table is rebuilt.
ALTER TABLE "Letter" ADD COLUMN "authorSeenAt" DATETIME;
ALTER TABLE "ExchangeWriter" ADD COLUMN "seenAt" DATETIME;
ALTER TABLE "ProgrammeWorksheet" ADD COLUMN "seenAt" DATETIME;
