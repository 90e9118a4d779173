import type { CaseRole, StaffRole } from "./roles";

/**
 * The one permission vocabulary of Circle (DESIGN.md §4). Pure: callers load the facts
 * (the user's staff role and their membership of the case) and ask. Deny by default.
 * Used by Remix loaders/actions, Socket.IO handlers and the collab upgrade alike.
 */
export type Principal = { id: string; role: StaffRole; serviceId: string };

export type CaseResource = {
  kind: "case";
  caseId: string;
  serviceId: string;
  /** The principal's role on this case, or null when not a member. */
  membership: CaseRole | null;
};
export type ServiceResource = { kind: "service"; serviceId: string };
export type Resource = CaseResource | ServiceResource;

export type CaseAction =
  | "case:view" // see the case overview and its content
  | "case:edit" // change case data (participants, consent, contacts, risk, stage, scheduling)
  | "case:approve" // record the case supervisor's decision on a risk assessment
  | "case:audit" // read the case's audit trail
  | "case:assign" // add or remove case members
  | "case:subscribe" // receive the case's live events
  | "notes:write"
  | "notes:read"
  | "live:chair" // run a live conference: start, advance, jump, pause, end, lock the seating plan
  | "live:assist" // during a live conference: call a break, name the speaker
  | "live:follow" // see a live conference's state as it happens
  | "seating:write"
  | "seating:read"
  | "script:edit"; // tailor a conference's script before it starts
export type ServiceAction = "service:manage-users" | "service:list-cases";
export type Action = CaseAction | ServiceAction;

const CASE_RULES: Record<CaseAction, (user: Principal, c: CaseResource) => boolean> = {
  "case:view": (_u, c) => c.membership !== null,
  "case:edit": (_u, c) => isFacilitatorOf(c),
  "case:approve": (u, c) => c.membership === "SUPERVISOR" && u.role === "SUPERVISOR",
  "case:audit": (u) => u.role === "ADMIN",
  "case:assign": (u) => u.role === "ADMIN",
  "case:subscribe": (_u, c) => c.membership !== null,
  "notes:write": (_u, c) => isFacilitatorOf(c),
  "notes:read": (_u, c) => c.membership !== null,
  "live:chair": (_u, c) => c.membership === "LEAD",
  "live:assist": (_u, c) => isFacilitatorOf(c),
  "live:follow": (_u, c) => c.membership !== null,
  "seating:write": (_u, c) => isFacilitatorOf(c),
  "seating:read": (_u, c) => c.membership !== null,
  "script:edit": (_u, c) => isFacilitatorOf(c),
};

const SERVICE_RULES: Record<ServiceAction, (user: Principal) => boolean> = {
  "service:manage-users": (u) => u.role === "ADMIN",
  "service:list-cases": (u) => u.role === "ADMIN",
};

function isFacilitatorOf(c: CaseResource): boolean {
  return c.membership === "LEAD" || c.membership === "CO_FACILITATOR";
}

export function can(user: Principal | null, action: Action, resource: Resource): boolean {
  if (!user || user.serviceId !== resource.serviceId) return false;
  // Own properties only: "constructor" or "toString" must never find a rule.
  if (resource.kind === "case") {
    return Object.hasOwn(CASE_RULES, action) && CASE_RULES[action as CaseAction](user, resource) === true;
  }
  return Object.hasOwn(SERVICE_RULES, action) && SERVICE_RULES[action as ServiceAction](user) === true;
}
