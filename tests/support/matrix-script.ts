import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the live-conference routes (script), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const SCRIPT_ROUTES: Record<string, RouteRow> = {};
