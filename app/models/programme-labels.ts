// Apart from the schemas so the programme pages can show these without downloading zod (docs/conventions.md §4).

/** The programme's modules, in the order the standard programme takes them (the Prisma enum ProgrammeModule). */
export const PROGRAMME_MODULES = ["UNDERSTANDING_THE_OFFENCE", "CONSEQUENCES", "EMPATHY", "SHAME_AND_FEELINGS", "MAKING_AMENDS", "THE_LETTER"] as const;
export type ProgrammeModule = (typeof PROGRAMME_MODULES)[number];
export const PROGRAMME_MODULE_LABELS: Record<ProgrammeModule, string> = {
  UNDERSTANDING_THE_OFFENCE: "Understanding the offence",
  CONSEQUENCES: "Consequences and who was affected",
  EMPATHY: "Empathy",
  SHAME_AND_FEELINGS: "Shame and feelings",
  MAKING_AMENDS: "Making amends",
  THE_LETTER: "The letter",
};

/** Where a session takes place (the Prisma enum ProgrammeVenue). */
export const PROGRAMME_VENUES = ["PRISON", "PROBATION_OFFICE", "SERVICE_OFFICE", "COMMUNITY_VENUE", "OTHER"] as const;
export type ProgrammeVenue = (typeof PROGRAMME_VENUES)[number];
export const PROGRAMME_VENUE_LABELS: Record<ProgrammeVenue, string> = {
  PRISON: "Prison",
  PROBATION_OFFICE: "Probation office",
  SERVICE_OFFICE: "The service's office",
  COMMUNITY_VENUE: "Community venue",
  OTHER: "Somewhere else",
};

/** Whether the person came (the Prisma enum AttendanceStatus). */
export const ATTENDANCE_STATUSES = ["ATTENDED", "LATE", "DID_NOT_ATTEND", "CANCELLED"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  ATTENDED: "Attended",
  LATE: "Attended, late",
  DID_NOT_ATTEND: "Did not attend",
  CANCELLED: "Cancelled",
};

/** Who cancelled a session (the Prisma enum CancelledBy). */
export const CANCELLED_BY = ["PERSON", "SERVICE", "PRISON_OR_PROBATION"] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];
export const CANCELLED_BY_LABELS: Record<CancelledBy, string> = {
  PERSON: "The person responsible",
  SERVICE: "The service",
  PRISON_OR_PROBATION: "The prison or probation",
};

/** Readiness for contact with the person harmed, as seen at a session (the Prisma enum ContactReadiness). */
export const CONTACT_READINESS = ["NOT_YET", "GETTING_THERE", "READY"] as const;
export type ContactReadiness = (typeof CONTACT_READINESS)[number];
export const CONTACT_READINESS_LABELS: Record<ContactReadiness, string> = { NOT_YET: "Not yet", GETTING_THERE: "Getting there", READY: "Ready" };

/** Engagement in a session, 1 to 5. */
export const ENGAGEMENT_LABELS: Record<string, string> = {
  "1": "1 – not engaged",
  "2": "2 – a little",
  "3": "3 – some",
  "4": "4 – good",
  "5": "5 – fully engaged",
};

/** A change to a case's programme (the Prisma enum ProgrammeChangeKind). */
export const PROGRAMME_CHANGE_KINDS = ["ADDED", "SKIPPED", "RESTORED", "MOVED"] as const;
export type ProgrammeChangeKind = (typeof PROGRAMME_CHANGE_KINDS)[number];
export const PROGRAMME_CHANGE_LABELS: Record<ProgrammeChangeKind, string> = { ADDED: "Added", SKIPPED: "Skipped", RESTORED: "Put back", MOVED: "Moved" };

/** A judgement on the programme (the Prisma enum ProgrammeJudgementKind). */
export const PROGRAMME_JUDGEMENT_KINDS = ["READY", "NOT_READY", "OVERRIDE"] as const;
export type ProgrammeJudgementKind = (typeof PROGRAMME_JUDGEMENT_KINDS)[number];
export const PROGRAMME_JUDGEMENT_LABELS: Record<ProgrammeJudgementKind, string> = {
  READY: "Ready",
  NOT_READY: "Not ready",
  OVERRIDE: "The case supervisor's decision to go ahead without a complete programme",
};

/**
 * A session's notes, written together live (collab document `programme-session:<id>:notes`): one
 * rich-text field per heading, in this order, so each heading keeps its own text.
 */
export const SESSION_NOTE_SECTIONS = [
  { field: "covered", heading: "What we covered" },
  { field: "said", heading: "What they said" },
  { field: "next", heading: "Next time" },
] as const;
