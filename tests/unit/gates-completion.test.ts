import { describe, expect, it } from "vitest";
import { completionGate, type GateFacts, type GateGuardian, type GateParticipant, type GateResult } from "~/models/gates";
import type { ConsentAnswer, ConsentElement } from "~/utils/preparation";

// Closing as completed records how, and reports count it: each way must be true of the case.

const yes = (...elements: ConsentElement[]) => Object.fromEntries(elements.map((e) => [e, "YES"])) as Partial<Record<ConsentElement, ConsentAnswer>>;
const NOW = new Date("2026-12-07T12:00:00Z");

function person(role: GateParticipant["role"], over: Partial<GateParticipant> = {}): GateParticipant {
  const base = role === "PERSON_HARMED" ? { id: "ph", name: "Jessica Barnes", preferredName: "Jess" } : { id: "pr", name: "Daniel Price", preferredName: "" };
  return { role, infoOfferedAt: new Date("2026-01-02"), notInvitedReason: null, consent: yes("TAKE_PART", "PASS_MESSAGES"), dateOfBirth: "1980-01-01", ...base, ...over };
}

/** A case in preparation where only indirect communication was possible: no conference booked. */
function facts(participants: GateParticipant[] = [person("PERSON_HARMED"), person("PERSON_RESPONSIBLE")]): GateFacts {
  return {
    stage: "PREPARATION",
    sensitive: false,
    participants,
    currentAssessment: { id: "ra1", recommendation: "INDIRECT_ONLY" },
    approval: null,
    hasScheduledConference: false,
    now: NOW,
  };
}

const NOTHING_HAPPENED = { conferenceHeld: false, letterReleased: false, messageDelivered: false };
/** A message passed between the parties reached its recipient: indirect communication took place. */
const DELIVERED = { ...NOTHING_HAPPENED, messageDelivered: true };
const reasons = (r: GateResult) => (r.ok ? [] : r.reasons);

describe("completionGate: may the case close as completed this way?", () => {
  it("indirect messages: both people agreed to have questions and answers passed on, with no conference or letter needed", () => {
    expect(completionGate(facts(), DELIVERED, "INDIRECT_MESSAGES")).toEqual({ ok: true });
  });

  it("indirect messages: refused until a message has reached the other party, whatever the consents", () => {
    expect(reasons(completionGate(facts(), NOTHING_HAPPENED, "INDIRECT_MESSAGES"))).toEqual([
      "No message has reached the other party: record a delivery on the messages page, or choose how the case was completed.",
    ]);
    // A conference or a letter is not indirect communication through the facilitator.
    expect(completionGate(facts(), { conferenceHeld: true, letterReleased: true, messageDelivered: false }, "INDIRECT_MESSAGES").ok).toBe(false);
  });

  it("indirect messages: refused while either has not agreed, said no or withdrawn, naming who and what", () => {
    const notAsked = facts([person("PERSON_HARMED", { consent: yes("TAKE_PART") }), person("PERSON_RESPONSIBLE")]);
    expect(reasons(completionGate(notAsked, DELIVERED, "INDIRECT_MESSAGES"))).toEqual([
      "Jess (person harmed) has not yet agreed to have questions and answers passed on by the facilitator.",
    ]);
    const refused = facts([person("PERSON_HARMED"), person("PERSON_RESPONSIBLE", { consent: { TAKE_PART: "YES", PASS_MESSAGES: "NO" } })]);
    expect(reasons(completionGate(refused, DELIVERED, "INDIRECT_MESSAGES"))).toEqual([
      "Daniel Price (person responsible) has said no to: have questions and answers passed on by the facilitator.",
    ]);
    const withdrawn = facts([person("PERSON_HARMED", { consent: { PASS_MESSAGES: "WITHDRAWN" } }), person("PERSON_RESPONSIBLE")]);
    expect(reasons(completionGate(withdrawn, DELIVERED, "INDIRECT_MESSAGES"))).toEqual([
      "Jess (person harmed) has withdrawn consent to have questions and answers passed on by the facilitator.",
    ]);
  });

  it("indirect messages: consent to a letter or to meet does not stand in for it", () => {
    const lettersOnly = facts([person("PERSON_HARMED", { consent: yes("TAKE_PART", "LETTER", "MEET_FACE_TO_FACE") }), person("PERSON_RESPONSIBLE")]);
    expect(completionGate(lettersOnly, { conferenceHeld: true, letterReleased: true, messageDelivered: true }, "INDIRECT_MESSAGES").ok).toBe(false);
  });

  it("indirect messages: refused when the person harmed or responsible is not on the case", () => {
    expect(reasons(completionGate(facts([person("PERSON_HARMED")]), DELIVERED, "INDIRECT_MESSAGES"))).toEqual(["Add the person responsible to the case first."]);
  });

  it("indirect messages: a child's yes needs a parent or guardian's yes beside it", () => {
    const mum = (consent: GateGuardian["consent"]): GateGuardian => ({ id: "g1", name: "Karen Ward", preferredName: "", consent });
    const child = (guardians: GateGuardian[]) =>
      person("PERSON_RESPONSIBLE", { name: "Ellie Ward", dateOfBirth: "2011-05-01", consentGivenAt: { PASS_MESSAGES: "2026-12-01T10:00:00Z" }, guardians });
    expect(reasons(completionGate(facts([person("PERSON_HARMED"), child([mum(yes("TAKE_PART"))])]), DELIVERED, "INDIRECT_MESSAGES"))).toEqual([
      "Ellie Ward (person responsible) is under 18, so a parent or guardian must also agree to have questions and answers passed on by the facilitator (Karen Ward has not yet agreed).",
    ]);
    expect(completionGate(facts([person("PERSON_HARMED"), child([mum(yes("PASS_MESSAGES"))])]), DELIVERED, "INDIRECT_MESSAGES")).toEqual({ ok: true });
  });

  it("a conference: only once one was held, whatever the consents", () => {
    expect(reasons(completionGate(facts(), NOTHING_HAPPENED, "CONFERENCE"))).toEqual([
      "No conference has been held on this case: choose how it was completed, or close it with another reason.",
    ]);
    expect(completionGate(facts([]), { conferenceHeld: true, letterReleased: false, messageDelivered: false }, "CONFERENCE")).toEqual({ ok: true });
  });

  it("letters: only once a letter was released to the person harmed", () => {
    expect(reasons(completionGate(facts(), { conferenceHeld: true, letterReleased: false, messageDelivered: false }, "LETTERS"))).toEqual([
      "No letter has been released to the person harmed: choose how the case was completed, or close it with another reason.",
    ]);
    expect(completionGate(facts(), { conferenceHeld: false, letterReleased: true, messageDelivered: false }, "LETTERS")).toEqual({ ok: true });
  });
});
