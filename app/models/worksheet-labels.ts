/**
 * The worksheets a facilitator can set the person responsible from a programme session, and their
 * prompts (copied into each worksheet's answers when it is set, so a later change here changes no
 * worksheet already set). Zod-free, for the pages (docs/conventions.md §4).
 */
export const WORKSHEET_KINDS = ["REFLECTION", "AFTER_SESSION"] as const;
export type WorksheetKind = (typeof WORKSHEET_KINDS)[number];

export const WORKSHEET_STATUSES = ["SET", "SUBMITTED"] as const;
export type WorksheetStatus = (typeof WORKSHEET_STATUSES)[number];

export const WORKSHEET_LIBRARY: Record<WorksheetKind, { title: string; prompts: string[] }> = {
  REFLECTION: {
    title: "Looking back at what happened",
    prompts: ["What happened", "Who was affected and how", "What I would want to say"],
  },
  AFTER_SESSION: {
    title: "After the session",
    prompts: ["What I took from today", "What I found hard", "What I want to think about before next time"],
  },
};

export const WORKSHEET_KIND_LABELS: Record<WorksheetKind, string> = {
  REFLECTION: "Looking back at what happened (what happened, who was affected and how, what I would want to say)",
  AFTER_SESSION: "After the session (what I took from it, what was hard, what to think about next)",
};

/** The author's own words for where their worksheet is. */
export const WORKSHEET_STATUS_LABELS: Record<WorksheetStatus, string> = { SET: "Being written", SUBMITTED: "Sent to your facilitator" };
/** The facilitators' words for the same. */
export const WORKSHEET_STAFF_STATUS_LABELS: Record<WorksheetStatus, string> = { SET: "Being written", SUBMITTED: "Submitted" };
