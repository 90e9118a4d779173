import { useState } from "react";
import type * as Y from "yjs";
import {
  addSeat,
  applyTemplate,
  removeSeat,
  ROOM,
  setDoor,
  setSeatKind,
  SEAT_KINDS,
  toggleObserverRing,
  type Attendee,
  type SeatingView,
  type SeatKind,
  type TemplateName,
} from "./seating-model";
import { DEFAULT_DOOR } from "./seating-templates";
import type { Mode } from "./use-seating-interactions";

type Props = {
  doc: Y.Doc;
  view: SeatingView;
  attendees: Attendee[];
  mode: Mode;
  onMode(mode: Mode): void;
  selectedSeat: string | null;
  onSeatRemoved(): void;
  announce(message: string): void;
};

const TEMPLATE_NAMES: Record<TemplateName | "empty", string> = { circle: "Circle of chairs", table: "Rectangular table", rows: "Two rows", empty: "Empty room" };
const KIND_NAMES: Record<SeatKind, string> = { chair: "Participant", facilitator: "Facilitator", observer: "Observer" };

/** Mode switch, and in "Arrange room" the template picker and the tools for seats and the door. */
export function SeatingToolbar({ doc, view, attendees, mode, onMode, selectedSeat, onSeatRemoved, announce }: Props) {
  const [template, setTemplate] = useState<TemplateName | "empty">("circle");
  const seat = view.seats.find((s) => s.id === selectedSeat);
  const useTemplate = () => {
    const seated = view.seatOf.size;
    if (seated > 0 && !window.confirm(`Start again from "${TEMPLATE_NAMES[template]}"? Everyone goes back to the tray.`)) return;
    applyTemplate(doc, template, attendees.length + 2);
    announce(`${TEMPLATE_NAMES[template]} set up with ${template === "empty" ? "no" : attendees.length + 2} seats.`);
  };
  return (
    <div className="seating-toolbar" role="toolbar" aria-label="Seating plan tools">
      <div className="segmented" role="group" aria-label="Mode">
        <button type="button" aria-pressed={mode === "place"} className={mode === "place" ? "" : "secondary"} onClick={() => onMode("place")}>
          Place people
        </button>
        <button type="button" aria-pressed={mode === "arrange"} className={mode === "arrange" ? "" : "secondary"} onClick={() => onMode("arrange")}>
          Arrange room
        </button>
      </div>
      {mode === "arrange" ? (
        <>
          <div className="template-picker">
            <label htmlFor="seating-template" className="visually-hidden">
              Layout
            </label>
            <select id="seating-template" value={template} onChange={(e) => setTemplate(e.target.value as TemplateName | "empty")}>
              {Object.entries(TEMPLATE_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
            <button type="button" className="secondary" onClick={useTemplate}>
              Use layout
            </button>
          </div>
          <button
            type="button"
            className="secondary"
            onClick={() => (addSeat(doc, { x: ROOM.width / 2, y: ROOM.height / 2 }) ? announce("Seat added in the middle of the room.") : announce("The plan is full."))}
          >
            Add seat
          </button>
          <button type="button" className="secondary" onClick={() => toggleObserverRing(doc, attendees)}>
            {view.observerRing === null ? "Add observer circle" : "Remove observer circle"}
          </button>
          <button type="button" className="secondary" onClick={() => setDoor(doc, view.door ? null : DEFAULT_DOOR)}>
            {view.door ? "Remove door" : "Add door"}
          </button>
          {seat ? (
            <div className="seat-tools" role="group" aria-label={`Seat ${seat.n}`}>
              <span className="seat-tools-label">Seat {seat.n}:</span>
              {SEAT_KINDS.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  aria-pressed={seat.kind === kind}
                  className={seat.kind === kind ? "" : "secondary"}
                  onClick={() => setSeatKind(doc, seat.id, kind)}
                >
                  {KIND_NAMES[kind]}
                </button>
              ))}
              <button
                type="button"
                className="danger"
                onClick={() => {
                  removeSeat(doc, seat.id);
                  onSeatRemoved();
                  announce(`Seat ${seat.n} removed.`);
                }}
              >
                Remove seat
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
