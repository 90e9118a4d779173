import { describe, expect, it } from "vitest";
import { AddContactSchema, ConsentActionSchema, ParticipantActionSchema } from "~/models/people-schemas";
import { ageOn, bandForAge, londonDay, under18At } from "~/utils/age";
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

describe("ages, professionals and guardians on the participant form", () => {
  const today = londonDay(new Date());
  const yearsAgo = (years: number, days = 0) => {
    const d = new Date(Date.now() - days * 864e5);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    return londonDay(d);
  };

  it("a date of birth is optional, and must be a real day, not in the future, and plausible", () => {
    expect(ParticipantActionSchema.parse(person)).toMatchObject({ dateOfBirth: null, ageBand: null });
    expect(ParticipantActionSchema.parse({ ...person, dateOfBirth: " 2011-03-14 " })).toMatchObject({ dateOfBirth: "2011-03-14" });
    expect(ParticipantActionSchema.parse({ ...person, dateOfBirth: today })).toMatchObject({ dateOfBirth: today });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: "2011-02-30" }))).toEqual({ dateOfBirth: "Enter a real date of birth like 2011-03-14" });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: "14/03/2011" }))).toEqual({ dateOfBirth: "Enter a real date of birth like 2011-03-14" });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: "2099-01-01" }))).toEqual({ dateOfBirth: "A date of birth cannot be in the future" });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: "1890-01-01" }))).toEqual({ dateOfBirth: "That would make them over 110: check the year" });
  });

  it("an age band comes from the list, and one beside a date of birth must agree with it", () => {
    expect(ParticipantActionSchema.parse({ ...person, ageBand: "14_15" })).toMatchObject({ ageBand: "14_15", dateOfBirth: null });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, ageBand: "TEEN" }))).toEqual({ ageBand: "Choose an age band from the list" });
    expect(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: yearsAgo(15, 10), ageBand: "14_15" }).success).toBe(true);
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, dateOfBirth: yearsAgo(15, 10), ageBand: "16_17" }))).toEqual({
      ageBand: "That age band (16 or 17) does not match the date of birth (15 today): leave the age band empty",
    });
  });

  it("a person responsible is at least 10, the age of criminal responsibility", () => {
    const responsible = { ...person, role: "PERSON_RESPONSIBLE" };
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...responsible, dateOfBirth: yearsAgo(9, 10) }))).toEqual({
      dateOfBirth: "A person responsible is at least 10, the age of criminal responsibility: check the date of birth",
    });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...responsible, ageBand: "UNDER_10" }))).toEqual({
      ageBand: "A person responsible is at least 10, the age of criminal responsibility: check the age band",
    });
    expect(ParticipantActionSchema.safeParse({ ...responsible, dateOfBirth: yearsAgo(10) }).success).toBe(true);
    // A person harmed may be any age.
    expect(ParticipantActionSchema.safeParse({ ...person, ageBand: "UNDER_10" }).success).toBe(true);
  });

  it("a professional says what kind and which agency; whom they support is optional", () => {
    const pro = { ...person, role: "PROFESSIONAL" };
    expect(errorsOf(ParticipantActionSchema.safeParse(pro))).toEqual({
      professionalType: "Choose what kind of professional they are",
      organisation: "Enter their agency or organisation",
    });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...pro, professionalType: "WIZARD", organisation: "X" }))).toEqual({
      professionalType: "Choose their profession from the list",
    });
    expect(ParticipantActionSchema.parse({ ...pro, professionalType: "SOCIAL_WORKER", organisation: " Medway Youth Justice Service " })).toMatchObject({
      professionalType: "SOCIAL_WORKER",
      organisation: "Medway Youth Justice Service",
      supportsId: null,
    });
    expect(ParticipantActionSchema.parse({ ...pro, professionalType: "TEACHER", organisation: "School", supportsId: SOME_ID })).toMatchObject({ supportsId: SOME_ID });
  });

  it("the new access needs are in the list", () => {
    expect(ParticipantActionSchema.parse({ ...person, accessNeeds: ["MENTAL_HEALTH", "LEARNING_DISABILITY"] })).toMatchObject({
      accessNeeds: ["MENTAL_HEALTH", "LEARNING_DISABILITY"],
    });
  });

  it("reads the guardian checkboxes as a list of ids, and nobody is their own parent or guardian", () => {
    const OTHER_ID = "cmbx3k9qv0000zyxwvutsrqpo";
    expect(ParticipantActionSchema.parse(person)).toMatchObject({ guardianOf: [] });
    expect(ParticipantActionSchema.parse({ ...person, guardianOf: SOME_ID })).toMatchObject({ guardianOf: [SOME_ID] });
    expect(ParticipantActionSchema.parse({ ...person, guardianOf: [SOME_ID, OTHER_ID] })).toMatchObject({ guardianOf: [SOME_ID, OTHER_ID] });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, guardianOf: "1 OR 1=1" }))).toEqual({ guardianOf: "Not a valid id" });
    expect(errorsOf(ParticipantActionSchema.safeParse({ ...person, intent: "edit", participantId: SOME_ID, guardianOf: SOME_ID }))).toEqual({
      guardianOf: "Someone cannot be their own parent or guardian",
    });
  });
});

describe("ages (app/utils/age.ts)", () => {
  it("counts whole years to a day; someone born on 29 February is a year older on 1 March", () => {
    expect(ageOn("2011-03-14", "2026-03-13")).toBe(14);
    expect(ageOn("2011-03-14", "2026-03-14")).toBe(15);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
  });
  it("a band under 18 is a child, 18 or over an adult, and not known is neither", () => {
    const at = new Date("2026-12-07T12:00:00Z");
    expect(under18At({ dateOfBirth: null, ageBand: "16_17" }, at)).toBe(true);
    expect(under18At({ dateOfBirth: null, ageBand: "18_24" }, at)).toBe(false);
    expect(under18At({ dateOfBirth: null, ageBand: "UNKNOWN" }, at)).toBeNull();
    expect(under18At({ dateOfBirth: null, ageBand: null }, at)).toBeNull();
    expect(under18At({ dateOfBirth: "2008-12-08", ageBand: null }, at)).toBe(true);
    expect(under18At({ dateOfBirth: "2008-12-07", ageBand: null }, at)).toBe(false);
  });
  it("a birthday starts at midnight in London", () => {
    expect(under18At({ dateOfBirth: "2009-06-10", ageBand: null }, new Date("2027-06-09T22:59:00Z"))).toBe(true);
    expect(under18At({ dateOfBirth: "2009-06-10", ageBand: null }, new Date("2027-06-09T23:00:00Z"))).toBe(false);
  });
  it("bands for an age", () => {
    expect([9, 10, 13, 14, 15, 16, 17, 18, 24, 25].map(bandForAge)).toEqual(["UNDER_10", "10_13", "10_13", "14_15", "14_15", "16_17", "16_17", "18_24", "18_24", "25_PLUS"]);
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

  it("takes an answer about having questions and answers passed on, with no named party", () => {
    expect(ConsentActionSchema.parse({ ...entry, element: "PASS_MESSAGES" })).toMatchObject({ element: "PASS_MESSAGES", sharedWith: "" });
  });

  it("an answer cannot be given in the future, but a minute of clock slack is allowed", () => {
    expect(errorsOf(ConsentActionSchema.safeParse({ ...entry, givenAt: "2099-06-01T10:00" }))).toEqual({ givenAt: "That is in the future: enter when it happened" });
    expect(ConsentActionSchema.safeParse({ ...entry, givenAt: new Date(Date.now() + 30_000).toISOString() }).success).toBe(true);
  });

  it("a parent or guardian answering is named by id; empty means the person's own answer", () => {
    expect(ConsentActionSchema.parse({ ...entry, guardianId: "" })).toMatchObject({ guardianId: null });
    expect(ConsentActionSchema.parse({ ...entry, guardianId: SOME_ID })).toMatchObject({ guardianId: SOME_ID });
    expect(errorsOf(ConsentActionSchema.safeParse({ ...entry, guardianId: "mum" }))).toEqual({ guardianId: "Not a valid id" });
  });

  it("a withdrawal carries no answer, method or time from the browser", () => {
    const parsed = ConsentActionSchema.parse({ intent: "withdraw", participantId: SOME_ID, element: "TAKE_PART", answer: "YES", method: "LETTER" });
    expect(parsed).toEqual({ intent: "withdraw", participantId: SOME_ID, guardianId: null, element: "TAKE_PART", sharedWith: "", confirm: "" });
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
