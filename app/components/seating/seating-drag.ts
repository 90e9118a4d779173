import type { Point } from "./seating-geometry";

/** Movement (px) before a press becomes a drag; below it the press is a tap (handled as a click). */
const DRAG_THRESHOLD = 8;

export type DragHandlers = {
  onMove(client: Point): void;
  /** `moved` false: the press was a tap; nothing was dragged. */
  onEnd(client: Point, moved: boolean): void;
};

/**
 * Follows one pointer (mouse, pen or finger) from pointerdown to pointerup through window
 * listeners, so it keeps working when the pressed element re-renders or moves.
 * Returns nothing; call from onPointerDown. The element needs `touch-action: none`.
 */
export function beginDrag(event: React.PointerEvent, handlers: DragHandlers): void {
  if (event.button !== 0) return;
  const id = event.pointerId;
  const start = { x: event.clientX, y: event.clientY };
  let moved = false;
  const move = (e: PointerEvent) => {
    if (e.pointerId !== id) return;
    if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < DRAG_THRESHOLD) return;
    moved = true;
    e.preventDefault();
    handlers.onMove({ x: e.clientX, y: e.clientY });
  };
  const end = (e: PointerEvent) => {
    if (e.pointerId !== id) return;
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", end);
    window.removeEventListener("pointercancel", end);
    handlers.onEnd({ x: e.clientX, y: e.clientY }, moved && e.type === "pointerup");
  };
  window.addEventListener("pointermove", move, { passive: false });
  window.addEventListener("pointerup", end);
  window.addEventListener("pointercancel", end);
}

/** The drop target under a point: a seat (by id), the tray, or nothing. */
export function dropTargetAt(client: Point): { seatId: string } | { tray: true } | null {
  const el = document.elementFromPoint(client.x, client.y)?.closest<HTMLElement | SVGElement>("[data-seat-id], [data-drop-tray]");
  if (!el) return null;
  const seatId = el.getAttribute("data-seat-id");
  return seatId ? { seatId } : { tray: true };
}

/** Converts a screen point to room coordinates of the plan's SVG. */
export function roomPoint(svg: SVGSVGElement | null, client: Point): Point | null {
  const matrix = svg?.getScreenCTM();
  if (!svg || !matrix) return null;
  const p = new DOMPoint(client.x, client.y).matrixTransform(matrix.inverse());
  return { x: p.x, y: p.y };
}
