import { useEffect, useMemo, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { deriveView, repairPlan, repairSeating, type Attendee, type SeatingView } from "./seating-model";

/**
 * The validated view of the shared plan, re-derived on every change. A write-capable tablet
 * repairs contested seats once it is in sync with the server (both tablets repair identically).
 */
export function useSeatingView(doc: Y.Doc | null, provider: WebsocketProvider | null, attendees: Attendee[], canWrite: boolean): SeatingView | null {
  const [view, setView] = useState<SeatingView | null>(null);
  const ids = useMemo(() => attendees.map((a) => a.id), [attendees]);

  useEffect(() => {
    if (!doc) return;
    let pending = false;
    const repairSoon = () => {
      if (!canWrite || pending || !provider?.synced) return;
      const plan = repairPlan(doc, ids);
      if (plan.seats.length + plan.placements.length === 0) return;
      pending = true;
      // Outside the update event: a new transaction of its own.
      setTimeout(() => {
        pending = false;
        repairSeating(doc, ids);
      }, 0);
    };
    const refresh = () => {
      setView(deriveView(doc, attendees));
      repairSoon();
    };
    refresh();
    doc.on("update", refresh);
    provider?.on("sync", refresh);
    return () => {
      doc.off("update", refresh);
      provider?.off("sync", refresh);
    };
  }, [doc, provider, attendees, ids, canWrite]);

  return view;
}
