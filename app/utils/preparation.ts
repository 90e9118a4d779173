/**
 * The vocabulary of case preparation, shared by the browser and the server:
 * participant roles, consent elements and answers, contact kinds, risk levels, closure reasons.
 */
const labels = <const T extends readonly string[]>(values: T, names: Record<T[number], string>) => names;

export const PARTICIPANT_ROLES = ["PERSON_HARMED", "PERSON_RESPONSIBLE", "SUPPORTER", "COMMUNITY_MEMBER", "PROFESSIONAL"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PARTICIPANT_ROLE_LABELS = labels(PARTICIPANT_ROLES, {
  PERSON_HARMED: "Person harmed",
  PERSON_RESPONSIBLE: "Person responsible",
  SUPPORTER: "Supporter",
  COMMUNITY_MEMBER: "Community member",
  PROFESSIONAL: "Professional",
});

export const CONTACT_METHODS = ["PHONE", "TEXT", "EMAIL", "LETTER", "IN_PERSON"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS = labels(CONTACT_METHODS, {
  PHONE: "Phone call",
  TEXT: "Text message",
  EMAIL: "Email",
  LETTER: "Letter",
  IN_PERSON: "In person",
});

export const CONTACT_FREQUENCIES = ["WEEKLY", "FORTNIGHTLY", "MONTHLY", "WHEN_NEEDED", "NONE"] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];
export const CONTACT_FREQUENCY_LABELS = labels(CONTACT_FREQUENCIES, {
  WEEKLY: "Weekly updates",
  FORTNIGHTLY: "Every two weeks",
  MONTHLY: "Monthly",
  WHEN_NEEDED: "Only when something changes",
  NONE: "No updates",
});
/** Days between contacts for each preferred frequency; null: no routine contact is due. */
export const CONTACT_FREQUENCY_DAYS: Record<ContactFrequency, number | null> = {
  WEEKLY: 7,
  FORTNIGHTLY: 14,
  MONTHLY: 30,
  WHEN_NEEDED: null,
  NONE: null,
};

export const ACCESS_NEEDS = ["INTERPRETER", "MOBILITY", "READING_SUPPORT", "HEARING", "MENTAL_HEALTH", "LEARNING_DISABILITY", "OTHER"] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];
export const ACCESS_NEED_LABELS = labels(ACCESS_NEEDS, {
  INTERPRETER: "Interpreter",
  MOBILITY: "Mobility",
  READING_SUPPORT: "Reading support",
  HEARING: "Hearing loop or signer",
  MENTAL_HEALTH: "Mental health",
  LEARNING_DISABILITY: "Learning disability",
  OTHER: "Other",
});

/** What kind of professional a PROFESSIONAL participant is; their agency is kept beside it. */
export const PROFESSIONAL_TYPES = ["PROBATION_OFFICER", "POLICE_OFFICER", "VICTIM_LIAISON_OFFICER", "SOCIAL_WORKER", "TEACHER", "OTHER"] as const;
export type ProfessionalType = (typeof PROFESSIONAL_TYPES)[number];
export const PROFESSIONAL_TYPE_LABELS = labels(PROFESSIONAL_TYPES, {
  PROBATION_OFFICER: "Probation officer",
  POLICE_OFFICER: "Police officer",
  VICTIM_LIAISON_OFFICER: "Victim liaison officer",
  SOCIAL_WORKER: "Social worker",
  TEACHER: "Teacher",
  OTHER: "Other professional",
});

export const CONSENT_ELEMENTS = ["TAKE_PART", "MEET_FACE_TO_FACE", "LETTER", "PASS_MESSAGES", "TOLD_OF_OUTCOME", "SHARE_INFORMATION"] as const;
export type ConsentElement = (typeof CONSENT_ELEMENTS)[number];
export const CONSENT_ELEMENT_LABELS = labels(CONSENT_ELEMENTS, {
  TAKE_PART: "Take part at all",
  MEET_FACE_TO_FACE: "Meet face to face",
  LETTER: "Send or receive a letter",
  // Indirect communication without letters ("shuttle" work): the facilitator carries questions and answers.
  PASS_MESSAGES: "Have questions and answers passed on by the facilitator",
  TOLD_OF_OUTCOME: "Be told of the outcome",
  SHARE_INFORMATION: "Share information",
});

export const CONSENT_ANSWERS = ["YES", "NO", "UNDECIDED", "WITHDRAWN"] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];
export const CONSENT_ANSWER_LABELS = labels(CONSENT_ANSWERS, {
  YES: "Yes",
  NO: "No",
  UNDECIDED: "Undecided",
  WITHDRAWN: "Withdrawn",
});

export const CONSENT_METHODS = ["IN_PERSON", "PHONE", "LETTER"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS = labels(CONSENT_METHODS, { IN_PERSON: "In person", PHONE: "By phone", LETTER: "By letter" });

export const PREP_CONTACT_KINDS = ["VISIT", "CALL", "LETTER", "EMAIL"] as const;
export type PrepContactKind = (typeof PREP_CONTACT_KINDS)[number];
export const PREP_CONTACT_KIND_LABELS = labels(PREP_CONTACT_KINDS, { VISIT: "Visit", CALL: "Phone call", LETTER: "Letter", EMAIL: "Email" });

export const PREP_PLACES = ["HOME", "PRISON", "OFFICE", "COMMUNITY_VENUE", "PHONE", "OTHER"] as const;
export type PrepPlace = (typeof PREP_PLACES)[number];
export const PREP_PLACE_LABELS = labels(PREP_PLACES, {
  HOME: "Their home",
  PRISON: "Prison",
  OFFICE: "Our office",
  COMMUNITY_VENUE: "Community venue",
  PHONE: "By phone",
  OTHER: "Elsewhere",
});

export const PREP_CONTACT_STATUSES = ["COMPLETED", "CANCELLED", "NO_SHOW"] as const;
export type PrepContactStatus = (typeof PREP_CONTACT_STATUSES)[number];
export const PREP_CONTACT_STATUS_LABELS = labels(PREP_CONTACT_STATUSES, {
  COMPLETED: "Took place",
  CANCELLED: "Cancelled",
  NO_SHOW: "Did not attend",
});

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS = labels(RISK_LEVELS, { LOW: "Low", MEDIUM: "Medium", HIGH: "High" });

export const ACKNOWLEDGEMENTS = ["FULLY", "PARTLY", "NOT_AT_ALL"] as const;
export type Acknowledgement = (typeof ACKNOWLEDGEMENTS)[number];
export const ACKNOWLEDGEMENT_LABELS = labels(ACKNOWLEDGEMENTS, {
  FULLY: "Fully acknowledges what they did",
  PARTLY: "Partly acknowledges it",
  NOT_AT_ALL: "Does not acknowledge it",
});

export const RECOMMENDATIONS = ["PROCEED", "PROCEED_WITH_MEASURES", "INDIRECT_ONLY", "DO_NOT_PROCEED"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const RECOMMENDATION_LABELS = labels(RECOMMENDATIONS, {
  PROCEED: "Proceed",
  PROCEED_WITH_MEASURES: "Proceed with safety measures",
  INDIRECT_ONLY: "Indirect communication only",
  DO_NOT_PROCEED: "Do not proceed",
});

export const APPROVAL_DECISIONS = ["APPROVED", "DECLINED"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const CLOSURE_REASONS = ["COMPLETED", "DECLINED_BY_HARMED", "DECLINED_BY_RESPONSIBLE", "WITHDRAWN", "NOT_SUITABLE", "OTHER"] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS = labels(CLOSURE_REASONS, {
  COMPLETED: "Completed",
  DECLINED_BY_HARMED: "Declined by the person harmed",
  DECLINED_BY_RESPONSIBLE: "Declined by the person responsible",
  WITHDRAWN: "Withdrawn",
  NOT_SUITABLE: "Not suitable",
  OTHER: "Other",
});

/** How a case closed as completed was completed: the outcome reports count (Case.completedBy). */
export const COMPLETED_BY = ["CONFERENCE", "LETTERS", "INDIRECT_MESSAGES"] as const;
export type CompletedBy = (typeof COMPLETED_BY)[number];
export const COMPLETED_BY_LABELS = labels(COMPLETED_BY, {
  CONFERENCE: "At a face-to-face conference",
  LETTERS: "By letter",
  INDIRECT_MESSAGES: "By questions and answers passed on by the facilitator",
});

export const CONFERENCE_STATUSES = ["SCHEDULED", "ON_HOLD", "HELD", "CANCELLED"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];
export const CONFERENCE_STATUS_LABELS = labels(CONFERENCE_STATUSES, {
  SCHEDULED: "Scheduled",
  ON_HOLD: "On hold",
  HELD: "Held",
  CANCELLED: "Cancelled",
});

/** The name to use for someone in prompts and lists: their preferred name if they gave one. */
export function displayName(p: { name: string; preferredName?: string | null }): string {
  return p.preferredName?.trim() || p.name;
}
