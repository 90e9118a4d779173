import * as Y from "yjs";
import { blockKey, flatField, idKey, insertFlat, type FlatField } from "./flat-store";
import { MARKER, PARAGRAPH_KEY, PLAIN_KEY, readBlockAttrs } from "./flat-text";
import { once } from "~/utils/once";

/** The Y.Map in the notes document recording which step changes already have a heading. */
export const HEADINGS_MAP = "liveHeadings";
/** The notes editor's field (flat-store.ts). */
const NOTES_FIELD = "notes";

type Entry = { conferenceId: string; version: number; stepId: string };
export type HeadingTarget = Entry & { title: string };

const clock = once(() => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" }));
export const headingText = (title: string, at: number) => `${title} (${clock().format(new Date(at))})`;

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
  const field = flatField(doc, NOTES_FIELD);
  const emptyLast = endsWithEmptyParagraph(field);
  doc.transact(() => {
    map.set(key, { conferenceId: target.conferenceId, version: target.version, stepId: target.stepId });
    // Keep (or add) an empty paragraph under the heading: that is where the scribe types next. The
    // heading goes before that paragraph's marker, so whatever the scribe is typing in it stays below.
    const at = emptyLast ? field.chars.length - 1 : field.chars.length;
    const title = headingText(target.title, now);
    insertFlat(field, at, MARKER + title, [blockKey({ block: "heading", level: 3 }), ...Array<string>(title.length).fill(PLAIN_KEY)]);
    if (!emptyLast) insertFlat(field, field.chars.length, MARKER, [PARAGRAPH_KEY]);
  }, "live-heading");
  return true;
}

/** Whether the notes end with an empty plain paragraph: looks at the last character only (the notes can be long). */
function endsWithEmptyParagraph({ chars, attrs }: FlatField): boolean {
  const n = chars.length;
  if (n === 0 || chars.get(n - 1) !== MARKER) return false;
  const id = Y.createRelativePositionFromTypeIndex(chars, n - 1).item;
  const block = readBlockAttrs(id ? (attrs.get(idKey(id.client, id.clock)) as Record<string, unknown> | undefined) : undefined);
  return block.block === "paragraph" && !block.list;
}
