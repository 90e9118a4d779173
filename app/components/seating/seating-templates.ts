import { clampSeat, ROOM, type Point, type Rect, type SeatKind, type TemplateName } from "./seating-geometry";

export type TemplateLayout = { seats: (Point & { kind: SeatKind })[]; door: Point; table: Rect | null };

const CENTRE = { x: ROOM.width / 2, y: ROOM.height / 2 };
/** Centre-to-centre distance of neighbouring seats: two seats of radius 34 and a gap. */
const SPACING = 100;
/** Where the door is when a template is picked: the top wall, near the left corner. */
export const DEFAULT_DOOR: Point = { x: 110, y: 22 };

/**
 * A starting layout for `people` chairs including the two facilitators. Facilitators sit
 * opposite each other in a circle, at the ends of a table, or at the ends between two rows.
 */
export function templateLayout(name: TemplateName, people: number): TemplateLayout {
  const n = Math.max(4, Math.min(40, Math.round(people)));
  if (name === "circle") return circle(n);
  if (name === "table") return table(n);
  return rows(n);
}

function circle(n: number): TemplateLayout {
  const radius = Math.min(ROOM.height / 2 - 60, Math.max(200, SPACING / (2 * Math.sin(Math.PI / n))));
  const opposite = Math.floor(n / 2);
  const seats = Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const at = clampSeat({ x: CENTRE.x + radius * Math.cos(angle), y: CENTRE.y + radius * Math.sin(angle) });
    return { ...at, kind: (i === 0 || i === opposite ? "facilitator" : "chair") as SeatKind };
  });
  return { seats, door: DEFAULT_DOOR, table: null };
}

function table(n: number): TemplateLayout {
  const perSide = Math.ceil((n - 2) / 2);
  const w = Math.min(ROOM.width - 260, Math.max(200, perSide * SPACING));
  const h = 160;
  const rect = { x: CENTRE.x - w / 2, y: CENTRE.y - h / 2, w, h };
  const side = (count: number, y: number) => Array.from({ length: count }, (_, i) => ({ ...clampSeat({ x: rect.x + (w * (i + 0.5)) / count, y }), kind: "chair" as SeatKind }));
  const seats = [
    { ...clampSeat({ x: rect.x - 60, y: CENTRE.y }), kind: "facilitator" as SeatKind },
    ...side(perSide, rect.y - 55),
    { ...clampSeat({ x: rect.x + w + 60, y: CENTRE.y }), kind: "facilitator" as SeatKind },
    ...side(n - 2 - perSide, rect.y + h + 55),
  ];
  return { seats, door: DEFAULT_DOOR, table: rect };
}

function rows(n: number): TemplateLayout {
  const perRow = Math.ceil((n - 2) / 2);
  const width = (perRow - 1) * SPACING;
  const row = (count: number, y: number) => Array.from({ length: count }, (_, i) => ({ ...clampSeat({ x: CENTRE.x - width / 2 + i * SPACING, y }), kind: "chair" as SeatKind }));
  const seats = [
    { ...clampSeat({ x: CENTRE.x - width / 2 - SPACING, y: CENTRE.y }), kind: "facilitator" as SeatKind },
    ...row(perRow, CENTRE.y - 100),
    { ...clampSeat({ x: CENTRE.x + width / 2 + SPACING, y: CENTRE.y }), kind: "facilitator" as SeatKind },
    ...row(n - 2 - perRow, CENTRE.y + 100),
  ];
  return { seats, door: DEFAULT_DOOR, table: null };
}
