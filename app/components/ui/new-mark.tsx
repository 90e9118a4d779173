import { useEffect, useState } from "react";

/**
 * What was new when the author opened the page, and what has arrived since while it stays open.
 * The page's data is read again every few seconds, and by then the server has recorded it seen, so
 * an item marked "New" keeps its mark until they leave the page instead of losing it at the next
 * refresh.
 */
export function useKeptNew(newIds: readonly string[]): ReadonlySet<string> {
  const [kept, setKept] = useState<ReadonlySet<string>>(() => new Set(newIds));
  const key = newIds.join(" ");
  useEffect(() => {
    if (key) setKept((k) => (key.split(" ").every((id) => k.has(id)) ? k : new Set([...k, ...key.split(" ")])));
  }, [key]);
  return new Set([...kept, ...newIds]);
}

/** The mark beside something new. */
export function NewMark() {
  return <span className="badge new">New</span>;
}
