import { db } from "~/utils/db.server";
import { countNewSince, type AuthorNews } from "./author-news";
import { serviceDate } from "./case-record-dates";
import type { ExchangeStatus } from "./exchange-labels";
import { newToWriterCount } from "./exchange-rules";
import { newestExchangeChoice } from "./exchange.server";
import { ownOpenWriters } from "./exchange-writer.server";
import { ownOpenLetters } from "./letter.server";
import { ownOpenWorksheets } from "./worksheet-author.server";

/**
 * What is new to a letter author since they last opened each of their pages (docs/architecture.md
 * §4): the counts on their navigation, and the record of when they looked. Each count reads what
 * its page would show (the same open letters, workspaces and worksheets; the same comments; the
 * messages `writerSees` lets through), so a count never tells of anything the page would not show.
 */

/** The counts for "My letter", "My messages" and "My worksheets", and each open letter's own. */
export async function getAuthorNews(authorId: string, today = serviceDate()): Promise<AuthorNews & { byLetter: Record<string, number> }> {
  const [letters, writers, worksheets] = await Promise.all([
    db.letter.findMany({
      where: ownOpenLetters(authorId),
      // As the letter page shows them: a resolved comment is no longer shown to the author.
      select: { id: true, authorSeenAt: true, comments: { where: { resolvedAt: null }, select: { createdAt: true } } },
    }),
    db.exchangeWriter.findMany({ where: ownOpenWriters(authorId), select: { caseId: true, participantId: true, seenAt: true } }),
    db.programmeWorksheet.findMany({ where: ownOpenWorksheets(authorId), select: { seenAt: true, comments: { select: { createdAt: true } } } }),
  ]);
  const byLetter = Object.fromEntries(letters.map((l) => [l.id, countNewSince(createdTimes(l.comments), l.authorSeenAt)]));
  let messages = 0;
  for (const w of writers) {
    // Every message addressed to them, whatever its state: which of them they may see is writerSees' to say.
    const [addressed, choice] = await Promise.all([
      db.exchangeMessage.findMany({ where: { caseId: w.caseId, toId: w.participantId }, select: { fromId: true, toId: true, status: true, deliveredAt: true } }),
      newestExchangeChoice(db, w.caseId, w.participantId),
    ]);
    messages += newToWriterCount(
      addressed.map((m) => ({ ...m, status: m.status as ExchangeStatus })),
      w.participantId,
      choice,
      today,
      w.seenAt,
    );
  }
  return {
    letters: Object.values(byLetter).reduce((a, b) => a + b, 0),
    messages,
    worksheets: worksheets.reduce((n, w) => n + countNewSince(createdTimes(w.comments), w.seenAt), 0),
    byLetter,
  };
}

const createdTimes = (rows: { createdAt: Date }[]) => rows.map((r) => r.createdAt);

/*
 * The author opening their own page records that they have seen what it shows: called only from
 * those pages' loaders, after the check that the page is theirs, so a GET by the author alone moves
 * it (staff never open these pages). Each returns when they had last looked, for the page's "New"
 * marks, and stamps the time before the page reads what it shows: something arriving while it
 * reads is marked new now and counted again next time, never lost. Not a change of the case's
 * records: the page view is audited as before, and nothing more.
 */

/** The author opens their message workspace. */
export async function markWriterSeen(writerId: string): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const { seenAt } = await tx.exchangeWriter.findUniqueOrThrow({ where: { id: writerId }, select: { seenAt: true } });
    await tx.exchangeWriter.update({ where: { id: writerId }, data: { seenAt: new Date() }, select: { id: true } });
    return seenAt;
  });
}

/** The author opens their letter. Its updatedAt stays as it was: looking at a letter does not change it. */
export async function markLetterSeen(letterId: string): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const { authorSeenAt, updatedAt } = await tx.letter.findUniqueOrThrow({ where: { id: letterId }, select: { authorSeenAt: true, updatedAt: true } });
    await tx.letter.update({ where: { id: letterId }, data: { authorSeenAt: new Date(), updatedAt }, select: { id: true } });
    return authorSeenAt;
  });
}

/** The author opens their worksheets (each one shown). Its updatedAt stays as it was, as a letter's. */
export async function markWorksheetSeen(worksheetId: string): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const { seenAt, updatedAt } = await tx.programmeWorksheet.findUniqueOrThrow({ where: { id: worksheetId }, select: { seenAt: true, updatedAt: true } });
    await tx.programmeWorksheet.update({ where: { id: worksheetId }, data: { seenAt: new Date(), updatedAt }, select: { id: true } });
    return seenAt;
  });
}
