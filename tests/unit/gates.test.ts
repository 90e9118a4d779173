import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  ageFlags,
  assessmentStageOf,
  bookedConferenceStands,
  conferenceGate,
  holdSummary,
  isAssessmentCurrent,
  letterGate,
  letterWriterGate,
  messageWriterGate,
  nextContactDue,
  nextStages,
  stageGate,
  victimsCodeStatus,
  type GateFacts,
  type GateGuardian,
  type GateParticipant,
  type GateResult,
} from "~/models/gates";
import type { ConsentAnswer, ConsentElement, Recommendation } from "~/utils/preparation";
import { STAGES, type Stage } from "~/utils/roles";

// Every rule has one case that passes and one that is refused.

const yes = (...elements: ConsentElement[]) => Object.fromEntries(elements.map((e) => [e, "YES"])) as Partial<Record<ConsentElement, ConsentAnswer>>;
const ALL_YES = yes("TAKE_PART", "MEET_FACE_TO_FACE", "LETTER", "TOLD_OF_OUTCOME");

function person(role: GateParticipant["role"], over: Partial<GateParticipant> = {}): GateParticipant {
  const base = role === "PERSON_HARMED" ? { id: "ph", name: "Jessica Barnes", preferredName: "Jess" } : { id: "pr", name: "Daniel Price", preferredName: "" };
  return { role, infoOfferedAt: new Date("2026-01-02"), notInvitedReason: null, consent: ALL_YES, ...base, ...over };
}

/** A case ready for a face-to-face conference: both people agree, a proceed assessment, not sensitive. */
function ready(over: Partial<GateFacts> = {}): GateFacts {
  return {
    stage: "PREPARATION",
    sensitive: false,
    participants: [person("PERSON_HARMED"), person("PERSON_RESPONSIBLE")],
    currentAssessment: { id: "ra1", recommendation: "PROCEED" },
    approval: null,
    hasScheduledConference: false,
    ...over,
  };
}

const withConsent = (role: GateParticipant["role"], element: ConsentElement, answer: ConsentAnswer | undefined): GateParticipant[] =>
  [person("PERSON_HARMED"), person("PERSON_RESPONSIBLE")].map((p) => {
    if (p.role !== role) return p;
    const consent = { ...p.consent };
    if (answer === undefined) delete consent[element];
    else consent[element] = answer;
    return { ...p, consent };
  });

const reasons = (r: GateResult) => (r.ok ? [] : r.reasons);
const assess = (recommendation: Recommendation) => ({ id: "ra1", recommendation });

describe("conferenceGate: may a face-to-face conference be scheduled now?", () => {
  it("passes when everything is in place", () => {
    expect(conferenceGate(ready())).toEqual({ ok: true });
  });

  it("is only reached from the preparation stage", () => {
    expect(reasons(conferenceGate(ready({ stage: "ASSESSMENT" })))).toEqual(["A conference is scheduled from the preparation stage; this case is at assessment."]);
    expect(conferenceGate(ready({ stage: "CONFERENCE_SCHEDULED" })).ok).toBe(false);
  });

  it("needs a person harmed and a person responsible, each named once", () => {
    expect(reasons(conferenceGate(ready({ participants: [] })))).toEqual(["Add the person harmed to the case first.", "Add the person responsible to the case first."]);
  });

  it.each(["TAKE_PART", "MEET_FACE_TO_FACE"] as const)("needs both people's consent to %s", (element) => {
    expect(conferenceGate(ready({ participants: withConsent("PERSON_HARMED", element, "YES") })).ok).toBe(true);
    const what = element === "TAKE_PART" ? "take part at all" : "meet face to face";
    expect(reasons(conferenceGate(ready({ participants: withConsent("PERSON_HARMED", element, undefined) })))).toEqual([`Jess (person harmed) has not yet agreed to ${what}.`]);
    expect(reasons(conferenceGate(ready({ participants: withConsent("PERSON_RESPONSIBLE", element, "NO") })))).toEqual([
      `Daniel Price (person responsible) has said no to: ${what}.`,
    ]);
    expect(reasons(conferenceGate(ready({ participants: withConsent("PERSON_HARMED", element, "WITHDRAWN") })))).toEqual([
      `Jess (person harmed) has withdrawn consent to ${what}.`,
    ]);
    expect(conferenceGate(ready({ participants: withConsent("PERSON_RESPONSIBLE", element, "UNDECIDED") })).ok).toBe(false);
  });

  it("needs a current risk assessment for the stage", () => {
    expect(reasons(conferenceGate(ready({ currentAssessment: null })))).toEqual(["Complete a risk assessment for the preparation stage."]);
  });

  it("allows proceed and proceed-with-measures, refuses indirect-only and do-not-proceed", () => {
    expect(conferenceGate(ready({ currentAssessment: assess("PROCEED_WITH_MEASURES") })).ok).toBe(true);
    expect(reasons(conferenceGate(ready({ currentAssessment: assess("INDIRECT_ONLY") })))).toEqual([
      "The current risk assessment recommends indirect communication only: letters are possible, a conference is not.",
    ]);
    expect(reasons(conferenceGate(ready({ currentAssessment: assess("DO_NOT_PROCEED") })))).toEqual(["The current risk assessment recommends not proceeding."]);
  });

  it("needs the supervisor's approval of the current assessment for a sensitive case", () => {
    expect(reasons(conferenceGate(ready({ sensitive: true })))).toEqual(["This case is sensitive or complex: a case supervisor must approve the current risk assessment first."]);
    expect(reasons(conferenceGate(ready({ sensitive: true, approval: { decision: "DECLINED", comments: "Meet her separately first." } })))).toEqual([
      "The case supervisor did not approve the current risk assessment: Meet her separately first.",
    ]);
    expect(conferenceGate(ready({ sensitive: true, approval: { decision: "APPROVED", comments: "Fine." } }))).toEqual({ ok: true });
  });

  it("asks for an assessment, not an approval, when a sensitive case has none", () => {
    expect(reasons(conferenceGate(ready({ sensitive: true, currentAssessment: null })))).toEqual(["Complete a risk assessment for the preparation stage."]);
  });
});

describe("bookedConferenceStands: does a booking still hold after a change?", () => {
  it("holds for a case at conference scheduled whose facts are unchanged", () => {
    expect(bookedConferenceStands(ready({ stage: "CONFERENCE_SCHEDULED", hasScheduledConference: true }))).toEqual({ ok: true });
  });
  it("fails when consent is withdrawn", () => {
    const facts = ready({ stage: "CONFERENCE_SCHEDULED", participants: withConsent("PERSON_RESPONSIBLE", "MEET_FACE_TO_FACE", "WITHDRAWN") });
    expect(reasons(bookedConferenceStands(facts))).toEqual(["Daniel Price (person responsible) has withdrawn consent to meet face to face."]);
  });
});

describe("holdSummary: what the live screens say about a hold, naming nobody", () => {
  const booked = (over: Partial<GateFacts>) => ready({ stage: "CONFERENCE_SCHEDULED", hasScheduledConference: true, ...over });
  it.each([
    ["consent to meet withdrawn", booked({ participants: withConsent("PERSON_HARMED", "MEET_FACE_TO_FACE", "WITHDRAWN") }), "consent to meet was withdrawn"],
    ["consent to take part withdrawn", booked({ participants: withConsent("PERSON_RESPONSIBLE", "TAKE_PART", "WITHDRAWN") }), "consent to take part was withdrawn"],
    ["a no to meeting", booked({ participants: withConsent("PERSON_RESPONSIBLE", "MEET_FACE_TO_FACE", "NO") }), "consent to meet was refused"],
    ["the person responsible removed", booked({ participants: [person("PERSON_HARMED")] }), "someone the conference needs is no longer on the case"],
    ["an assessment that says indirect only", booked({ currentAssessment: assess("INDIRECT_ONLY") }), "the risk assessment no longer supports a conference"],
    ["a declined approval", booked({ sensitive: true, approval: { decision: "DECLINED", comments: "Not yet." } }), "the case supervisor declined the risk assessment"],
  ])("%s", (_label, facts, summary) => {
    expect(bookedConferenceStands(facts).ok).toBe(false);
    expect(holdSummary(facts)).toBe(summary);
    for (const p of facts.participants) {
      expect(holdSummary(facts)).not.toContain(p.name);
      if (p.preferredName) expect(holdSummary(facts)).not.toContain(p.preferredName);
    }
  });
  it("joins several reasons", () => {
    const participants = withConsent("PERSON_HARMED", "MEET_FACE_TO_FACE", "WITHDRAWN").map((p) =>
      p.role === "PERSON_HARMED" ? { ...p, consent: { ...p.consent, TAKE_PART: "WITHDRAWN" as const } } : p,
    );
    expect(holdSummary(booked({ participants }))).toBe("consent to take part was withdrawn; consent to meet was withdrawn");
  });
});

describe("letterGate: may the person responsible write a letter?", () => {
  it("passes with their consent to take part and write, even when only indirect communication is recommended", () => {
    expect(letterGate(ready({ currentAssessment: assess("INDIRECT_ONLY"), participants: [person("PERSON_RESPONSIBLE", { consent: yes("TAKE_PART", "LETTER") })] }))).toEqual({
      ok: true,
    });
  });
  it("is refused on a closed case", () => {
    expect(reasons(letterGate(ready({ stage: "CLOSED" })))).toEqual(["This case is closed."]);
  });
  it("needs a person responsible", () => {
    expect(reasons(letterGate(ready({ participants: [person("PERSON_HARMED")] })))).toEqual(["Add the person responsible to the case first."]);
  });
  it("needs their consent to take part and to write", () => {
    const facts = ready({ participants: [person("PERSON_RESPONSIBLE", { consent: yes("TAKE_PART") })] });
    expect(reasons(letterGate(facts))).toEqual(["Daniel Price (person responsible) has not agreed to: send or receive a letter."]);
    const none = ready({ participants: [person("PERSON_RESPONSIBLE", { consent: {} })] });
    expect(reasons(letterGate(none))).toHaveLength(2);
  });
  it("needs a current assessment that does not say stop", () => {
    expect(reasons(letterGate(ready({ currentAssessment: null })))).toEqual(["Complete a risk assessment for the preparation stage."]);
    expect(reasons(letterGate(ready({ currentAssessment: assess("DO_NOT_PROCEED") })))).toEqual(["The current risk assessment recommends not proceeding."]);
  });
});

describe("letterWriterGate: may someone other than the person responsible write a letter?", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const mum = (consent: GateGuardian["consent"]): GateGuardian => ({ id: "g1", name: "Karen Ward", preferredName: "", consent });
  const youngHarmed = (guardians: GateGuardian[], consent = yes("TAKE_PART", "LETTER")) =>
    person("PERSON_HARMED", {
      id: "kid",
      name: "Ellie Ward",
      preferredName: "",
      dateOfBirth: "2011-05-01",
      consent,
      consentGivenAt: { LETTER: "2026-12-01T10:00:00Z" },
      guardians,
    });
  it("leaves the person responsible to the letter gate", () => {
    expect(letterWriterGate(ready({ now }), "pr")).toEqual({ ok: true });
  });
  it("an adult writes with their own agreement", () => {
    expect(letterWriterGate(ready({ now }), "ph")).toEqual({ ok: true });
    const notAgreed = ready({ now, participants: [person("PERSON_HARMED", { consent: yes("TAKE_PART") })] });
    expect(reasons(letterWriterGate(notAgreed, "ph"))).toEqual(["Jess has not agreed to: send or receive a letter."]);
  });
  it("a child writes only with a parent or guardian's yes beside their own", () => {
    expect(reasons(letterWriterGate(ready({ now, participants: [youngHarmed([])] }), "kid"))).toEqual([
      "Ellie Ward (person harmed) is under 18: link a parent or guardian to them and record that person's consent to send or receive a letter.",
    ]);
    expect(reasons(letterWriterGate(ready({ now, participants: [youngHarmed([mum(yes("TAKE_PART"))])] }), "kid"))).toEqual([
      "Ellie Ward (person harmed) is under 18, so a parent or guardian must also agree to send or receive a letter (Karen Ward has not yet agreed).",
    ]);
    expect(letterWriterGate(ready({ now, participants: [youngHarmed([mum(yes("LETTER"))])] }), "kid")).toEqual({ ok: true });
    // Their own no stands whatever a parent says.
    expect(reasons(letterWriterGate(ready({ now, participants: [youngHarmed([mum(yes("LETTER"))], yes("TAKE_PART"))] }), "kid"))).toEqual([
      "Ellie Ward has not agreed to: send or receive a letter.",
    ]);
  });
});

describe("messageWriterGate: may a party write their own messages to the other?", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const mum = (consent: GateGuardian["consent"]): GateGuardian => ({ id: "g1", name: "Karen Ward", preferredName: "", consent });
  const child = (guardians: GateGuardian[]) =>
    person("PERSON_RESPONSIBLE", {
      id: "kid",
      name: "Ellie Ward",
      preferredName: "",
      dateOfBirth: "2011-05-01",
      consent: yes("PASS_MESSAGES"),
      consentGivenAt: { PASS_MESSAGES: "2026-12-01T10:00:00Z" },
      guardians,
    });
  it("needs their own yes to messages being passed", () => {
    expect(reasons(messageWriterGate(ready({ now }), "pr"))).toEqual(["Daniel Price has not agreed to messages being passed between the parties. Record their consent first."]);
    expect(messageWriterGate(ready({ now, participants: [person("PERSON_RESPONSIBLE", { consent: yes("PASS_MESSAGES") })] }), "pr")).toEqual({ ok: true });
  });
  it("a child's yes needs a parent or guardian's beside it", () => {
    expect(reasons(messageWriterGate(ready({ now, participants: [child([mum(yes("TAKE_PART"))])] }), "kid"))).toEqual([
      "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to have questions and answers passed on by the facilitator (Karen Ward has not yet agreed).",
    ]);
    expect(messageWriterGate(ready({ now, participants: [child([mum(yes("PASS_MESSAGES"))])] }), "kid")).toEqual({ ok: true });
  });
});

describe("stageGate: may the case move on by hand?", () => {
  it("refuses a move to the stage it is at", () => {
    expect(reasons(stageGate(ready(), "PREPARATION"))).toEqual(["The case is already at preparation."]);
  });
  it("never reopens a closed case", () => {
    expect(reasons(stageGate(ready({ stage: "CLOSED" }), "FOLLOW_UP"))).toEqual(["This case is closed. Only the service manager can reopen it."]);
  });
  it("closes from any open stage (the closure reason is the form's rule)", () => {
    for (const stage of STAGES.filter((s) => s !== "CLOSED")) expect(stageGate(ready({ stage }), "CLOSED")).toEqual({ ok: true });
  });
  it("reaches conference scheduled only by scheduling", () => {
    expect(reasons(stageGate(ready(), "CONFERENCE_SCHEDULED"))).toEqual(["Schedule the conference to move to this stage."]);
  });
  it("moves one step at a time, and never back", () => {
    expect(reasons(stageGate(ready({ stage: "REFERRAL" }), "PREPARATION"))).toEqual(["A case moves from referral to assessment next."]);
    expect(stageGate(ready({ stage: "ASSESSMENT" }), "REFERRAL").ok).toBe(false);
    expect(stageGate(ready({ stage: "CONFERENCE_SCHEDULED", hasScheduledConference: true }), "FOLLOW_UP").ok).toBe(false);
  });
  it("lets a case in preparation go straight to follow-up (indirect communication)", () => {
    expect(stageGate(ready({ currentAssessment: assess("INDIRECT_ONLY") }), "FOLLOW_UP")).toEqual({ ok: true });
  });

  describe("to assessment (Victims' Code)", () => {
    const referral = (over: Partial<GateFacts> = {}) => ready({ stage: "REFERRAL", currentAssessment: null, ...over });
    it("passes once the person harmed was offered information, or a reason not to invite them is recorded", () => {
      expect(stageGate(referral(), "ASSESSMENT")).toEqual({ ok: true });
      const notInvited = [person("PERSON_HARMED", { infoOfferedAt: null, notInvitedReason: "Asked not to be contacted" }), person("PERSON_RESPONSIBLE")];
      expect(stageGate(referral({ participants: notInvited }), "ASSESSMENT")).toEqual({ ok: true });
    });
    it("is refused until then", () => {
      const notOffered = [person("PERSON_HARMED", { infoOfferedAt: null }), person("PERSON_RESPONSIBLE")];
      expect(reasons(stageGate(referral({ participants: notOffered }), "ASSESSMENT"))).toEqual([
        "Record when Jess was offered information about restorative justice, or why they are not invited.",
      ]);
    });
    it("needs both the person harmed and the person responsible on the case", () => {
      expect(reasons(stageGate(referral({ participants: [] }), "ASSESSMENT"))).toEqual([
        "Add the person harmed to the case first.",
        "Add the person responsible to the case first.",
      ]);
    });
  });

  describe("to preparation", () => {
    const assessing = (over: Partial<GateFacts> = {}) => ready({ stage: "ASSESSMENT", ...over });
    it("passes with consent to take part and an assessment that does not say stop (indirect-only is fine)", () => {
      expect(stageGate(assessing(), "PREPARATION")).toEqual({ ok: true });
      expect(stageGate(assessing({ currentAssessment: assess("INDIRECT_ONLY") }), "PREPARATION")).toEqual({ ok: true });
    });
    it("is refused without consent to take part", () => {
      expect(reasons(stageGate(assessing({ participants: withConsent("PERSON_HARMED", "TAKE_PART", "NO") }), "PREPARATION"))).toEqual([
        "Jess (person harmed) has said no to: take part at all.",
      ]);
    });
    it("is refused without an assessment, or when it recommends not proceeding", () => {
      expect(reasons(stageGate(assessing({ currentAssessment: null }), "PREPARATION"))).toEqual(["Complete a risk assessment for the assessment stage."]);
      expect(reasons(stageGate(assessing({ currentAssessment: assess("DO_NOT_PROCEED") }), "PREPARATION"))).toEqual(["The current risk assessment recommends not proceeding."]);
    });
  });

  it("to conference held: needs a booked conference", () => {
    expect(stageGate(ready({ stage: "CONFERENCE_SCHEDULED", hasScheduledConference: true }), "CONFERENCE_HELD")).toEqual({ ok: true });
    expect(reasons(stageGate(ready({ stage: "CONFERENCE_SCHEDULED" }), "CONFERENCE_HELD"))).toEqual(["No conference is booked."]);
  });

  it("to follow-up: after the conference is held", () => {
    expect(stageGate(ready({ stage: "CONFERENCE_HELD" }), "FOLLOW_UP")).toEqual({ ok: true });
    expect(stageGate(ready({ stage: "ASSESSMENT" }), "FOLLOW_UP").ok).toBe(false);
  });
});

describe("nextStages: the choices offered on the case screen", () => {
  it.each<[Stage, Stage[]]>([
    ["REFERRAL", ["ASSESSMENT", "CLOSED"]],
    ["ASSESSMENT", ["PREPARATION", "CLOSED"]],
    ["PREPARATION", ["FOLLOW_UP", "CLOSED"]],
    ["CONFERENCE_SCHEDULED", ["CONFERENCE_HELD", "CLOSED"]],
    ["CONFERENCE_HELD", ["FOLLOW_UP", "CLOSED"]],
    ["FOLLOW_UP", ["CLOSED"]],
    ["CLOSED", []],
  ])("from %s", (from, expected) => {
    expect(nextStages(from)).toEqual(expected);
    // Scheduling has its own screen: it is never offered here.
    expect(nextStages(from)).not.toContain("CONFERENCE_SCHEDULED");
  });
});

describe("which assessment is current", () => {
  it("stays current while the case stays at its stage, and across booking a conference", () => {
    expect(isAssessmentCurrent("ASSESSMENT", "ASSESSMENT")).toBe(true);
    expect(isAssessmentCurrent("PREPARATION", "CONFERENCE_SCHEDULED")).toBe(true);
    expect(isAssessmentCurrent("CONFERENCE_SCHEDULED", "PREPARATION")).toBe(true);
    expect(assessmentStageOf("CONFERENCE_SCHEDULED")).toBe("PREPARATION");
  });
  it("is superseded when the case moves to another stage", () => {
    expect(isAssessmentCurrent("ASSESSMENT", "PREPARATION")).toBe(false);
    expect(isAssessmentCurrent("PREPARATION", "CONFERENCE_HELD")).toBe(false);
    expect(assessmentStageOf("FOLLOW_UP")).toBe("FOLLOW_UP");
  });
});

describe("Victims' Code clock", () => {
  const friday = new Date("2026-11-27T09:00:00Z");
  it("counts working days only", () => {
    expect(addWorkingDays(friday, 1).toISOString()).toBe("2026-11-30T09:00:00.000Z");
    expect(addWorkingDays(friday, 5).toISOString()).toBe("2026-12-04T09:00:00.000Z");
    expect(addWorkingDays(friday, 0)).toEqual(friday);
  });
  it("is on time within 5 working days (1 with enhanced rights), late after", () => {
    const offered = new Date("2026-12-03T12:00:00Z");
    expect(victimsCodeStatus(friday, { enhancedRights: false, infoOfferedAt: offered, notInvitedReason: null }, offered)).toMatchObject({ state: "offered", onTime: true });
    expect(victimsCodeStatus(friday, { enhancedRights: true, infoOfferedAt: offered, notInvitedReason: null }, offered)).toMatchObject({ state: "offered", onTime: false });
  });
  it("is due before the deadline and overdue after it, unless a reason not to invite is recorded", () => {
    const p = { enhancedRights: false, infoOfferedAt: null, notInvitedReason: null };
    expect(victimsCodeStatus(friday, p, new Date("2026-12-01T00:00:00Z")).state).toBe("due");
    expect(victimsCodeStatus(friday, p, new Date("2026-12-07T00:00:00Z")).state).toBe("overdue");
    expect(victimsCodeStatus(friday, { ...p, notInvitedReason: "Declined contact" }, new Date("2026-12-07T00:00:00Z"))).toEqual({
      state: "not_invited",
      reason: "Declined contact",
    });
  });
});

describe("nextContactDue", () => {
  const since = new Date("2026-11-01T10:00:00Z");
  it("is due a frequency after the last contact, or after the start when there was none", () => {
    expect(nextContactDue(new Date("2026-11-10T10:00:00Z"), since, 7)?.toISOString()).toBe("2026-11-17T10:00:00.000Z");
    expect(nextContactDue(null, since, 14)?.toISOString()).toBe("2026-11-15T10:00:00.000Z");
  });
  it("is never due without a routine frequency", () => {
    expect(nextContactDue(null, since, null)).toBeNull();
  });
});

describe("young people: a parent or guardian consents beside anyone under 18", () => {
  const NOW = new Date("2026-12-07T12:00:00Z");
  const mum = (consent: GateGuardian["consent"], over: Partial<GateGuardian> = {}): GateGuardian => ({ id: "g1", name: "Karen Ward", preferredName: "", consent, ...over });
  /** Ellie, the person responsible, 15 today, who has agreed to take part and to meet. */
  const ellie = (over: Partial<GateParticipant> = {}) =>
    person("PERSON_RESPONSIBLE", {
      id: "child",
      name: "Ellie Ward",
      dateOfBirth: "2011-05-01",
      consentGivenAt: { TAKE_PART: "2026-12-01T10:00:00Z", MEET_FACE_TO_FACE: "2026-12-01T10:00:00Z" },
      ...over,
    });
  const youth = (child: GateParticipant, over: Partial<GateFacts> = {}) =>
    ready({ participants: [person("PERSON_HARMED", { dateOfBirth: "1980-01-01" }), child], now: NOW, ...over });

  it("refuses a conference for a 15-year-old with no guardian linked, saying what to do", () => {
    expect(reasons(conferenceGate(youth(ellie())))).toEqual([
      "Ellie Ward (person responsible) is under 18: link a parent or guardian to them and record that person's consent to take part at all.",
      "Ellie Ward (person responsible) is under 18: link a parent or guardian to them and record that person's consent to meet face to face.",
    ]);
  });

  it("refuses while the guardian has not agreed to the same element, naming the guardian", () => {
    const takePartOnly = youth(ellie({ guardians: [mum(yes("TAKE_PART"))] }));
    expect(reasons(conferenceGate(takePartOnly))).toEqual([
      "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Karen Ward has not yet agreed).",
    ]);
    // Yes to a letter is not yes to meeting.
    expect(conferenceGate(youth(ellie({ guardians: [mum(yes("TAKE_PART", "LETTER"))] }))).ok).toBe(false);
  });

  it("allows it once a linked guardian says yes to taking part and to meeting", () => {
    expect(conferenceGate(youth(ellie({ guardians: [mum(yes("TAKE_PART", "MEET_FACE_TO_FACE"))] })))).toEqual({ ok: true });
  });

  it("one guardian's yes is enough when there are two; each one's state is named while none has agreed", () => {
    const dad = (consent: GateGuardian["consent"]) => mum(consent, { id: "g2", name: "Paul Ward", preferredName: "Paul" });
    expect(conferenceGate(youth(ellie({ guardians: [mum({ TAKE_PART: "NO", MEET_FACE_TO_FACE: "NO" }), dad(yes("TAKE_PART", "MEET_FACE_TO_FACE"))] }))).ok).toBe(true);
    expect(reasons(conferenceGate(youth(ellie({ guardians: [mum({ TAKE_PART: "YES", MEET_FACE_TO_FACE: "NO" }), dad({ TAKE_PART: "YES" })] }))))).toEqual([
      "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Karen Ward has said no; Paul has not yet agreed).",
    ]);
  });

  it("refuses again when the guardian withdraws, so a booked conference no longer stands", () => {
    const withdrawn = youth(ellie({ guardians: [mum({ TAKE_PART: "YES", MEET_FACE_TO_FACE: "WITHDRAWN" })] }), { stage: "CONFERENCE_SCHEDULED", hasScheduledConference: true });
    expect(reasons(bookedConferenceStands(withdrawn))).toEqual([
      "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Karen Ward has withdrawn consent).",
    ]);
  });

  it("still asks for the child's own answer: a guardian's yes does not stand in for it", () => {
    const own = ellie({ consent: yes("TAKE_PART"), guardians: [mum(yes("TAKE_PART", "MEET_FACE_TO_FACE"))] });
    expect(reasons(conferenceGate(youth(own)))).toEqual(["Ellie Ward (person responsible) has not yet agreed to meet face to face."]);
  });

  describe("turning 18 between answers: the age on the day of the answer counts", () => {
    // 18 on 10 December 2026.
    const turning = (givenAt: string, guardians: GateGuardian[] = []) =>
      ellie({ dateOfBirth: "2008-12-10", consentGivenAt: { TAKE_PART: givenAt, MEET_FACE_TO_FACE: givenAt }, guardians });
    const after = { now: new Date("2026-12-20T12:00:00Z") };

    it("an answer given the day before the 18th birthday still needs a guardian, after the birthday too", () => {
      expect(reasons(conferenceGate(youth(turning("2026-12-09T15:00:00Z"), after)))).toEqual([
        "Ellie Ward (person responsible) was under 18 when they answered about take part at all: link a parent or guardian to them and record that person's consent, or record Ellie Ward's own answer again now they are 18.",
        "Ellie Ward (person responsible) was under 18 when they answered about meet face to face: link a parent or guardian to them and record that person's consent, or record Ellie Ward's own answer again now they are 18.",
      ]);
      expect(reasons(conferenceGate(youth(turning("2026-12-09T15:00:00Z", [mum({})]), after)))).toEqual([
        "Ellie Ward (person responsible) was under 18 when they answered about take part at all: a parent or guardian must also agree (Karen Ward has not yet agreed), or record Ellie Ward's own answer again now they are 18.",
        "Ellie Ward (person responsible) was under 18 when they answered about meet face to face: a parent or guardian must also agree (Karen Ward has not yet agreed), or record Ellie Ward's own answer again now they are 18.",
      ]);
      expect(conferenceGate(youth(turning("2026-12-09T15:00:00Z", [mum(yes("TAKE_PART", "MEET_FACE_TO_FACE"))]), after)).ok).toBe(true);
    });

    it("an answer given on the birthday, or after, needs no guardian", () => {
      expect(conferenceGate(youth(turning("2026-12-10T09:00:00Z"), after))).toEqual({ ok: true });
      expect(conferenceGate(youth(turning("2026-12-15T09:00:00Z"), after))).toEqual({ ok: true });
    });

    it("the birthday begins at midnight in London, not in UTC", () => {
      // 18 on 10 June 2027: 23:30 UTC on 9 June is 00:30 on 10 June in London (summer time).
      const summer = (givenAt: string) => ellie({ dateOfBirth: "2009-06-10", consentGivenAt: { TAKE_PART: givenAt, MEET_FACE_TO_FACE: givenAt } });
      const later = { now: new Date("2027-07-01T12:00:00Z") };
      expect(conferenceGate(youth(summer("2027-06-09T23:30:00Z"), later))).toEqual({ ok: true });
      expect(conferenceGate(youth(summer("2027-06-09T22:30:00Z"), later)).ok).toBe(false);
    });

    it("each element counts its own answer's day", () => {
      const mixed = ellie({
        dateOfBirth: "2008-12-10",
        consentGivenAt: { TAKE_PART: "2026-12-01T10:00:00Z", MEET_FACE_TO_FACE: "2026-12-12T10:00:00Z" },
        guardians: [mum(yes("TAKE_PART"))],
      });
      expect(conferenceGate(youth(mixed, after))).toEqual({ ok: true });
      const mixedNo = ellie({ ...mixed, guardians: [mum(yes("MEET_FACE_TO_FACE"))] });
      expect(reasons(conferenceGate(youth(mixedNo, after)))).toHaveLength(1);
    });
  });

  describe("an age band instead of a date of birth", () => {
    it.each(["UNDER_10", "10_13", "14_15", "16_17"])("%s counts as a child whatever the day", (band) => {
      const banded = ellie({ dateOfBirth: null, ageBand: band, consentGivenAt: { TAKE_PART: "2020-01-01T10:00:00Z", MEET_FACE_TO_FACE: "2030-01-01T10:00:00Z" } });
      expect(reasons(conferenceGate(youth(banded)))).toHaveLength(2);
      expect(conferenceGate(youth({ ...banded, guardians: [mum(yes("TAKE_PART", "MEET_FACE_TO_FACE"))] }))).toEqual({ ok: true });
    });
    it.each(["18_24", "25_PLUS"])("%s is an adult", (band) => {
      expect(conferenceGate(youth(ellie({ dateOfBirth: null, ageBand: band })))).toEqual({ ok: true });
    });
  });

  describe("an age nobody has recorded", () => {
    it("does not refuse, but is flagged for the person harmed and the person responsible only", () => {
      const unknown = ready({
        participants: [person("PERSON_HARMED", { ageBand: "UNKNOWN" }), person("PERSON_RESPONSIBLE"), { ...person("SUPPORTER"), id: "s1", name: "Sam Supporter" }],
      });
      expect(conferenceGate(unknown)).toEqual({ ok: true });
      expect(ageFlags(unknown)).toEqual([
        "Record Jess (person harmed)'s date of birth, or an age band: without it Circle cannot tell whether a parent or guardian must also consent.",
        "Record Daniel Price (person responsible)'s date of birth, or an age band: without it Circle cannot tell whether a parent or guardian must also consent.",
      ]);
      expect(ageFlags(youth(ellie()))).toEqual([]);
      expect(ageFlags(youth(ellie({ dateOfBirth: null, ageBand: "16_17" })))).toEqual([]);
    });
  });

  describe("other young people attending", () => {
    const sister = (over: Partial<GateParticipant> = {}): GateParticipant => ({
      ...person("SUPPORTER"),
      id: "sis",
      name: "Mia Ward",
      consent: {},
      consentGivenAt: {},
      dateOfBirth: "2013-02-02",
      ...over,
    });
    const adultEllie = () => ellie({ dateOfBirth: "1990-01-01" });

    it("a child supporter who attends needs their own and a guardian's yes; one who does not attend is not checked", () => {
      const facts = (s: GateParticipant, attendeeIds: string[] | null) => ready({ participants: [person("PERSON_HARMED"), adultEllie(), s], attendeeIds, now: NOW });
      expect(conferenceGate(facts(sister(), null))).toEqual({ ok: true });
      expect(conferenceGate(facts(sister(), ["ph", "child"]))).toEqual({ ok: true });
      expect(reasons(conferenceGate(facts(sister(), ["ph", "child", "sis"])))).toEqual([
        "Mia Ward (supporter) is under 18 and attending: record their own answer to take part at all first.",
        "Mia Ward (supporter) is under 18: link a parent or guardian to them and record that person's consent to take part at all.",
        "Mia Ward (supporter) is under 18 and attending: record their own answer to meet face to face first.",
        "Mia Ward (supporter) is under 18: link a parent or guardian to them and record that person's consent to meet face to face.",
      ]);
      const agreed = sister({ consent: yes("TAKE_PART", "MEET_FACE_TO_FACE"), guardians: [mum(yes("TAKE_PART", "MEET_FACE_TO_FACE"))] });
      expect(conferenceGate(facts(agreed, ["ph", "child", "sis"]))).toEqual({ ok: true });
    });
  });

  describe("the other gates that rely on consent to take part", () => {
    it("moving to preparation needs the guardian's yes to take part", () => {
      const assessment = youth(ellie({ consent: yes("TAKE_PART") }), { stage: "ASSESSMENT", currentAssessment: assess("PROCEED") });
      expect(reasons(stageGate(assessment, "PREPARATION"))).toEqual([
        "Ellie Ward (person responsible) is under 18: link a parent or guardian to them and record that person's consent to take part at all.",
      ]);
      const withMum = youth(ellie({ consent: yes("TAKE_PART"), guardians: [mum(yes("TAKE_PART"))] }), { stage: "ASSESSMENT", currentAssessment: assess("PROCEED") });
      expect(stageGate(withMum, "PREPARATION")).toEqual({ ok: true });
    });

    it("a young person responsible writes a letter only with a guardian's yes to taking part and to the letter", () => {
      const writer = (guardians: GateGuardian[]) =>
        youth(ellie({ consent: yes("TAKE_PART", "LETTER"), consentGivenAt: { TAKE_PART: "2026-12-01T10:00:00Z", LETTER: "2026-12-01T10:00:00Z" }, guardians }));
      expect(reasons(letterGate(writer([mum(yes("TAKE_PART"))])))).toEqual([
        "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to send or receive a letter (Karen Ward has not yet agreed).",
      ]);
      expect(letterGate(writer([mum(yes("TAKE_PART", "LETTER"))]))).toEqual({ ok: true });
    });
  });
});
