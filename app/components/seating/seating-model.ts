import * as Y from "yjs";
import type { ParticipantRole } from "~/utils/preparation";
import { clamp, clampDoor, clampSeat, MAX_SEATS, ROOM, SEAT_KINDS, TEMPLATES, type Point, type Rect, type SeatKind, type TemplateName } from "./seating-geometry";

/**
 * The shared room plan `conference:<id>:seating`, pure: the Y.Doc layout, a validated
 * view derived from untrusted content, conflict repair and edits. The doc holds three maps:
 *   seats:      seatId → { x, y, kind, n, g }   (n: the seat's number, g: the layout generation)
 *   placements: participantId → seatId          (one entry per person, so nobody can be lost)
 *   room:       generation, template, door, table, observerRing
 * Two people claiming one seat cannot be prevented across tablets, so the view keeps one claim
 * deterministically (the smallest participant id), shows the other in the tray, and any
 * write-capable client repairs the data the same way (idempotent).
 */
const MAX_ID = 64;

export type Seat = Point & { id: string; kind: SeatKind; n: number };
export type Attendee = { id: string; name: string; role: ParticipantRole; supportsId: string | null };

export type SeatingView = {
  seats: Seat[];
  door: Point | null;
  table: Rect | null;
  observerRing: number | null;
  template: TemplateName | null;
  /** participantId → seatId, only valid, winning placements of attendees. */
  seatOf: Map<string, string>;
  /** seatId → participantId. */
  occupantOf: Map<string, string>;
  /** Attendees without a seat, in attendee order. */
  tray: Attendee[];
  /** Claims that lost a seat to another participant (shown in the tray until repaired). */
  conflicts: { participantId: string; seatId: string }[];
};

export const seatsOf = (doc: Y.Doc) => doc.getMap<unknown>("seats");
export const placementsOf = (doc: Y.Doc) => doc.getMap<unknown>("placements");
export const roomOf = (doc: Y.Doc) => doc.getMap<unknown>("room");

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType) && !(v instanceof Uint8Array);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const validId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= MAX_ID;

function readPoint(v: unknown): Point | null {
  if (!isRecord(v)) return null;
  const x = num(v.x);
  const y = num(v.y);
  return x === null || y === null ? null : { x: clamp(x, 0, ROOM.width), y: clamp(y, 0, ROOM.height) };
}

function readRect(v: unknown): Rect | null {
  const p = readPoint(v);
  if (!p || !isRecord(v)) return null;
  const w = num(v.w);
  const h = num(v.h);
  if (w === null || h === null) return null;
  return { ...p, w: clamp(w, 0, ROOM.width - p.x), h: clamp(h, 0, ROOM.height - p.y) };
}

export function readGeneration(doc: Y.Doc): string {
  const g = roomOf(doc).get("generation");
  return validId(g) ? g : "";
}

function readSeat(id: string, v: unknown, generation: string): Seat | null {
  if (!validId(id) || !isRecord(v)) return null;
  if ((validId(v.g) ? v.g : "") !== generation) return null;
  const x = num(v.x);
  const y = num(v.y);
  if (x === null || y === null) return null;
  const kind = SEAT_KINDS.includes(v.kind as SeatKind) ? (v.kind as SeatKind) : "chair";
  const n = num(v.n);
  return { id, ...clampSeat({ x, y }), kind, n: n === null ? 0 : clamp(Math.round(n), 0, 9999) };
}

/** The seats the view shows: well-formed, of the current layout, at most MAX_SEATS, by number. */
export function readSeats(doc: Y.Doc): Seat[] {
  const generation = readGeneration(doc);
  const seats: Seat[] = [];
  seatsOf(doc).forEach((v, id) => {
    const seat = readSeat(id, v, generation);
    if (seat) seats.push(seat);
  });
  seats.sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return seats.slice(0, MAX_SEATS);
}

/** Valid claims per seat among attendees; the smallest participant id keeps a contested seat. */
function resolveClaims(doc: Y.Doc, seats: Seat[], attendeeIds: readonly string[]) {
  const seatable = new Set(seats.filter((s) => s.kind !== "facilitator").map((s) => s.id));
  const placements = placementsOf(doc);
  const seatOf = new Map<string, string>();
  const occupantOf = new Map<string, string>();
  const conflicts: { participantId: string; seatId: string }[] = [];
  for (const pid of [...new Set(attendeeIds)].sort()) {
    const seatId = placements.get(pid);
    if (typeof seatId !== "string" || !seatable.has(seatId)) continue;
    if (occupantOf.has(seatId)) {
      conflicts.push({ participantId: pid, seatId });
      continue;
    }
    occupantOf.set(seatId, pid);
    seatOf.set(pid, seatId);
  }
  return { seatOf, occupantOf, conflicts };
}

export function deriveView(doc: Y.Doc, attendees: readonly Attendee[]): SeatingView {
  const seats = readSeats(doc);
  const room = roomOf(doc);
  const { seatOf, occupantOf, conflicts } = resolveClaims(
    doc,
    seats,
    attendees.map((a) => a.id),
  );
  const ring = num(room.get("observerRing"));
  const template = room.get("template");
  return {
    seats,
    door: ((p) => (p ? clampDoor(p) : null))(readPoint(room.get("door"))),
    table: readRect(room.get("table")),
    observerRing: ring === null ? null : clamp(ring, 0, ROOM.width / 2),
    template: TEMPLATES.includes(template as TemplateName) ? (template as TemplateName) : null,
    seatOf,
    occupantOf,
    tray: attendees.filter((a) => !seatOf.has(a.id)),
    conflicts,
  };
}

/** What repairSeating would delete: malformed or stale seats, and placements the view rejects. */
export function repairPlan(doc: Y.Doc, attendeeIds: readonly string[]): { seats: string[]; placements: string[] } {
  const generation = readGeneration(doc);
  const seats = [...seatsOf(doc).entries()].filter(([id, v]) => !readSeat(id, v, generation)).map(([id]) => id);
  const kept = readSeats(doc);
  const seatable = new Set(kept.filter((s) => s.kind !== "facilitator").map((s) => s.id));
  const placements = [...placementsOf(doc).entries()].filter(([, seatId]) => typeof seatId !== "string" || !seatable.has(seatId)).map(([pid]) => pid);
  for (const { participantId } of resolveClaims(doc, kept, attendeeIds).conflicts) placements.push(participantId);
  return { seats, placements };
}

/**
 * Makes the data match the view (see repairPlan). Idempotent, and two clients repairing at once
 * delete the same entries. Returns the number of changes.
 */
export function repairSeating(doc: Y.Doc, attendeeIds: readonly string[]): number {
  const plan = repairPlan(doc, attendeeIds);
  const changes = plan.seats.length + plan.placements.length;
  if (changes === 0) return 0;
  doc.transact(() => {
    plan.seats.forEach((id) => seatsOf(doc).delete(id));
    plan.placements.forEach((id) => placementsOf(doc).delete(id));
  }, "repair");
  return changes;
}

export * from "./seating-geometry";
export { addSeat, applyTemplate, moveSeat, placeParticipant, removeSeat, setDoor, setSeatKind, toggleObserverRing, unplace } from "./seating-edits";
export { adjacency, seatingHints, type SeatingHint } from "./seating-hints";
export { templateLayout } from "./seating-templates";
