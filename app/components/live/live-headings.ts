import { useEffect, useRef, useState } from "react";
import type { LiveState } from "~/realtime/live-machine";
import type { CollabDocument } from "~/realtime/use-collab-document";
import * as Y from "yjs";

/** The Y.Map in the notes document recording which step changes already have a heading. */
export const HEADINGS_MAP = "liveHeadings";
/** The notes editor's fragment (Collaboration.configure({ field: "notes" })). */
const NOTES_FIELD = "notes";

type Entry = { conferenceId: string; version: number; stepId: string };
type Target = Entry & { title: string };

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
export const headingText = (title: string, at: number) => `${title} (${clock.format(new Date(at))})`;

/**
 * Adds "<step title> (HH:mm)" as an H3 at the end of the notes, once per step change. The record
 * of done headings lives in the same Yjs document and is written in the same transaction as the
 * heading, so a reload or a second scribe tablet that has synced never adds it again. Returns
 * whether it wrote anything.
 */
export function insertStepHeading(doc: Y.Doc, target: Target, now: number): boolean {
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

/**
 * The scribe tablet's side of "notes are anchored to questions": when the current step changes,
 * a heading is due; it is written as soon as the notes are connected and synced (at once, or on
 * reconnecting). A short random wait lets a second scribe tablet's heading arrive first.
 */
export function useLiveHeadings(opts: {
  enabled: boolean;
  conferenceId: string;
  state: LiveState;
  titleOf: (stepId: string) => string | null;
  now: () => number;
  collab: CollabDocument | null;
}) {
  const { enabled, conferenceId, state, titleOf, now, collab } = opts;
  const [due, setDue] = useState<Target | null>(null);
  const lastStep = useRef<string | null>(null);
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const stepId = state.currentStepId;
    const running = state.status === "LIVE" || state.status === "PAUSED";
    if (!enabled || !stepId || !running || stepId === lastStep.current) return;
    const title = titleOf(stepId);
    if (!title) return; // the script is reloading; try again when it is here
    lastStep.current = stepId;
    setDue({ conferenceId, version: state.version, stepId, title });
  }, [enabled, conferenceId, state.currentStepId, state.status, state.version, titleOf]);

  const provider = collab?.provider ?? null;
  useEffect(() => {
    if (!provider) return setSynced(false);
    const update = () => setSynced(provider.wsconnected && provider.synced);
    update();
    provider.on("sync", update);
    provider.on("status", update);
    return () => {
      provider.off("sync", update);
      provider.off("status", update);
    };
  }, [provider]);

  const doc = collab?.doc ?? null;
  useEffect(() => {
    if (!due || !doc || !synced) return;
    const timer = window.setTimeout(() => {
      insertStepHeading(doc, due, now());
      setDue((current) => (current === due ? null : current));
    }, Math.random() * 250);
    return () => window.clearTimeout(timer);
  }, [due, doc, synced, now]);
}
