import { describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { FEEDBACK_OCCASIONS } from "~/models/feedback-labels";
import { fittingOccasions, greetingName, occasionRefusal, type FeedbackFacts } from "~/models/feedback-rules";
import { FeedbackActionSchema, GivenOnSchema, LeaveParticipantModeSchema, ParticipantAnswerSchema } from "~/models/feedback-schemas";
import { fieldErrors } from "~/utils/schemas";

const PERSON = "cparticipant0000000000001";
const facts = (over: Partial<FeedbackFacts> = {}): FeedbackFacts => ({ stage: "PREPARATION", conferenceHeld: false, letterDelivered: false, ...over });
const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) => (result.success ? {} : fieldErrors(result.error!));

describe("which occasions a case allows feedback for", () => {
  it("nothing before anything has happened, with a sentence for each", () => {
    expect(fittingOccasions(facts(), FEEDBACK_OCCASIONS)).toEqual([]);
    expect(occasionRefusal(facts({ stage: "CONFERENCE_SCHEDULED" }), "CONFERENCE")).toMatch(/^No conference has been held/);
    expect(occasionRefusal(facts(), "LETTER_EXCHANGE")).toMatch(/^No letter has been delivered/);
    expect(occasionRefusal(facts(), "CLOSURE")).toMatch(/^The case is not closed/);
  });

  it("after a conference (held, or the case moved on from one), a delivered letter, or closure", () => {
    expect(fittingOccasions(facts({ conferenceHeld: true }), FEEDBACK_OCCASIONS)).toEqual(["CONFERENCE"]);
    expect(fittingOccasions(facts({ stage: "FOLLOW_UP" }), FEEDBACK_OCCASIONS)).toEqual(["CONFERENCE"]);
    expect(fittingOccasions(facts({ stage: "CONFERENCE_HELD" }), FEEDBACK_OCCASIONS)).toEqual(["CONFERENCE"]);
    expect(fittingOccasions(facts({ letterDelivered: true }), FEEDBACK_OCCASIONS)).toEqual(["LETTER_EXCHANGE"]);
    // A closed case that had a conference and a letter: any of the three (a form posted back late).
    expect(fittingOccasions(facts({ stage: "CLOSED", conferenceHeld: true, letterDelivered: true }), FEEDBACK_OCCASIONS)).toEqual(["CONFERENCE", "LETTER_EXCHANGE", "CLOSURE"]);
    // Closed without a conference (a letter-only case): not "after the conference".
    expect(fittingOccasions(facts({ stage: "CLOSED" }), FEEDBACK_OCCASIONS)).toEqual(["CLOSURE"]);
  });
});

describe("the participant is greeted by their own name and nothing more", () => {
  it("the preferred name, else the first name", () => {
    expect(greetingName({ name: "Jessica Barnes", preferredName: "Jess" })).toBe("Jess");
    expect(greetingName({ name: "  Amira   Khan ", preferredName: " " })).toBe("Amira");
    expect(greetingName({ name: "Tyler", preferredName: "" })).toBe("Tyler");
  });
});

describe("feedback forms", () => {
  it("a paper form: satisfaction 1 to 5, yes, no or not sure, their own words cleaned", () => {
    const parsed = FeedbackActionSchema.parse({
      intent: "paper",
      participantId: PERSON,
      occasion: "CONFERENCE",
      givenOn: "2026-11-30",
      satisfaction: "5",
      feltSafe: "YES",
      feltHeard: "NO",
      feltPrepared: "NOT_SURE",
      comments: "  thank you\u202e ",
    });
    expect(parsed).toEqual({
      intent: "paper",
      participantId: PERSON,
      occasion: "CONFERENCE",
      givenOn: "2026-11-30",
      satisfaction: 5,
      feltSafe: true,
      feltHeard: false,
      feltPrepared: null,
      wouldRecommend: null,
      comments: "thank you",
    });
  });

  it("refuses what cannot be right, in sentences", () => {
    const base = { intent: "paper", participantId: PERSON, occasion: "CONFERENCE", givenOn: "2026-11-30" };
    for (const satisfaction of ["0", "6", "3.5", "five"]) {
      expect(errorsOf(FeedbackActionSchema.safeParse({ ...base, satisfaction })).satisfaction).toBe("Choose how satisfied, from 1 (very unhappy) to 5 (very happy)");
    }
    expect(errorsOf(FeedbackActionSchema.safeParse({ ...base, feltSafe: "true" })).feltSafe).toBe("Answer yes, no or not sure");
    expect(errorsOf(FeedbackActionSchema.safeParse({ ...base, occasion: "TRIAL", satisfaction: "3" })).occasion).toBe("Choose when the feedback was asked for");
    expect(errorsOf(FeedbackActionSchema.safeParse(base)).form).toBe("Answer at least one question, or record that they declined");
    expect(errorsOf(FeedbackActionSchema.safeParse({ intent: "rewrite" })).intent).toBe("Unknown action");
  });

  it("the day given is a real day, not in the future", () => {
    expect(GivenOnSchema.safeParse(serviceDate()).success).toBe(true);
    expect(errorsOf(GivenOnSchema.safeParse("2026-02-30")).form).toBe("Enter a real date from 2000 onwards");
    expect(errorsOf(GivenOnSchema.safeParse("2999-01-01")).form).toBe("The date given cannot be in the future");
    expect(errorsOf(GivenOnSchema.safeParse("30/11/2026")).form).toBe("Enter the date as day, month and year");
  });

  it("the participant answers something or says they would rather not; a decline carries no answers", () => {
    expect(ParticipantAnswerSchema.parse({ intent: "answer", wouldRecommend: "YES" })).toMatchObject({ wouldRecommend: true, satisfaction: null, comments: "" });
    expect(errorsOf(ParticipantAnswerSchema.safeParse({ intent: "answer", comments: "   " })).form).toBe(
      "Answer at least one question, or choose \u201cI\u2019d rather not say\u201d",
    );
    expect(ParticipantAnswerSchema.parse({ intent: "decline", satisfaction: "5", comments: "ignored" })).toEqual({ intent: "decline" });
  });

  it("leaving participant mode needs a password", () => {
    expect(errorsOf(LeaveParticipantModeSchema.safeParse({ password: "" })).password).toBe("Enter your password");
    expect(LeaveParticipantModeSchema.safeParse({ password: "circle-demo-2026" }).success).toBe(true);
  });
});
