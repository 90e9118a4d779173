/** Room geometry and vocabulary of the seating plan, shared by the model, templates and canvas. */
export const ROOM = { width: 1000, height: 700 } as const;
export const SEAT_RADIUS = 34;
export const MAX_SEATS = 200;

export const SEAT_KINDS = ["chair", "facilitator", "observer"] as const;
export type SeatKind = (typeof SEAT_KINDS)[number];
export const TEMPLATES = ["circle", "table", "rows"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export type Point = { x: number; y: number };
export type Rect = { x: number; y: number; w: number; h: number };

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Keeps a whole seat inside the room. */
export function clampSeat(p: Point): Point {
  return { x: clamp(p.x, SEAT_RADIUS, ROOM.width - SEAT_RADIUS), y: clamp(p.y, SEAT_RADIUS, ROOM.height - SEAT_RADIUS) };
}

/** The door is drawn 80 × 44 around its point: keep all of it on the plan. */
export function clampDoor(p: Point): Point {
  return { x: clamp(p.x, 40, ROOM.width - 40), y: clamp(p.y, 22, ROOM.height - 22) };
}

export const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
