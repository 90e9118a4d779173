/** Corrections a participant asked for: the decisions and their words, without zod (the browser imports this). */
export const RECTIFICATION_DECISIONS = ["CORRECTED", "PARTLY_CORRECTED", "REFUSED"] as const;
export type RectificationDecision = (typeof RECTIFICATION_DECISIONS)[number];

export const RECTIFICATION_DECISION_LABELS: Record<RectificationDecision, string> = {
  CORRECTED: "Corrected",
  PARTLY_CORRECTED: "Partly corrected",
  REFUSED: "Refused",
};
