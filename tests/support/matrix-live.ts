import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the live-conference routes (live), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const LIVE_ROUTES: Record<string, RouteRow> = {};
