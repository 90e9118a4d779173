// Apart from the schemas so the feedback pages can show these without downloading zod (docs/conventions.md §4).

/** When feedback is asked for (the Prisma enum FeedbackOccasion). */
export const FEEDBACK_OCCASIONS = ["CONFERENCE", "LETTER_EXCHANGE", "CLOSURE"] as const;
export type FeedbackOccasion = (typeof FEEDBACK_OCCASIONS)[number];
export const FEEDBACK_OCCASION_LABELS: Record<FeedbackOccasion, string> = {
  CONFERENCE: "After the conference",
  LETTER_EXCHANGE: "After the letter exchange",
  CLOSURE: "At closure",
};

/** How it reached Circle (the Prisma enum FeedbackMethod). */
export const FEEDBACK_METHODS = ["TABLET", "PAPER"] as const;
export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];
export const FEEDBACK_METHOD_LABELS: Record<FeedbackMethod, string> = { TABLET: "Given on the tablet", PAPER: "From a paper form" };

/** The 1–5 satisfaction scale, in the words the participant sees beside each number. */
export const SATISFACTION_LABELS: Record<string, string> = {
  "1": "Very unhappy",
  "2": "Unhappy",
  "3": "In between",
  "4": "Happy",
  "5": "Very happy",
};

/**
 * The yes/no questions. Each answer is yes, no or not sure; "not sure" (or no answer) is stored as
 * null, beside a decline, which is its own row.
 */
export const FEEDBACK_QUESTIONS = [
  { name: "feltSafe", question: "Did you feel safe?" },
  { name: "feltHeard", question: "Did you feel listened to?" },
  { name: "feltPrepared", question: "Did you feel prepared for it?" },
  { name: "wouldRecommend", question: "Would you recommend restorative justice to someone else?" },
] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number]["name"];

export const YES_NO_ANSWERS = ["YES", "NO", "NOT_SURE"] as const;
export const YES_NO_LABELS: Record<(typeof YES_NO_ANSWERS)[number], string> = { YES: "Yes", NO: "No", NOT_SURE: "Not sure" };

/** How a stored answer reads on the case's feedback page. */
export const answerWord = (value: boolean | null) => (value === null ? "Not answered or not sure" : value ? "Yes" : "No");
