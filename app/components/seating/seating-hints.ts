import { distance } from "./seating-geometry";
import type { Attendee, Seat, SeatingView } from "./seating-model";

export type SeatingHint = { id: string; text: string };

/** Seats closer than this many times either seat's nearest-neighbour distance are "next to" each other. */
const NEIGHBOUR_FACTOR = 1.35;
/** However sparse the room, seats further apart than this are never neighbours. */
const NEIGHBOUR_MAX = 260;

/** Which seats sit next to which: relative to local spacing, so it holds for circles, tables and rows. */
export function adjacency(seats: readonly Seat[]): Map<string, Set<string>> {
  const nearest = new Map<string, number>();
  for (const a of seats) {
    let best = Infinity;
    for (const b of seats) if (a.id !== b.id) best = Math.min(best, distance(a, b));
    nearest.set(a.id, best);
  }
  const out = new Map<string, Set<string>>(seats.map((s) => [s.id, new Set<string>()]));
  for (const a of seats) {
    for (const b of seats) {
      if (a.id === b.id) continue;
      const d = distance(a, b);
      const limit = Math.min(NEIGHBOUR_MAX, NEIGHBOUR_FACTOR * Math.min(nearest.get(a.id)!, nearest.get(b.id)!));
      if (d <= limit) out.get(a.id)!.add(b.id);
    }
  }
  return out;
}

/**
 * Safety hints for the facilitators (they warn, never block): the person harmed next to the
 * person responsible, a supporter away from the person they support, and the person harmed not
 * nearest the door when the current risk assessment asks for it.
 */
export function seatingHints(view: SeatingView, attendees: readonly Attendee[], risk: { harmedNearDoor: boolean }): SeatingHint[] {
  const hints: SeatingHint[] = [];
  const seatById = new Map(view.seats.map((s) => [s.id, s]));
  const seatOf = (p: Attendee) => seatById.get(view.seatOf.get(p.id) ?? "");
  const near = adjacency(view.seats);
  const nextTo = (a: Attendee, b: Attendee) => {
    const sa = seatOf(a);
    const sb = seatOf(b);
    return !!sa && !!sb && near.get(sa.id)!.has(sb.id);
  };
  const harmed = attendees.filter((a) => a.role === "PERSON_HARMED");
  const responsible = attendees.filter((a) => a.role === "PERSON_RESPONSIBLE");
  for (const h of harmed) {
    for (const r of responsible) {
      if (nextTo(h, r)) hints.push({ id: `adjacent:${h.id}:${r.id}`, text: `${h.name} (person harmed) sits next to ${r.name} (person responsible).` });
    }
  }
  for (const s of attendees) {
    const supported = s.role === "SUPPORTER" && s.supportsId ? attendees.find((a) => a.id === s.supportsId) : undefined;
    if (supported && seatOf(s) && seatOf(supported) && !nextTo(s, supported)) {
      hints.push({ id: `support:${s.id}`, text: `${s.name} is not beside ${supported.name}, the person they support.` });
    }
  }
  if (risk.harmedNearDoor) hints.push(...doorHints(view, attendees, harmed, seatOf));
  return hints;
}

function doorHints(view: SeatingView, attendees: readonly Attendee[], harmed: Attendee[], seatOf: (p: Attendee) => Seat | undefined): SeatingHint[] {
  const door = view.door;
  if (!door) return [{ id: "door:missing", text: "The risk assessment asks for the person harmed to sit nearest the door: mark the door on the plan." }];
  const placed = attendees.map((a) => ({ a, seat: seatOf(a) })).filter((p): p is { a: Attendee; seat: Seat } => !!p.seat);
  const out: SeatingHint[] = [];
  for (const h of harmed) {
    const own = seatOf(h);
    if (!own) continue;
    const closer = placed.filter((p) => p.a.id !== h.id && distance(p.seat, door) < distance(own, door)).sort((x, y) => distance(x.seat, door) - distance(y.seat, door));
    if (closer[0]) out.push({ id: `door:${h.id}`, text: `The risk assessment asks for ${h.name} (person harmed) to sit nearest the door; ${closer[0].a.name} is closer.` });
  }
  return out;
}
