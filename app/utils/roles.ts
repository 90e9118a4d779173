/** Role vocabularies shared by the browser and the server. */
export const STAFF_ROLES = ["ADMIN", "SUPERVISOR", "FACILITATOR"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const CASE_ROLES = ["LEAD", "CO_FACILITATOR", "SUPERVISOR"] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const STAGES = ["REFERRAL", "ASSESSMENT", "PREPARATION", "CONFERENCE_SCHEDULED", "CONFERENCE_HELD", "FOLLOW_UP", "CLOSED"] as const;
export type Stage = (typeof STAGES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "Service manager",
  SUPERVISOR: "Supervisor",
  FACILITATOR: "Facilitator",
};

export const CASE_ROLE_LABELS: Record<CaseRole, string> = {
  LEAD: "Lead facilitator",
  CO_FACILITATOR: "Co-facilitator",
  SUPERVISOR: "Case supervisor",
};

export const STAGE_LABELS: Record<Stage, string> = {
  REFERRAL: "Referral",
  ASSESSMENT: "Assessment",
  PREPARATION: "Preparation",
  CONFERENCE_SCHEDULED: "Conference scheduled",
  CONFERENCE_HELD: "Conference held",
  FOLLOW_UP: "Follow-up",
  CLOSED: "Closed",
};

/** What the team does next at each stage, shown on the case overview. */
export const STAGE_NEXT_STEPS: Record<Stage, string> = {
  REFERRAL: "Contact the person harmed and offer information about restorative justice.",
  ASSESSMENT: "Assess suitability and risk; meet each person separately.",
  PREPARATION: "Prepare participants, record consent and agree the conference plan.",
  CONFERENCE_SCHEDULED: "Confirm venue, seating and the script with your co-facilitator.",
  CONFERENCE_HELD: "Write up the outcome agreement and send it for supervisor sign-off.",
  FOLLOW_UP: "Monitor the agreement and tell the person harmed of progress.",
  CLOSED: "No further action. The case record is kept for audit.",
};

export const isStage = (value: string): value is Stage => (STAGES as readonly string[]).includes(value);
