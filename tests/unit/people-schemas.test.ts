import { describe, expect, it } from "vitest";
import { AddContactSchema, ConsentActionSchema, ParticipantActionSchema } from "~/models/people-schemas";
import { fieldErrors } from "~/utils/schemas";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) => (result.success ? {} : fieldErrors(result.error!));
const person = { intent: "add", role: "PERSON_HARMED", name: "Jo", contactMethod: "PHONE", contactFrequency: "WEEKLY" };
const SOME_ID = "cmbx3k9qv0000abcdefghijkl";

describe("participant forms", () => {
  it("reads one ticked access need as a list, no ticks as none, and the enhanced-rights box as a boolean", () => {
    const one = ParticipantActionSchema.parse({ ...person, accessNeeds: "HEARING", enhancedRights: "on" });
    expect(one).toMatchObject({ accessNeeds: ["HEARING"], enhancedRights: true, email: "", supportsId: null });
    expect(ParticipantActionSchema.parse(person)).toMatchObject({ accessNeeds: [], enhancedRights: false });
    expect(ParticipantActionSchema.parse({ ...person, accessNeeds: ["HEARING", "MOBILITY"] })).toMatchObject({ accessNeeds: ["HEARING", "MOBILITY"] });
  });

  it("a supporter must name the person they support, and not themselves", () => {
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, role: "SUPPORTER" }))).toEqual({ supportsId: "Choose the person they support" });
    const self = ParticipantActionSchema.safeParse({ ...person, intent: "edit", participantId: SOME_ID, role: "SUPPORTER", supportsId: SOME_ID });
    expect(errorsOf(self)).toEqual({ supportsId: "Someone cannot be their own supporter" });
    expect(ParticipantActionSchema.parse({ ...person, role: "SUPPORTER", supportsId: SOME_ID })).toMatchObject({ supportsId: SOME_ID });
  });

  it("Victims' Code: an offer cannot be in the future; not inviting needs a reason; the choice must be one of the two", () => {
    const base = { intent: "victims-code", participantId: SOME_ID };
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...base, outcome: "offered", infoOfferedAt: "2099-01-01T09:00" }))).toEqual({
      infoOfferedAt: "That is in the future: enter when it happened",
    });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...base, outcome: "not-invited" }))).toEqual({ notInvitedReason: "Say why they are not being invited" });
    expect(Object.keys(errorsOf(ParticipantActionSchema.safeParse({ ...base, outcome: "maybe" })))).toEqual(["outcome"]);
    expect(ParticipantActionSchema.parse({ ...base, outcome: "offered", infoOfferedAt: "2026-01-05T10:30" })).toMatchObject({ infoOfferedAt: new Date("2026-01-05T10:30:00Z") });
  });
});

describe("consent forms", () => {
  const entry = { intent: "record", participantId: SOME_ID, element: "TAKE_PART", answer: "YES", method: "PHONE", givenAt: "2026-06-01T10:00" };

  it("sharing information needs a named party, for a new answer and for a withdrawal", () => {
    expect(errorsOf(ConsentActionSchema.safeParse({ ...entry, element: "SHARE_INFORMATION" }))).toEqual({ sharedWith: "Name who the information may be shared with" });
    expect(errorsOf(ConsentActionSchema.safeParse({ intent: "withdraw", participantId: SOME_ID, element: "SHARE_INFORMATION" }))).toEqual({
      sharedWith: "Name who the information may be shared with",
    });
    expect(ConsentActionSchema.parse({ ...entry, element: "SHARE_INFORMATION", sharedWith: " Probation " })).toMatchObject({ sharedWith: "Probation" });
  });

  it("an answer cannot be given in the future, but a minute of clock slack is allowed", () => {
    expect(errorsOf(ConsentActionSchema.safeParse({ ...entry, givenAt: "2099-06-01T10:00" }))).toEqual({ givenAt: "That is in the future: enter when it happened" });
    expect(ConsentActionSchema.safeParse({ ...entry, givenAt: new Date(Date.now() + 30_000).toISOString() }).success).toBe(true);
  });

  it("a withdrawal carries no answer, method or time from the browser", () => {
    const parsed = ConsentActionSchema.parse({ intent: "withdraw", participantId: SOME_ID, element: "TAKE_PART", answer: "YES", method: "LETTER" });
    expect(parsed).toEqual({ intent: "withdraw", participantId: SOME_ID, element: "TAKE_PART", sharedWith: "", confirm: "" });
  });
});

describe("contact form", () => {
  const visit = { intent: "add", kind: "VISIT", occurredAt: "2026-06-01T10:00", place: "HOME", status: "COMPLETED" };

  it("cancelled and did-not-attend need a reason", () => {
    expect(errorsOf(AddContactSchema.safeParse({ ...visit, status: "CANCELLED" }))).toEqual({ statusReason: "Say why it was cancelled" });
    expect(errorsOf(AddContactSchema.safeParse({ ...visit, status: "NO_SHOW" }))).toEqual({ statusReason: "Say why they did not attend" });
  });

  it("only a cancelled contact may carry a future date (its planned date)", () => {
    const future = "2099-01-01T10:00";
    expect(errorsOf(AddContactSchema.safeParse({ ...visit, occurredAt: future }))).toEqual({ occurredAt: "That is in the future: enter when it happened" });
    expect(AddContactSchema.safeParse({ ...visit, occurredAt: future, status: "CANCELLED", statusReason: "Ill" }).success).toBe(true);
  });

  it("elsewhere needs a place; no participant or co-worker is null", () => {
    expect(errorsOf(AddContactSchema.safeParse({ ...visit, place: "OTHER" }))).toEqual({ placeDetail: "Say where it was" });
    expect(AddContactSchema.parse({ ...visit, participantId: "", coWorkerId: "" })).toMatchObject({ participantId: null, coWorkerId: null });
  });
});
