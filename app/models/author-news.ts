/**
 * What is new to a letter author since they last opened one of their own pages (docs/architecture.md
 * §4, "What is new to an author"): pure, so the navigation's counts and the pages' "New" marks answer
 * the same question the same way. Which items an author may see at all is decided elsewhere
 * (`writerSees` for messages; the pages' own queries for comments): this only compares times.
 */

export type Stamp = Date | string;

/**
 * Whether something that reached them at `at` is new to someone who last looked at `seenAt`. Never
 * having looked makes everything new; something with no time of arrival is new only then.
 */
export function isNewSince(at: Stamp | null, seenAt: Stamp | null): boolean {
  if (seenAt === null) return true;
  if (at === null) return false;
  return new Date(at).getTime() > new Date(seenAt).getTime();
}

/** How many of these arrived since they last looked. */
export function countNewSince(times: readonly (Stamp | null)[], seenAt: Stamp | null): number {
  return times.filter((at) => isNewSince(at, seenAt)).length;
}

/** The counts the root loader gives an author's navigation: one per page of theirs. */
export type AuthorNews = { letters: number; messages: number; worksheets: number };

/** A navigation link's words for a count ("1 new"), or null when there is nothing new. */
export function newWords(count: number): string | null {
  return count > 0 ? `${count} new` : null;
}
