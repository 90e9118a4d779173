import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { beginDrag, dropTargetAt, roomPoint, type DragHandlers } from "./seating-drag";
import { moveSeat, placeParticipant, removeSeat, setDoor, unplace, type Attendee, type Point, type Seat, type SeatingView } from "./seating-model";

export type Mode = "place" | "arrange";
export type Ghost = { name: string; x: number; y: number } | null;
type Args = { doc: Y.Doc | null; view: SeatingView | null; attendees: Attendee[]; readOnly: boolean; svg: React.RefObject<SVGSVGElement> };

const MOVE_WRITE_MS = 120;
const ARROWS: Record<string, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };
export const describePerson = (p: Attendee) => `${p.name} (${PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()})`;

/**
 * Everything a finger, mouse or keyboard does to the plan: select a person then a seat (tap or
 * Enter/Space), drag people and seats, move the door, announce each outcome for screen readers.
 */
export function useSeatingInteractions({ doc, view, attendees, readOnly, svg }: Args) {
  const [mode, setMode] = useState<Mode>("place");
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedSeat, setSelectedSeat] = useState<string | null>(null);
  const [ghost, setGhost] = useState<Ghost>(null);
  const [preview, setPreview] = useState<{ id: string; at: Point } | null>(null);
  const [message, setMessage] = useState("");
  const suppressClick = useRef(false);
  const byId = useMemo(() => new Map(attendees.map((a) => [a.id, a])), [attendees]);
  const seatName = (seat: Seat) => `seat ${seat.n}`;

  const place = useCallback(
    (pid: string, seat: Seat) => {
      if (!doc || !view) return;
      const person = byId.get(pid);
      if (seat.kind === "facilitator") return setMessage(`Seat ${seat.n} is a facilitator's seat. Choose another seat.`);
      const previous = view.occupantOf.get(seat.id);
      if (!person || !placeParticipant(doc, attendees, pid, seat.id)) return;
      const swapped = previous && previous !== pid ? byId.get(previous) : undefined;
      setMessage(`${person.name} placed on ${seatName(seat)}.${swapped ? ` ${swapped.name} moved ${view.seatOf.has(pid) ? "to their old seat" : "to the tray"}.` : ""}`);
      setSelected(null);
    },
    [doc, view, attendees, byId],
  );

  const toTray = useCallback(
    (pid: string) => {
      if (!doc) return;
      unplace(doc, pid);
      setMessage(`${byId.get(pid)?.name ?? "They"} moved to the tray.`);
      setSelected(null);
    },
    [doc, byId],
  );

  const selectPerson = (pid: string) => {
    if (readOnly || suppressClick.current) return;
    const person = byId.get(pid);
    if (selected === pid || !person) {
      setSelected(null);
      return setMessage("Selection cleared.");
    }
    setSelected(pid);
    setMessage(`${describePerson(person)} selected. Choose a seat, or press Escape to cancel.`);
  };

  const activateSeat = (seat: Seat) => {
    if (readOnly || suppressClick.current || !view) return;
    if (mode === "arrange") {
      setSelectedSeat(selectedSeat === seat.id ? null : seat.id);
      return setMessage(`Seat ${seat.n} ${selectedSeat === seat.id ? "deselected" : "selected: use the arrow keys to move it"}.`);
    }
    if (selected) return place(selected, seat);
    const occupant = view.occupantOf.get(seat.id);
    if (occupant) return selectPerson(occupant);
    setMessage("Select a person first, then choose their seat.");
  };

  const activateTray = () => {
    if (!readOnly && selected && view?.seatOf.has(selected)) toTray(selected);
  };

  const drag = (e: React.PointerEvent, handlers: DragHandlers) => {
    if (readOnly) return;
    beginDrag(e, {
      onMove: handlers.onMove,
      onEnd: (client, moved) => {
        if (moved) {
          suppressClick.current = true;
          setTimeout(() => (suppressClick.current = false), 50);
        }
        handlers.onEnd(client, moved);
      },
    });
  };

  const dragPerson = (e: React.PointerEvent, pid: string) => {
    const person = byId.get(pid);
    if (!person) return;
    drag(e, {
      onMove: (c) => setGhost({ name: person.name, ...c }),
      onEnd: (c, moved) => {
        setGhost(null);
        if (!moved) return;
        const target = dropTargetAt(c);
        const seat = target && "seatId" in target ? view?.seats.find((s) => s.id === target.seatId) : undefined;
        if (seat) place(pid, seat);
        else if (target && "tray" in target) toTray(pid);
      },
    });
  };

  const dragSeat = (e: React.PointerEvent, seat: Seat) => {
    if (mode === "place") {
      const occupant = view?.occupantOf.get(seat.id);
      if (occupant) dragPerson(e, occupant);
      return;
    }
    let lastWrite = 0;
    drag(e, {
      onMove: (c) => {
        const at = roomPoint(svg.current, c);
        if (!at || !doc) return;
        setPreview({ id: seat.id, at });
        if (Date.now() - lastWrite > MOVE_WRITE_MS) {
          moveSeat(doc, seat.id, at);
          lastWrite = Date.now();
        }
      },
      onEnd: (c, moved) => {
        const at = roomPoint(svg.current, c);
        if (moved && at && doc) moveSeat(doc, seat.id, at);
        setPreview(null);
        if (moved) setMessage(`Seat ${seat.n} moved.`);
      },
    });
  };

  const dragDoor = (e: React.PointerEvent) => {
    if (mode !== "arrange") return;
    drag(e, {
      onMove: (c) => {
        const at = roomPoint(svg.current, c);
        if (at && doc) setDoor(doc, at);
      },
      onEnd: () => setMessage("Door moved."),
    });
  };

  const seatKey = (e: React.KeyboardEvent, seat: Seat) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      return activateSeat(seat);
    }
    if (mode !== "arrange" || readOnly || !doc || selectedSeat !== seat.id) return;
    const dir = ARROWS[e.key];
    if (dir) {
      e.preventDefault();
      const step = e.shiftKey ? 40 : 10;
      moveSeat(doc, seat.id, { x: seat.x + dir.x * step, y: seat.y + dir.y * step });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      removeSeat(doc, seat.id);
      setSelectedSeat(null);
      setMessage(`Seat ${seat.n} removed.`);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || (!selected && !selectedSeat)) return;
      setSelected(null);
      setSelectedSeat(null);
      setMessage("Cancelled.");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected, selectedSeat]);

  const switchMode = (next: Mode) => {
    setMode(next);
    setSelected(null);
    setSelectedSeat(null);
    setMessage(next === "place" ? "Placing people." : "Arranging the room: drag seats and the door, or select a seat.");
  };

  return {
    mode,
    switchMode,
    selected,
    selectedSeat,
    setSelectedSeat,
    ghost,
    preview,
    message,
    setMessage,
    selectPerson,
    activateSeat,
    activateTray,
    dragPerson,
    dragSeat,
    dragDoor,
    seatKey,
  };
}
