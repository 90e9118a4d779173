import type { FeedbackOccasion } from "./feedback-labels";
import type { Stage } from "~/utils/roles";

/** What a case has been through, as far as asking for feedback goes (read in app/models/feedback.server.ts). */
export type FeedbackFacts = {
  stage: Stage;
  /** A conference of the case is marked held, or the case has been at "conference held" (the stage timeline). */
  conferenceHeld: boolean;
  /** A letter of the case has been delivered (a release recorded): the exchange the participants can speak of. */
  letterDelivered: boolean;
};

/**
 * Whether feedback may be taken for this occasion, or why not, in a sentence a facilitator can
 * act on. Pure, so the page offers exactly what the server will take. Feedback is about something
 * the participant went through, so each occasion needs it to have happened: a conference needs one
 * held (or a case that moved on from one: follow-up comes after the conference in Circle's stages,
 * and cases seeded or recorded there may not have the conference row), a letter exchange a letter
 * delivered, closure a closed case. Taking it later (a paper form posted back after closure) is fine.
 */
export function occasionRefusal(facts: FeedbackFacts, occasion: FeedbackOccasion): string | null {
  switch (occasion) {
    case "CONFERENCE":
      return facts.conferenceHeld || facts.stage === "CONFERENCE_HELD" || facts.stage === "FOLLOW_UP"
        ? null
        : "No conference has been held on this case yet: feedback after a conference can be taken once it has been held.";
    case "LETTER_EXCHANGE":
      return facts.letterDelivered ? null : "No letter has been delivered on this case yet: feedback on a letter exchange can be taken once one has been.";
    case "CLOSURE":
      return facts.stage === "CLOSED" ? null : "The case is not closed: feedback at closure can be taken once it is.";
  }
}

/** The occasions this case allows now, in the order they are offered. */
export const fittingOccasions = (facts: FeedbackFacts, all: readonly FeedbackOccasion[]) => all.filter((o) => occasionRefusal(facts, o) === null);

/** How a participant is greeted in participant mode: the name they asked to be called, else their first name, and nothing more of them. */
export function greetingName(p: { name: string; preferredName: string }): string {
  const preferred = p.preferredName.trim();
  if (preferred) return preferred;
  return p.name.trim().split(/\s+/)[0] ?? "";
}
