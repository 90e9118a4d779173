import type { Ref } from "react";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { ROOM, SEAT_RADIUS, type Attendee, type Seat, type SeatingView } from "./seating-model";
import type { Mode } from "./use-seating-interactions";

type Props = {
  view: SeatingView;
  people: Map<string, Attendee>;
  mode: Mode;
  readOnly: boolean;
  selected: string | null;
  selectedSeat: string | null;
  preview: { id: string; at: { x: number; y: number } } | null;
  svgRef: Ref<SVGSVGElement>;
  onSeatPointerDown(e: React.PointerEvent, seat: Seat): void;
  onSeatClick(seat: Seat): void;
  onSeatKeyDown(e: React.KeyboardEvent, seat: Seat): void;
  onDoorPointerDown(e: React.PointerEvent): void;
};

const KIND_LABEL = { chair: "", facilitator: "Facil.", observer: "Obs." } as const;
/** Short enough to sit under a seat without touching the next one. */
const SHORT_ROLE = { PERSON_HARMED: "Harmed", PERSON_RESPONSIBLE: "Responsible", SUPPORTER: "Supporter", COMMUNITY_MEMBER: "Community", PROFESSIONAL: "Professional" } as const;
/** A seat fits about ten letters: a long name shows its first word (the full name is in the label and print list). */
function shortName(name: string) {
  if (name.length <= 10) return name;
  const first = name.split(/\s+/)[0] ?? name;
  return first.length <= 10 ? first : `${first.slice(0, 9)}…`;
}

function seatLabel(seat: Seat, person: Attendee | undefined) {
  const what = person ? `${person.name}, ${PARTICIPANT_ROLE_LABELS[person.role].toLowerCase()}` : seat.kind === "facilitator" ? "facilitator's seat" : "empty";
  return `Seat ${seat.n}${seat.kind === "observer" ? " (observer)" : ""}: ${what}`;
}

/** The room drawn to scale (SVG, 1000 × 700 units) with its seats, door, table and observer circle. */
export function SeatingCanvas(props: Props) {
  const { view, people, mode, readOnly, selected, selectedSeat, preview } = props;
  const interactive = !readOnly;
  const centre = { x: ROOM.width / 2, y: ROOM.height / 2 };
  return (
    <svg
      ref={props.svgRef}
      className={`seating-canvas mode-${mode}${readOnly ? " read-only" : ""}`}
      viewBox={`0 0 ${ROOM.width} ${ROOM.height}`}
      role="group"
      aria-label="Room plan"
      data-testid="seating-canvas"
    >
      <rect className="room" x={2} y={2} width={ROOM.width - 4} height={ROOM.height - 4} rx={12} />
      {view.observerRing !== null ? <circle className="observer-ring" cx={centre.x} cy={centre.y} r={view.observerRing} /> : null}
      {view.table ? <rect className="table" x={view.table.x} y={view.table.y} width={view.table.w} height={view.table.h} rx={10} /> : null}
      {view.door ? (
        <g
          className={`door${mode === "arrange" && interactive ? " movable" : ""}`}
          transform={`translate(${view.door.x} ${view.door.y})`}
          onPointerDown={props.onDoorPointerDown}
          data-testid="door"
        >
          <rect x={-40} y={-22} width={80} height={44} rx={6} />
          <text y={6}>Door</text>
        </g>
      ) : null}
      {view.seats.map((seat) => {
        const at = preview?.id === seat.id ? preview.at : seat;
        const pid = view.occupantOf.get(seat.id);
        const person = pid ? people.get(pid) : undefined;
        const isSelected = mode === "arrange" ? selectedSeat === seat.id : !!pid && selected === pid;
        const classes = ["seat", seat.kind, person ? "taken" : "free", isSelected ? "selected" : "", selected && !person && seat.kind !== "facilitator" ? "target" : ""];
        return (
          <g
            key={seat.id}
            className={classes.filter(Boolean).join(" ")}
            transform={`translate(${Math.round(at.x)} ${Math.round(at.y)})`}
            data-seat-id={seat.id}
            data-seat-number={seat.n}
            data-occupant={person?.name ?? ""}
            role={interactive ? "button" : "img"}
            tabIndex={interactive ? 0 : undefined}
            aria-label={seatLabel(seat, person)}
            aria-pressed={interactive ? isSelected : undefined}
            onPointerDown={(e) => props.onSeatPointerDown(e, seat)}
            onClick={() => props.onSeatClick(seat)}
            onKeyDown={(e) => props.onSeatKeyDown(e, seat)}
          >
            <circle r={SEAT_RADIUS} />
            <text className="seat-number" y={-14}>
              {seat.n}
            </text>
            {person ? (
              <text className="seat-name" y={9}>
                {shortName(person.name)}
              </text>
            ) : (
              <text className="seat-kind" y={8}>
                {KIND_LABEL[seat.kind]}
              </text>
            )}
            {person ? (
              <text className="seat-role" y={SEAT_RADIUS + 16}>
                {SHORT_ROLE[person.role]}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
