import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for the case-preparation routes (people), spread into ROUTE_MATRIX.
 * Every POST body must be invalid or inert so no cell changes anything.
 */
export const PEOPLE_ROUTES: Record<string, RouteRow> = {};
