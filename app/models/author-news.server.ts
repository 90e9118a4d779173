import { db } from "~/utils/db.server";
import { countNewSince, type AuthorNews } from "./author-news";
import { serviceDate } from "./case-record-dates";
import type { ExchangeStatus } from "./exchange-labels";
import { newToWriterCount } from "./exchange-rules";
import { newestExchangeChoice } from "./exchange.server";
import { ownOpenLetters, ownOpenWorksheets, ownOpenWriters } from "./author-open-work";

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
 * it (staff never open these pages). A look is two steps. `startLook` says when they had last looked
 * (for the page's "New" marks) and takes the time before the page reads what it shows; `endLook`
 * then stamps that time, so something arriving while the page reads is marked new now and counted
 * again next time, never lost. It writes only when the page showed something new since the stamp,
 * or there was none: the letter and message pages refresh themselves every few seconds, and an
 * unchanged page is not a reason to write. Whatever the page did not mark new is not counted either
 * (the counts and the marks use the same rules), so a stamp left where it was changes no count.
 * Not a change of the case's records: the page view is audited as before, and nothing more.
 */

/** The rows an author page stamps: their message workspace, their letter, each of their worksheets. */
export type SeenRow = "writer" | "letter" | "worksheet";
export type Look = { row: SeenRow; id: string; lastSeen: Date | null; at: Date };

export async function startLook(row: SeenRow, id: string): Promise<Look> {
  const at = new Date();
  const lastSeen =
    row === "writer"
      ? (await db.exchangeWriter.findUniqueOrThrow({ where: { id }, select: { seenAt: true } })).seenAt
      : row === "letter"
        ? (await db.letter.findUniqueOrThrow({ where: { id }, select: { authorSeenAt: true } })).authorSeenAt
        : (await db.programmeWorksheet.findUniqueOrThrow({ where: { id }, select: { seenAt: true } })).seenAt;
  return { row, id, lastSeen, at };
}

/**
 * `showedNew`: the page marked something new. The stamp only moves forward (a slower look that
 * started earlier does not take it back). A letter's or worksheet's updatedAt stays as it was:
 * looking at it does not change it.
 */
export async function endLook(look: Look, showedNew: boolean): Promise<void> {
  if (look.lastSeen && !showedNew) return;
  const earlier = {
    OR: [
      { id: look.id, seenAt: null },
      { id: look.id, seenAt: { lt: look.at } },
    ],
  };
  if (look.row === "writer") {
    await db.exchangeWriter.updateMany({ where: earlier, data: { seenAt: look.at } });
  } else if (look.row === "letter") {
    await db.$transaction(async (tx) => {
      const { updatedAt } = await tx.letter.findUniqueOrThrow({ where: { id: look.id }, select: { updatedAt: true } });
      await tx.letter.updateMany({
        where: {
          OR: [
            { id: look.id, authorSeenAt: null },
            { id: look.id, authorSeenAt: { lt: look.at } },
          ],
        },
        data: { authorSeenAt: look.at, updatedAt },
      });
    });
  } else {
    await db.$transaction(async (tx) => {
      const { updatedAt } = await tx.programmeWorksheet.findUniqueOrThrow({ where: { id: look.id }, select: { updatedAt: true } });
      await tx.programmeWorksheet.updateMany({ where: earlier, data: { seenAt: look.at, updatedAt } });
    });
  }
}
