import { describe, expect, it } from "vitest";
import { deadlineEvents, type DeadlineCase } from "~/models/notification-deadlines";
import { chooseRecipients, dedupeKey, notificationLink, notificationText, type Candidate, type NotificationEvent } from "~/models/notification-rules";
import { NOTIFICATION_KINDS } from "~/models/notification-kinds";
import type { CaseRole } from "~/utils/roles";

const SERVICE = "svc1";
const CASE = "ccase000000000000000000001";
const LETTER = "cletter00000000000000000001";

const staff = (id: string, role: "ADMIN" | "SUPERVISOR" | "FACILITATOR", membership: CaseRole | null, opts: { disabled?: boolean; serviceId?: string } = {}): Candidate => ({
  principal: { id, role, serviceId: opts.serviceId ?? SERVICE },
  disabled: opts.disabled ?? false,
  resource: { kind: "case", caseId: CASE, serviceId: SERVICE, membership },
});
const onLetter = (c: Candidate, isAuthor = false): Candidate => ({
  ...c,
  resource: { kind: "letter", letterId: LETTER, caseId: CASE, serviceId: SERVICE, membership: c.resource.membership, isAuthor },
});
const author = onLetter(
  { principal: { id: "author", role: "LETTER_AUTHOR", serviceId: SERVICE }, disabled: false, resource: { kind: "case", caseId: CASE, serviceId: SERVICE, membership: null } },
  true,
);

const team = [staff("lead", "FACILITATOR", "LEAD"), staff("co", "FACILITATOR", "CO_FACILITATOR"), staff("sup", "SUPERVISOR", "SUPERVISOR"), staff("admin", "ADMIN", null)];
const event = (kind: NotificationEvent["kind"], extra: Partial<NotificationEvent> = {}): NotificationEvent => ({ kind, caseId: CASE, subject: "s1", ...extra });

describe("who is told", () => {
  it("a submitted letter reaches the case's facilitators, not its supervisor, the manager or its author", () => {
    const candidates = [...team.map((c) => onLetter(c)), author];
    expect(chooseRecipients(event("LETTER_SUBMITTED", { letterId: LETTER, actorId: "author" }), candidates, new Set()).sort()).toEqual(["co", "lead"]);
  });

  it("the letter's author is told only that their facilitator replied, and no staff member ever gets that kind", () => {
    const candidates = [...team.map((c) => onLetter(c)), author];
    expect(chooseRecipients(event("LETTER_REPLIED", { letterId: LETTER, actorId: "lead" }), candidates, new Set())).toEqual(["author"]);
    for (const kind of NOTIFICATION_KINDS.filter((k) => k !== "LETTER_REPLIED")) {
      expect(chooseRecipients(event(kind, { letterId: LETTER }), [author], new Set()), kind).toEqual([]);
    }
  });

  it("an approval request reaches only a staff supervisor who supervises the case", () => {
    const coAsSupervisor = staff("fac-sup", "FACILITATOR", "SUPERVISOR");
    expect(chooseRecipients(event("APPROVAL_REQUESTED", { actorId: "lead" }), [...team, coAsSupervisor], new Set())).toEqual(["sup"]);
  });

  it("nobody off the case, in another service, disabled, or who switched the kind off is told, nor the person who acted", () => {
    const candidates = [
      ...team,
      staff("stranger", "FACILITATOR", null),
      staff("elsewhere", "FACILITATOR", "LEAD", { serviceId: "svc2" }),
      staff("gone", "FACILITATOR", "CO_FACILITATOR", { disabled: true }),
    ];
    expect(chooseRecipients(event("CONFERENCE_BOOKED", { actorId: "lead" }), candidates, new Set(["sup"]))).toEqual(["co"]);
  });
});

describe("what they are told", () => {
  it("names the case by its reference only and links to the thing", () => {
    const e = event("LETTER_SUBMITTED", { letterId: LETTER });
    expect(notificationText(e, "RJ-2026-0142")).toBe("A letter on RJ-2026-0142 was submitted for your review.");
    expect(notificationLink(e)).toBe(`/cases/${CASE}/letters/${LETTER}`);
    expect(notificationLink(event("LETTER_REPLIED", { letterId: LETTER }))).toBe(`/letters/${LETTER}`);
    expect(notificationText(event("LETTER_REPLIED", { letterId: LETTER }), "RJ-2026-0142")).not.toContain("RJ-");
    expect(notificationLink(event("TERM_OVERDUE"))).toBe(`/cases/${CASE}/agreement`);
  });

  it("one event has one key per kind and subject, whoever is told and however often it is asked", () => {
    expect(dedupeKey(event("CONTACT_DUE", { subject: "p1:2026-12-07" }))).toBe(dedupeKey(event("CONTACT_DUE", { subject: "p1:2026-12-07", passed: true })));
    expect(dedupeKey(event("CONTACT_DUE", { subject: "p1:2026-12-07" }))).not.toBe(dedupeKey(event("CONTACT_DUE", { subject: "p1:2026-12-14" })));
    expect(dedupeKey(event("TERM_DUE"))).not.toBe(dedupeKey(event("TERM_OVERDUE")));
  });
});

describe("the deadline job's events", () => {
  const day = (iso: string) => new Date(iso);
  const harmed = (over: Partial<DeadlineCase["participants"][number]> = {}) => ({
    id: "p1",
    role: "PERSON_HARMED",
    enhancedRights: false,
    infoOfferedAt: null,
    notInvitedReason: null,
    contactFrequency: "WEEKLY",
    removedAt: null,
    createdAt: day("2026-11-30T10:00:00Z"),
    lastContactAt: null,
    ...over,
  });
  const kase = (participants: DeadlineCase["participants"], stage = "PREPARATION"): DeadlineCase => ({ id: CASE, stage, referredAt: day("2026-12-01T09:00:00Z"), participants });

  it("a weekly contact is due on its day, with the same key at every run that day and a new one for the next contact", () => {
    const at9 = deadlineEvents([kase([harmed({ infoOfferedAt: day("2026-12-01T10:00:00Z") })])], [], day("2026-12-07T09:00:00Z"));
    const at17 = deadlineEvents([kase([harmed({ infoOfferedAt: day("2026-12-01T10:00:00Z") })])], [], day("2026-12-07T17:00:00Z"));
    const contact = at9.filter((e) => e.kind === "CONTACT_DUE");
    expect(contact.map((e) => e.subject)).toEqual(["p1:2026-12-07"]);
    expect(at17.filter((e) => e.kind === "CONTACT_DUE").map(dedupeKey)).toEqual(contact.map(dedupeKey));
    expect(deadlineEvents([kase([harmed({ infoOfferedAt: day("2026-12-01T10:00:00Z") })])], [], day("2026-12-06T09:00:00Z")).filter((e) => e.kind === "CONTACT_DUE")).toEqual([]);
  });

  it("a Victims' Code deadline is told on its day and again, once, when it has passed; never once information was offered, nor on a closed case", () => {
    const now = day("2026-12-10T12:00:00Z");
    const vc = deadlineEvents([kase([harmed()])], [], now).filter((e) => e.kind === "VICTIMS_CODE_DEADLINE");
    expect(vc).toHaveLength(1);
    expect(vc[0]!.passed).toBe(true);
    expect(deadlineEvents([kase([harmed({ infoOfferedAt: day("2026-12-02T10:00:00Z") })])], [], now).filter((e) => e.kind === "VICTIMS_CODE_DEADLINE")).toEqual([]);
    expect(deadlineEvents([kase([harmed()], "CLOSED")], [], now)).toEqual([]);
  });

  it("an agreement term is due within the monitoring window and overdue after its day, unless completed", () => {
    const terms = [
      { id: "t1", description: "Repair", type: "REPARATION", dueDate: "2026-12-09", responsibleId: null, responsibleName: "", checkedBy: "" },
      { id: "t2", description: "Pay", type: "RESTITUTION", dueDate: "2026-12-01", responsibleId: null, responsibleName: "", checkedBy: "" },
      { id: "t3", description: "Done", type: "RESTITUTION", dueDate: "2026-12-01", responsibleId: null, responsibleName: "", checkedBy: "" },
    ] as never[];
    const events = deadlineEvents([], [{ caseId: CASE, agreementId: "a1", terms, statuses: new Map([["t3", "COMPLETED"]]) }], day("2026-12-07T09:00:00Z"));
    expect(events.map((e) => [e.kind, e.subject])).toEqual([
      ["TERM_DUE", "a1:t1:2026-12-09"],
      ["TERM_OVERDUE", "a1:t2:2026-12-01"],
    ]);
  });
});
