// Apart from audit-schemas.ts because the audit pages render with these, and the schemas bring zod
// into a page's download.

/** Entries per page of an audit trail (the case trail and the failed sign-ins). */
export const AUDIT_PAGE_SIZE = 50;

/** A case trail's filter, as the page shows it and audit-schemas.ts's AuditFilterSchema reads it. */
export type AuditFilter = { page: number; person: string; action: string; from: string; to: string };
export const NO_FILTER: AuditFilter = { page: 1, person: "", action: "", from: "", to: "" };
export const AUDIT_FILTER_FIELDS = ["page", "person", "action", "from", "to"] as const;

/** The filter as query parameters (empty ones left out), for links that keep it: pages, the CSV. */
export function filterParams(filter: Partial<AuditFilter>, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["person", "action", "from", "to"] as const) if (filter[key]) params.set(key, filter[key]!);
  if (page && page > 1) params.set("page", String(page));
  return params;
}
