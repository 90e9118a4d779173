import { describe, expect, it } from "vitest";
import {
  can,
  capabilitiesOf,
  type Action,
  type CaseAction,
  type CaseResource,
  type LetterAction,
  type LetterResource,
  type Principal,
  type ServiceAction,
  type WorksheetResource,
} from "~/utils/permissions";
import type { CaseRole, StaffRole } from "~/utils/roles";

const SERVICE = "svc-a";
const OTHER_SERVICE = "svc-b";

const person = (role: StaffRole, serviceId = SERVICE): Principal => ({ id: `user-${role}`, role, serviceId });
const caseFor = (membership: CaseRole | null, serviceId = SERVICE): CaseResource => ({ kind: "case", caseId: "case-1", serviceId, membership });
const service = (serviceId = SERVICE) => ({ kind: "service" as const, serviceId });

const CASE_ACTIONS: CaseAction[] = [
  "case:view",
  "case:edit",
  "case:read-record",
  "case:edit-details",
  "case:close",
  "case:reopen",
  "case:approve",
  "case:audit",
  "case:assign",
  "case:subject-access",
  "case:rectify",
  "case:subscribe",
  "notes:write",
  "notes:read",
  "live:chair",
  "live:assist",
  "live:follow",
  "seating:write",
  "seating:read",
  "script:edit",
  "letter:open",
  "agreement:read",
  "agreement:draft",
  "agreement:review",
  "feedback:read",
  "feedback:record",
  "exchange:read",
  "exchange:record",
  "programme:read",
  "programme:record",
  "programme:override",
];
const SERVICE_ACTIONS: ServiceAction[] = [
  "service:manage-users",
  "service:list-cases",
  "service:overview",
  "service:create-case",
  "service:manage-scripts",
  "service:manage-programmes",
  "service:read-sign-ins",
  "service:manage-retention",
  "service:approval-queue",
  "service:review-queue",
  "service:legal-hold",
  "service:dispose",
  "reports:view",
  "reports:export",
  "reports:whole-service",
];
const SERVICE_MATRIX: Record<ServiceAction, { admin: boolean; supervisor: boolean; facilitator: boolean }> = {
  "service:manage-users": { admin: true, supervisor: false, facilitator: false },
  "service:list-cases": { admin: true, supervisor: false, facilitator: false },
  "service:overview": { admin: true, supervisor: false, facilitator: false },
  "service:create-case": { admin: true, supervisor: false, facilitator: true },
  "service:manage-scripts": { admin: true, supervisor: false, facilitator: false },
  "service:manage-programmes": { admin: true, supervisor: false, facilitator: false },
  "service:read-sign-ins": { admin: true, supervisor: false, facilitator: false },
  "service:manage-retention": { admin: true, supervisor: false, facilitator: false },
  "service:approval-queue": { admin: false, supervisor: true, facilitator: false },
  "service:review-queue": { admin: false, supervisor: true, facilitator: false },
  "service:legal-hold": { admin: true, supervisor: false, facilitator: false },
  "service:dispose": { admin: true, supervisor: false, facilitator: false },
  "reports:view": { admin: true, supervisor: true, facilitator: false },
  "reports:export": { admin: true, supervisor: true, facilitator: false },
  "reports:whole-service": { admin: true, supervisor: false, facilitator: false },
};

// Who may do what on a case of their own service. Every action, every relationship to the case.
const CASE_MATRIX: Record<CaseAction, { lead: boolean; co: boolean; supervisor: boolean; nonMember: boolean; admin: boolean }> = {
  "case:view": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "case:edit": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "case:read-record": { lead: true, co: true, supervisor: true, nonMember: false, admin: true },
  "case:edit-details": { lead: true, co: true, supervisor: false, nonMember: false, admin: true },
  "case:close": { lead: true, co: true, supervisor: false, nonMember: false, admin: true },
  "case:reopen": { lead: false, co: false, supervisor: false, nonMember: false, admin: true },
  "case:approve": { lead: false, co: false, supervisor: true, nonMember: false, admin: false },
  "case:audit": { lead: false, co: false, supervisor: false, nonMember: false, admin: true },
  "case:assign": { lead: false, co: false, supervisor: false, nonMember: false, admin: true },
  // Only the manager answers a subject access request; the case supervisor does not correct records.
  "case:subject-access": { lead: false, co: false, supervisor: false, nonMember: false, admin: true },
  "case:rectify": { lead: true, co: true, supervisor: false, nonMember: false, admin: true },
  "case:subscribe": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "notes:write": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "notes:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "live:chair": { lead: true, co: false, supervisor: false, nonMember: false, admin: false },
  "live:assist": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "live:follow": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "seating:write": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "seating:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "script:edit": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "letter:open": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "agreement:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "agreement:draft": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "agreement:review": { lead: false, co: false, supervisor: true, nonMember: false, admin: false },
  // Participants' feedback: the team reads it, the facilitators take it; the manager (on no team) neither.
  "feedback:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "feedback:record": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  // Shuttle messages: the team reads them, the facilitators record, review and pass them on.
  "exchange:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "exchange:record": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  // The programme: the team reads it, the facilitators run it, only the case supervisor overrides its gate.
  "programme:read": { lead: true, co: true, supervisor: true, nonMember: false, admin: false },
  "programme:record": { lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  "programme:override": { lead: false, co: false, supervisor: true, nonMember: false, admin: false },
};

describe("can(): the one permission vocabulary", () => {
  describe.each(CASE_ACTIONS)("%s on a case", (action) => {
    const expected = CASE_MATRIX[action];

    it("follows the rule for the lead, co-facilitator and case supervisor", () => {
      expect(can(person("FACILITATOR"), action, caseFor("LEAD"))).toBe(expected.lead);
      expect(can(person("FACILITATOR"), action, caseFor("CO_FACILITATOR"))).toBe(expected.co);
      expect(can(person("SUPERVISOR"), action, caseFor("SUPERVISOR"))).toBe(expected.supervisor);
    });

    it("follows the rule for staff who are not on the case", () => {
      expect(can(person("FACILITATOR"), action, caseFor(null))).toBe(expected.nonMember);
      expect(can(person("SUPERVISOR"), action, caseFor(null))).toBe(expected.nonMember);
    });

    it("follows the rule for the service manager (admin), who is never a case member", () => {
      expect(can(person("ADMIN"), action, caseFor(null))).toBe(expected.admin);
    });

    it("denies everyone, even a member or an admin, on another service's case", () => {
      expect(can(person("FACILITATOR"), action, caseFor("LEAD", OTHER_SERVICE))).toBe(false);
      expect(can(person("SUPERVISOR"), action, caseFor("SUPERVISOR", OTHER_SERVICE))).toBe(false);
      expect(can(person("ADMIN"), action, caseFor(null, OTHER_SERVICE))).toBe(false);
    });

    it("denies a signed-out visitor", () => {
      expect(can(null, action, caseFor("LEAD"))).toBe(false);
    });
  });

  describe.each(SERVICE_ACTIONS)("%s on the service", (action) => {
    it("follows the rule for each staff role", () => {
      const expected = SERVICE_MATRIX[action];
      expect(can(person("ADMIN"), action, service())).toBe(expected.admin);
      expect(can(person("SUPERVISOR"), action, service())).toBe(expected.supervisor);
      expect(can(person("FACILITATOR"), action, service())).toBe(expected.facilitator);
      expect(can(null, action, service())).toBe(false);
    });

    it("is denied for another service, even to its manager", () => {
      expect(can(person("ADMIN"), action, service(OTHER_SERVICE))).toBe(false);
      expect(can(person("FACILITATOR"), action, service(OTHER_SERVICE))).toBe(false);
    });
  });

  it("denies by default: unknown actions, and actions asked of the wrong kind of resource", () => {
    const admin = person("ADMIN");
    expect(can(admin, "case:delete" as Action, caseFor("LEAD"))).toBe(false);
    expect(can(admin, "service:delete" as Action, service())).toBe(false);
    // A case action on the service, and a service action on a case, have no rule.
    expect(can(admin, "case:audit", service())).toBe(false);
    expect(can(person("FACILITATOR"), "case:view", service())).toBe(false);
    expect(can(admin, "service:manage-users", caseFor(null))).toBe(false);
  });

  it("does not trust a staff role it does not know", () => {
    const stranger = { id: "u", role: "OWNER" as StaffRole, serviceId: SERVICE };
    expect(can(stranger, "case:audit", caseFor(null))).toBe(false);
    expect(can(stranger, "service:manage-users", service())).toBe(false);
  });
});

describe("can() with inherited property names", () => {
  it("denies actions named like Object's own methods", () => {
    const user = { id: "u1", role: "ADMIN" as const, serviceId: "s1" };
    const resource = { kind: "case" as const, caseId: "c1", serviceId: "s1", membership: "LEAD" as const };
    for (const action of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(can(user, action as never, resource)).toBe(false);
      expect(can(user, action as never, { kind: "service", serviceId: "s1" })).toBe(false);
    }
  });
});

describe("can() on a letter: the author reaches only their own letter (docs/architecture.md §4)", () => {
  const author = (serviceId = SERVICE): Principal => ({ id: "author-1", role: "LETTER_AUTHOR", serviceId });
  const letter = (membership: CaseRole | null, isAuthor: boolean, serviceId = SERVICE): LetterResource => ({
    kind: "letter",
    letterId: "l1",
    caseId: "case-1",
    serviceId,
    membership,
    isAuthor,
  });
  const LETTER_ACTIONS: LetterAction[] = ["letter:view", "letter:write", "letter:moderate", "letter:release"];
  const LETTER_MATRIX: Record<LetterAction, { ownAuthor: boolean; otherAuthor: boolean; lead: boolean; co: boolean; supervisor: boolean; nonMember: boolean; admin: boolean }> = {
    "letter:view": { ownAuthor: true, otherAuthor: false, lead: true, co: true, supervisor: true, nonMember: false, admin: false },
    "letter:write": { ownAuthor: true, otherAuthor: false, lead: false, co: false, supervisor: false, nonMember: false, admin: false },
    "letter:moderate": { ownAuthor: false, otherAuthor: false, lead: true, co: true, supervisor: false, nonMember: false, admin: false },
    "letter:release": { ownAuthor: false, otherAuthor: false, lead: true, co: true, supervisor: false, nonMember: false, admin: false },
  };

  it.each(LETTER_ACTIONS)("%s follows the rule for every relationship to the letter", (action) => {
    const e = LETTER_MATRIX[action];
    expect(can(author(), action, letter(null, true))).toBe(e.ownAuthor);
    expect(can(author(), action, letter(null, false))).toBe(e.otherAuthor);
    expect(can(person("FACILITATOR"), action, letter("LEAD", false))).toBe(e.lead);
    expect(can(person("FACILITATOR"), action, letter("CO_FACILITATOR", false))).toBe(e.co);
    expect(can(person("SUPERVISOR"), action, letter("SUPERVISOR", false))).toBe(e.supervisor);
    expect(can(person("FACILITATOR"), action, letter(null, false))).toBe(e.nonMember);
    expect(can(person("ADMIN"), action, letter(null, false))).toBe(e.admin);
    expect(can(author(OTHER_SERVICE), action, letter(null, true))).toBe(false);
    expect(can(null, action, letter(null, true))).toBe(false);
  });

  it("never lets an author approve or release, even with a forged case membership", () => {
    expect(can(author(), "letter:moderate", letter("LEAD", true))).toBe(false);
    expect(can(author(), "letter:release", letter("LEAD", true))).toBe(false);
  });

  it("denies a letter author every case and service action, whatever the resource claims", () => {
    for (const action of CASE_ACTIONS) expect(can(author(), action, caseFor("LEAD"))).toBe(false);
    for (const action of SERVICE_ACTIONS) expect(can(author(), action, service())).toBe(false);
  });

  it("has no rule for a case action asked of a letter, or a letter action asked of a case", () => {
    expect(can(person("FACILITATOR"), "case:view", letter("LEAD", false))).toBe(false);
    expect(can(person("FACILITATOR"), "letter:moderate", caseFor("LEAD"))).toBe(false);
    expect(can(author(), "constructor" as never, letter(null, true))).toBe(false);
  });
});

describe("can() on a worksheet: only its own author, while open, writes it (docs/architecture.md §2)", () => {
  const author = (id = "author-1", serviceId = SERVICE): Principal => ({ id, role: "LETTER_AUTHOR", serviceId });
  const worksheet = (isAuthor: boolean, serviceId = SERVICE): WorksheetResource => ({ kind: "programme-worksheet", worksheetId: "w1", caseId: "case-1", serviceId, isAuthor });

  it("lets its own author write it, and nobody else: not another author, not the facilitators, not the manager", () => {
    expect(can(author(), "worksheet:write-own", worksheet(true))).toBe(true);
    expect(can(author("author-2"), "worksheet:write-own", worksheet(false))).toBe(false);
    // Staff never write as the person, even with a resource that claims they are its author.
    for (const role of ["FACILITATOR", "SUPERVISOR", "ADMIN"] as const) expect(can(person(role), "worksheet:write-own", worksheet(true))).toBe(false);
    expect(can(author(), "worksheet:write-own", worksheet(true, "another-service"))).toBe(false);
  });

  it("has no other action on a worksheet, and a worksheet action means nothing on a case or a letter", () => {
    expect(can(author(), "letter:write", worksheet(true))).toBe(false);
    expect(can(author(), "programme:read", worksheet(true))).toBe(false);
    expect(can(author(), "constructor" as never, worksheet(true))).toBe(false);
    expect(can(person("FACILITATOR"), "worksheet:write-own", caseFor("LEAD"))).toBe(false);
  });
});

describe("capabilitiesOf(): what the navigation offers each person", () => {
  it("offers the manager the service pages and no supervisor queues", () => {
    expect(capabilitiesOf(person("ADMIN"))).toEqual({
      overview: true,
      approvals: false,
      reviews: false,
      users: true,
      caseTeams: true,
      scripts: true,
      programmes: true,
      signIns: true,
      disposals: true,
      retention: true,
      reports: true,
    });
  });

  it("offers a supervisor their two queues and no admin page", () => {
    expect(capabilitiesOf(person("SUPERVISOR"))).toEqual({
      overview: false,
      approvals: true,
      reviews: true,
      users: false,
      caseTeams: false,
      scripts: false,
      programmes: false,
      signIns: false,
      disposals: false,
      retention: false,
      reports: true,
    });
  });

  it("offers a facilitator and a letter author nothing beyond their own work", () => {
    const none = {
      overview: false,
      approvals: false,
      reviews: false,
      users: false,
      caseTeams: false,
      scripts: false,
      programmes: false,
      signIns: false,
      disposals: false,
      retention: false,
      reports: false,
    };
    expect(capabilitiesOf(person("FACILITATOR"))).toEqual(none);
    expect(capabilitiesOf({ id: "author-1", role: "LETTER_AUTHOR", serviceId: SERVICE })).toEqual(none);
  });
});
