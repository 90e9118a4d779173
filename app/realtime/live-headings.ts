import * as Y from "yjs";

/** The Y.Map in the notes document recording which step changes already have a heading. */
export const HEADINGS_MAP = "liveHeadings";
/** The notes editor's fragment (Collaboration.configure({ field: "notes" })). */
const NOTES_FIELD = "notes";

type Entry = { conferenceId: string; version: number; stepId: string };
export type HeadingTarget = Entry & { title: string };

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
export const headingText = (title: string, at: number) => `${title} (${clock.format(new Date(at))})`;

/**
 * Adds "<step title> (HH:mm)" as an H3 at the end of a case's notes, once per step change. The
 * server calls it when the lead moves to a new step (server/app.ts, through the collab server's
 * changeDocument), so the heading is there whether or not a scribe tablet is connected. The record
 * of done headings lives in the same Yjs document and is written in the same transaction as the
 * heading, so it is never added twice. Returns whether it wrote anything.
 */
export function insertStepHeading(doc: Y.Doc, target: HeadingTarget, now: number): boolean {
  const map = doc.getMap<Entry>(HEADINGS_MAP);
  const key = `${target.conferenceId}:${target.version}`;
  if (map.has(key)) return false;
  // The newest recorded heading of this conference already names this step (e.g. a reload after a
  // speaker change, which bumps the version but not the step): nothing to add.
  let latest: Entry | null = null;
  for (const entry of map.values()) {
    if (entry.conferenceId === target.conferenceId && (!latest || entry.version > latest.version)) latest = entry;
  }
  if (latest && (latest.version > target.version || latest.stepId === target.stepId)) return false;
  const fragment = doc.getXmlFragment(NOTES_FIELD);
  doc.transact(() => {
    map.set(key, { conferenceId: target.conferenceId, version: target.version, stepId: target.stepId });
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", 3 as unknown as string);
    heading.insert(0, [new Y.XmlText(headingText(target.title, now))]);
    const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null;
    const emptyLast = last instanceof Y.XmlElement && last.nodeName === "paragraph" && last.length === 0;
    // Keep (or add) an empty paragraph under the heading: that is where the scribe types next.
    if (emptyLast) fragment.insert(fragment.length - 1, [heading]);
    else fragment.insert(fragment.length, [heading, new Y.XmlElement("paragraph")]);
  }, "live-heading");
  return true;
}
