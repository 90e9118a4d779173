import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  assessmentStageOf,
  bookedConferenceStands,
  conferenceGate,
  isAssessmentCurrent,
  letterGate,
  nextContactDue,
  nextStages,
  stageGate,
  victimsCodeStatus,
  type GateFacts,
  type GateParticipant,
  type GateResult,
} from "~/models/gates";
import type { ConsentAnswer, ConsentElement, Recommendation } from "~/utils/preparation";
import { STAGES, type Stage } from "~/utils/roles";

// Every rule has one case that passes and one that is refused (issue 4).

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

const withConsent = (role: GateParticipant["role"], element: ConsentElement, answer: ConsentAnswer | undefined): GateParticipant[] => [
  person("PERSON_HARMED"),
  person("PERSON_RESPONSIBLE"),
].map((p) => {
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
    expect(reasons(conferenceGate(ready({ stage: "ASSESSMENT" })))).toEqual([
      "A conference is scheduled from the preparation stage; this case is at assessment.",
    ]);
    expect(conferenceGate(ready({ stage: "CONFERENCE_SCHEDULED" })).ok).toBe(false);
  });

  it("needs a person harmed and a person responsible, each named once", () => {
    expect(reasons(conferenceGate(ready({ participants: [] })))).toEqual([
      "Add the person harmed to the case first.",
      "Add the person responsible to the case first.",
    ]);
  });

  it.each(["TAKE_PART", "MEET_FACE_TO_FACE"] as const)("needs both people's consent to %s", (element) => {
    expect(conferenceGate(ready({ participants: withConsent("PERSON_HARMED", element, "YES") })).ok).toBe(true);
    const what = element === "TAKE_PART" ? "take part at all" : "meet face to face";
    expect(reasons(conferenceGate(ready({ participants: withConsent("PERSON_HARMED", element, undefined) })))).toEqual([
      `Jess (person harmed) has not yet agreed to ${what}.`,
    ]);
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
    expect(reasons(conferenceGate(ready({ currentAssessment: assess("DO_NOT_PROCEED") })))).toEqual([
      "The current risk assessment recommends not proceeding.",
    ]);
  });

  it("needs the supervisor's approval of the current assessment for a sensitive case", () => {
    expect(reasons(conferenceGate(ready({ sensitive: true })))).toEqual([
      "This case is sensitive or complex: a case supervisor must approve the current risk assessment first.",
    ]);
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

describe("letterGate: may the person responsible write a letter?", () => {
  it("passes with their consent to take part and write, even when only indirect communication is recommended", () => {
    expect(letterGate(ready({ currentAssessment: assess("INDIRECT_ONLY"), participants: [person("PERSON_RESPONSIBLE", { consent: yes("TAKE_PART", "LETTER") })] }))).toEqual({ ok: true });
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
      expect(reasons(stageGate(assessing({ currentAssessment: assess("DO_NOT_PROCEED") }), "PREPARATION"))).toEqual([
        "The current risk assessment recommends not proceeding.",
      ]);
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
    expect(victimsCodeStatus(friday, { ...p, notInvitedReason: "Declined contact" }, new Date("2026-12-07T00:00:00Z"))).toEqual({ state: "not_invited", reason: "Declined contact" });
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
