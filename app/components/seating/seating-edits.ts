import type * as Y from "yjs";
import { clamp, clampDoor, clampSeat, distance, MAX_SEATS, ROOM, type Point, type SeatKind, type TemplateName } from "./seating-geometry";
import { deriveView, placementsOf, readGeneration, readSeats, roomOf, seatsOf, type Attendee, type Seat } from "./seating-model";
import { templateLayout } from "./seating-templates";

/** Edits of the seating document. Each is one transaction, so the other tablet sees it whole. */
const newId = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
const CENTRE = { x: ROOM.width / 2, y: ROOM.height / 2 };
const RING_ANGLES = [45, 135, 225, 315].map((deg) => (deg * Math.PI) / 180);

const writeSeat = (doc: Y.Doc, seat: Seat) => seatsOf(doc).set(seat.id, { x: Math.round(seat.x), y: Math.round(seat.y), kind: seat.kind, n: seat.n, g: readGeneration(doc) });

/**
 * Replaces the whole plan: a new layout generation (seats of an older or concurrently applied
 * layout stop counting), everyone back in the tray. `people` includes the two facilitators.
 */
export function applyTemplate(doc: Y.Doc, name: TemplateName | "empty", people: number, generation = newId()): void {
  const layout = name === "empty" ? null : templateLayout(name, people);
  doc.transact(() => {
    seatsOf(doc).clear();
    placementsOf(doc).clear();
    const room = roomOf(doc);
    room.set("generation", generation);
    room.set("template", name === "empty" ? null : name);
    room.set("door", layout?.door ?? null);
    room.set("table", layout?.table ?? null);
    room.set("observerRing", null);
    layout?.seats.forEach((s, i) => seatsOf(doc).set(`${generation}-${i + 1}`, { x: Math.round(s.x), y: Math.round(s.y), kind: s.kind, n: i + 1, g: generation }));
  });
}

/** Adds a seat (numbered after the highest); null when the plan already has MAX_SEATS. */
export function addSeat(doc: Y.Doc, at: Point, kind: SeatKind = "chair"): string | null {
  const seats = readSeats(doc);
  if (seats.length >= MAX_SEATS) return null;
  const id = newId();
  const n = seats.reduce((max, s) => Math.max(max, s.n), 0) + 1;
  writeSeat(doc, { id, ...clampSeat(at), kind, n });
  return id;
}

export function moveSeat(doc: Y.Doc, seatId: string, to: Point): void {
  const seat = readSeats(doc).find((s) => s.id === seatId);
  if (seat) writeSeat(doc, { ...seat, ...clampSeat(to) });
}

const vacate = (doc: Y.Doc, seatId: string) =>
  placementsOf(doc).forEach((v, pid) => {
    if (v === seatId) placementsOf(doc).delete(pid);
  });

/** Facilitators' seats hold no participant: anyone sitting there goes back to the tray. */
export function setSeatKind(doc: Y.Doc, seatId: string, kind: SeatKind): void {
  const seat = readSeats(doc).find((s) => s.id === seatId);
  if (!seat) return;
  doc.transact(() => {
    writeSeat(doc, { ...seat, kind });
    if (kind === "facilitator") vacate(doc, seatId);
  });
}

export function removeSeat(doc: Y.Doc, seatId: string): void {
  doc.transact(() => {
    seatsOf(doc).delete(seatId);
    vacate(doc, seatId);
  });
}

export function setDoor(doc: Y.Doc, at: Point | null): void {
  const door = at ? clampDoor(at) : null;
  roomOf(doc).set("door", door ? { x: Math.round(door.x), y: Math.round(door.y) } : null);
}

/** Adds an outer circle with four observer seats, or removes it and its observer seats. */
export function toggleObserverRing(doc: Y.Doc, attendees: readonly Attendee[]): void {
  const view = deriveView(doc, attendees);
  doc.transact(() => {
    if (view.observerRing !== null) {
      roomOf(doc).set("observerRing", null);
      view.seats.filter((s) => s.kind === "observer").forEach((s) => removeSeat(doc, s.id));
      return;
    }
    const inner = view.seats.filter((s) => s.kind !== "observer").map((s) => distance(s, CENTRE));
    const radius = Math.round(clamp(Math.max(0, ...inner) + 100, 200, ROOM.height / 2 - 20));
    roomOf(doc).set("observerRing", radius);
    RING_ANGLES.forEach((a) => addSeat(doc, { x: CENTRE.x + radius * Math.cos(a), y: CENTRE.y + radius * Math.sin(a) }, "observer"));
  });
}

/**
 * Puts a participant on a seat. Whoever sat there swaps to the participant's old seat (or the
 * tray), so a deliberate move never leaves two people on one chair. False when not possible.
 */
export function placeParticipant(doc: Y.Doc, attendees: readonly Attendee[], participantId: string, seatId: string): boolean {
  const view = deriveView(doc, attendees);
  const seat = view.seats.find((s) => s.id === seatId);
  if (!seat || seat.kind === "facilitator" || !attendees.some((a) => a.id === participantId)) return false;
  const occupant = view.occupantOf.get(seatId);
  const previous = view.seatOf.get(participantId);
  doc.transact(() => {
    const placements = placementsOf(doc);
    if (occupant && occupant !== participantId) {
      if (previous) placements.set(occupant, previous);
      else placements.delete(occupant);
    }
    placements.set(participantId, seatId);
  });
  return true;
}

export function unplace(doc: Y.Doc, participantId: string): void {
  placementsOf(doc).delete(participantId);
}
