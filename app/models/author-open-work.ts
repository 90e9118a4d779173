import type { Prisma } from "@prisma/client";

/**
 * An author's open work, one rule for each kind, used everywhere the question is asked: what their
 * pages list, what their navigation counts (author-news.server.ts), and whether they may sign in at
 * all (sign-in.server.ts). Open means not closed (nor destroyed, for a letter), the person it was
 * opened for still on the case, and the case not disposed of.
 */

/** Their letters: what /letters lists and "My letter" counts. */
export const ownOpenLetters = (authorId: string) =>
  ({ authorId, closedAt: null, destroyedAt: null, writer: { removedAt: null }, case: { disposedAt: null } }) satisfies Prisma.LetterWhereInput;

/** Their message workspaces: what /messages shows and "My messages" counts. */
export const ownOpenWriters = (authorId: string) =>
  ({ authorId, closedAt: null, party: { removedAt: null }, case: { disposedAt: null } }) satisfies Prisma.ExchangeWriterWhereInput;

/** Their worksheets: what /worksheets shows and "My worksheets" counts. */
export const ownOpenWorksheets = (authorId: string) =>
  ({ authorId, closedAt: null, participant: { removedAt: null }, case: { disposedAt: null } }) satisfies Prisma.ProgrammeWorksheetWhereInput;
