import type { CaseRole, StaffRole } from "./roles";

/**
 * The one permission vocabulary of Circle (docs/architecture.md §4). Pure: callers load the facts
 * (the user's staff role and their membership of the case) and ask. Deny by default.
 * Used by Remix loaders/actions, Socket.IO handlers and the collab upgrade alike.
 */
export type Principal = { id: string; role: StaffRole | "LETTER_AUTHOR"; serviceId: string };

/**
 * An author is not staff: a party writing their own letter or their own messages to the other
 * party, or their own programme worksheets. They reach only their own letter, their own message
 * workspace and their own worksheets (docs/architecture.md §4).
 */
export const isLetterAuthor = (user: { role: string } | null | undefined): boolean => user?.role === "LETTER_AUTHOR";

export type CaseResource = {
  kind: "case";
  caseId: string;
  serviceId: string;
  /** The principal's role on this case, or null when not a member. */
  membership: CaseRole | null;
};
export type ServiceResource = { kind: "service"; serviceId: string };
/** One letter: the case membership of the principal (staff) and whether they are its author. */
export type LetterResource = {
  kind: "letter";
  letterId: string;
  caseId: string;
  serviceId: string;
  membership: CaseRole | null;
  /** The principal is this letter's author account. */
  isAuthor: boolean;
};
/** A party's own message workspace (shuttle communication): whether the principal is the account it was opened for. */
export type WriterResource = {
  kind: "exchange-writer";
  writerId: string;
  caseId: string;
  serviceId: string;
  /** The principal is this workspace's author account, and it is still open. */
  isWriter: boolean;
};
/** A worksheet the person responsible fills in themselves: whether the principal is the account it was set for. */
export type WorksheetResource = {
  kind: "programme-worksheet";
  worksheetId: string;
  caseId: string;
  serviceId: string;
  /** The principal is this worksheet's author account, and it is still open. */
  isAuthor: boolean;
};
export type Resource = CaseResource | ServiceResource | LetterResource | WriterResource | WorksheetResource;

export type CaseAction =
  | "case:view" // see the case overview and its content
  | "case:edit" // change case data (participants, consent, contacts, risk, stage, scheduling)
  | "case:read-record" // read the case's record (referral details, team, stage) and its history
  | "case:edit-details" // change the referral details: title, referrer, date received, offence, youth, sensitive
  | "case:close" // close the case with a reason
  | "case:reopen" // reopen a closed case with a reason
  | "case:approve" // record the case supervisor's decision on a risk assessment
  | "case:audit" // read the case's audit trail
  | "case:assign" // add or remove case members
  | "case:subject-access" // answer a participant's subject access request: record it, review and redact the export, release it
  | "case:rectify" // record a participant's request to correct their data, and the decision on it
  | "case:subscribe" // receive the case's live events
  | "notes:write"
  | "notes:read"
  | "live:chair" // run a live conference: start, advance, jump, pause, end, lock the seating plan
  | "live:assist" // during a live conference: call a break, name the speaker
  | "live:follow" // see a live conference's state as it happens
  | "seating:write"
  | "seating:read"
  | "script:edit" // tailor a conference's script before it starts
  | "letter:open" // open a letter task for the person responsible and create the author's access
  | "agreement:read" // see the outcome agreement, its versions and monitoring
  | "agreement:draft" // draft terms and narrative, take signatures, submit, record monitoring
  | "agreement:review" // comment on a submitted version, approve it or request changes: the case supervisor
  | "feedback:read" // read what participants said of the service (their feedback, or that they declined)
  | "feedback:record" // enter a paper feedback form or a decline, and hand the tablet to a participant to give feedback
  | "exchange:read" // read the messages passed between the parties (shuttle communication), their edits and deliveries
  | "exchange:record" // record a message, edit it for safety, approve it, record the recipient's choice, deliver it, print the pack
  | "programme:read" // read the person responsible's intervention programme: sessions, attendance, reviews, readiness
  | "programme:record" // start, adapt and schedule the programme, record attendance, reviews and the readiness judgement
  | "programme:override"; // record why the case goes ahead without a complete programme: the case supervisor
export type ServiceAction =
  | "service:manage-users" // staff accounts: add, disable, enable, reset a password (/admin/users)
  | "service:list-cases" // every case of the service with its team and record, for assigning teams (/admin/cases)
  | "service:overview" // the manager's service overview: deadlines and workload across every case
  | "service:create-case" // record a new referral as a case
  | "service:manage-scripts" // the service's conference script templates (/admin/scripts)
  | "service:manage-programmes" // the service's intervention programme templates (/admin/programmes)
  | "service:read-sign-ins" // failed sign-ins, including whether the email tried has an account (/admin/sign-ins)
  | "service:manage-retention" // how long closed cases are kept, and which are due for disposal review (/admin/retention)
  | "service:approval-queue" // the queue of risk assessments waiting for one's decision as case supervisor (/approvals)
  | "service:review-queue" // the queue of agreements waiting for one's review as case supervisor (/reviews)
  | "service:legal-hold" // put a closed case on legal hold or lift the hold, with a reason (/admin/disposals)
  | "service:dispose" // dispose of a closed case's personal data, and download its disposal certificate (/admin/disposals)
  | "reports:view" // the reports page: figures about the cases one may report on (/reports)
  | "reports:export" // a report table as CSV and the quarterly return as a PDF, with small numbers suppressed
  | "reports:whole-service"; // report on every case of the service rather than only the cases one is on the team of
export type LetterAction =
  | "letter:view" // see the letter, its comments and versions (author, case facilitators, case supervisor)
  | "letter:write" // draft it and submit it for review: its author only
  | "letter:moderate" // comment, suggest, lock, request changes, approve, record the person harmed's choice, close
  | "letter:release"; // deliver it per the person harmed's choice, destroy it: case facilitators, never the author
export type WriterAction = "exchange:write-own"; // read one's own messages and those delivered to one, write new ones for review: the workspace's author only
export type WorksheetAction = "worksheet:write-own"; // read one's own worksheet and the facilitator's comments on it, answer it, send it: its author only
export type Action = CaseAction | ServiceAction | LetterAction | WriterAction | WorksheetAction;

const CASE_RULES: Record<CaseAction, (user: Principal, c: CaseResource) => boolean> = {
  "case:view": (_u, c) => c.membership !== null,
  "case:edit": (_u, c) => isFacilitatorOf(c),
  // The manager keeps the record of every referral of their service (they record many of them),
  // though not its preparation content: see README, Decisions, "The case record".
  "case:read-record": (u, c) => c.membership !== null || u.role === "ADMIN",
  "case:edit-details": (u, c) => isFacilitatorOf(c) || u.role === "ADMIN",
  "case:close": (u, c) => isFacilitatorOf(c) || u.role === "ADMIN",
  "case:reopen": (u) => u.role === "ADMIN",
  "case:approve": (u, c) => c.membership === "SUPERVISOR" && u.role === "SUPERVISOR",
  "case:audit": (u) => u.role === "ADMIN",
  "case:assign": (u) => u.role === "ADMIN",
  // Answering a subject access request is the data controller's, which the manager acts for; the
  // export shows everything held about the person, so nobody on the team does it for them
  // (README, Decisions, "Subject access and rectification").
  "case:subject-access": (u) => u.role === "ADMIN",
  // Those who keep the records correct them: the case's facilitators, and the manager.
  "case:rectify": (u, c) => isFacilitatorOf(c) || u.role === "ADMIN",
  "case:subscribe": (_u, c) => c.membership !== null,
  "notes:write": (_u, c) => isFacilitatorOf(c),
  "notes:read": (_u, c) => c.membership !== null,
  "live:chair": (_u, c) => c.membership === "LEAD",
  "live:assist": (_u, c) => isFacilitatorOf(c),
  "live:follow": (_u, c) => c.membership !== null,
  "seating:write": (_u, c) => isFacilitatorOf(c),
  "seating:read": (_u, c) => c.membership !== null,
  "script:edit": (_u, c) => isFacilitatorOf(c),
  "letter:open": (_u, c) => isFacilitatorOf(c),
  "agreement:read": (_u, c) => c.membership !== null,
  "agreement:draft": (_u, c) => isFacilitatorOf(c),
  "agreement:review": (u, c) => c.membership === "SUPERVISOR" && u.role === "SUPERVISOR",
  // The case team reads it (the supervisor too, to learn from it); the manager is on no team and
  // reads no case content, and a letter author never reaches a case action at all.
  "feedback:read": (_u, c) => c.membership !== null,
  // Those who meet the participants take their feedback, like every other write to the case record.
  "feedback:record": (_u, c) => isFacilitatorOf(c),
  // Shuttle communication: the case team reads the exchange (the supervisor oversees it); only the
  // facilitators who meet the parties record, review and pass on what they said.
  "exchange:read": (_u, c) => c.membership !== null,
  "exchange:record": (_u, c) => isFacilitatorOf(c),
  // The programme is run by the case's facilitators; the whole team reads it (the supervisor
  // oversees it). Going ahead without it complete is the case supervisor's decision, as approving
  // the risk assessment is: a staff supervisor on the case as its supervisor.
  "programme:read": (_u, c) => c.membership !== null,
  "programme:record": (_u, c) => isFacilitatorOf(c),
  "programme:override": (u, c) => c.membership === "SUPERVISOR" && u.role === "SUPERVISOR",
};

const LETTER_RULES: Record<LetterAction, (user: Principal, l: LetterResource) => boolean> = {
  "letter:view": (u, l) => (isLetterAuthor(u) ? l.isAuthor : l.membership !== null),
  "letter:write": (u, l) => isLetterAuthor(u) && l.isAuthor,
  "letter:moderate": (u, l) => !isLetterAuthor(u) && !l.isAuthor && isFacilitatorOf(l),
  "letter:release": (u, l) => !isLetterAuthor(u) && !l.isAuthor && isFacilitatorOf(l),
};

const WRITER_RULES: Record<WriterAction, (user: Principal, w: WriterResource) => boolean> = {
  // Staff read and pass on the party's messages on the case's exchange page (exchange:read,
  // exchange:record), never as the party: the workspace is the author's alone.
  "exchange:write-own": (u, w) => isLetterAuthor(u) && w.isWriter,
};

const WORKSHEET_RULES: Record<WorksheetAction, (user: Principal, w: WorksheetResource) => boolean> = {
  // Staff set, read and comment on worksheets on the case's programme page (programme:record), never
  // as the person: the worksheet is the author's alone.
  "worksheet:write-own": (u, w) => isLetterAuthor(u) && w.isAuthor,
};

const SERVICE_RULES: Record<ServiceAction, (user: Principal) => boolean> = {
  "service:manage-users": (u) => u.role === "ADMIN",
  "service:list-cases": (u) => u.role === "ADMIN",
  "service:overview": (u) => u.role === "ADMIN",
  // Supervisors review cases; they do not take referrals.
  "service:create-case": (u) => u.role === "ADMIN" || u.role === "FACILITATOR",
  "service:manage-scripts": (u) => u.role === "ADMIN",
  "service:manage-programmes": (u) => u.role === "ADMIN",
  // Whether an email has an account is said here and nowhere else (the sign-in page never says it).
  "service:read-sign-ins": (u) => u.role === "ADMIN",
  // The service's retention policy is the manager's (the data protection officer asks them for it).
  "service:manage-retention": (u) => u.role === "ADMIN",
  // Only a staff supervisor can be the deciding case supervisor (case:approve, agreement:review),
  // so the queues are theirs; which cases fill them is still each case's membership.
  "service:approval-queue": (u) => u.role === "SUPERVISOR",
  "service:review-queue": (u) => u.role === "SUPERVISOR",
  // The end of a case's retention is the service's decision, not its facilitators' or supervisors'.
  "service:legal-hold": (u) => u.role === "ADMIN",
  "service:dispose": (u) => u.role === "ADMIN",
  // Reports are for the managers (the whole service) and the supervisors (their own cases): a
  // facilitator's figures would be their own few cases, which the case screens already show.
  "reports:view": (u) => u.role === "ADMIN" || u.role === "SUPERVISOR",
  "reports:export": (u) => u.role === "ADMIN" || u.role === "SUPERVISOR",
  // Only the manager counts cases they are not on the team of; what they see is suppressed
  // (app/models/report-cells.ts), since a count of one or two could name someone.
  "reports:whole-service": (u) => u.role === "ADMIN",
};

function isFacilitatorOf(c: { membership: CaseRole | null }): boolean {
  return c.membership === "LEAD" || c.membership === "CO_FACILITATOR";
}

export function can(user: Principal | null, action: Action, resource: Resource): boolean {
  if (!user || user.serviceId !== resource.serviceId) return false;
  // Own properties only: "constructor" or "toString" must never find a rule.
  if (resource.kind === "letter") {
    return Object.hasOwn(LETTER_RULES, action) && LETTER_RULES[action as LetterAction](user, resource) === true;
  }
  if (resource.kind === "exchange-writer") {
    return Object.hasOwn(WRITER_RULES, action) && WRITER_RULES[action as WriterAction](user, resource) === true;
  }
  if (resource.kind === "programme-worksheet") {
    return Object.hasOwn(WORKSHEET_RULES, action) && WORKSHEET_RULES[action as WorksheetAction](user, resource) === true;
  }
  // An author reaches nothing but their own letter, message workspace and worksheets, whatever a resource says about them.
  if (isLetterAuthor(user)) return false;
  if (resource.kind === "case") {
    return Object.hasOwn(CASE_RULES, action) && CASE_RULES[action as CaseAction](user, resource) === true;
  }
  return Object.hasOwn(SERVICE_RULES, action) && SERVICE_RULES[action as ServiceAction](user) === true;
}

/**
 * What the navigation may offer a signed-in person, each answer from can() on their own service,
 * so a link is shown exactly when the page behind it would open. The root loader sends it to the
 * browser; pages still check for themselves.
 */
export type Capabilities = {
  /** The service overview is the manager's home; everyone else starts at their own cases. */
  overview: boolean;
  approvals: boolean;
  reviews: boolean;
  users: boolean;
  caseTeams: boolean;
  scripts: boolean;
  programmes: boolean;
  signIns: boolean;
  disposals: boolean;
  retention: boolean;
  reports: boolean;
};

export function capabilitiesOf(user: Principal): Capabilities {
  const service: ServiceResource = { kind: "service", serviceId: user.serviceId };
  const may = (action: ServiceAction) => can(user, action, service);
  return {
    overview: may("service:overview"),
    approvals: may("service:approval-queue"),
    reviews: may("service:review-queue"),
    users: may("service:manage-users"),
    caseTeams: may("service:list-cases"),
    scripts: may("service:manage-scripts"),
    programmes: may("service:manage-programmes"),
    signIns: may("service:read-sign-ins"),
    disposals: may("service:dispose"),
    retention: may("service:manage-retention"),
    reports: may("reports:view"),
  };
}
