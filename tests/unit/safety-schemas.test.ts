import { describe, expect, it } from "vitest";
import { CloseCaseSchema } from "~/models/case-record-schemas";
import { RiskAssessmentSchema, StageMoveSchema } from "~/models/safety-schemas";
import { fieldErrors } from "~/utils/schemas";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) => (result.success ? {} : fieldErrors(result.error!));

describe("closing as completed says how it was completed", () => {
  const close = { intent: "move", to: "CLOSED", closureReason: "COMPLETED", closureNote: "" };

  it("asks how, on the case screen and on the case record alike", () => {
    expect(errorsOf(StageMoveSchema.safeParse(close))).toEqual({ completedBy: "Choose how the case was completed" });
    expect(errorsOf(StageMoveSchema.safeParse({ ...close, completedBy: "" }))).toEqual({ completedBy: "Choose how the case was completed" });
    expect(errorsOf(CloseCaseSchema.safeParse({ intent: "close", closureReason: "COMPLETED", closureNote: "" }))).toEqual({ completedBy: "Choose how the case was completed" });
  });

  it("takes one of the three ways and no other", () => {
    for (const way of ["CONFERENCE", "LETTERS", "INDIRECT_MESSAGES"]) expect(StageMoveSchema.parse({ ...close, completedBy: way })).toMatchObject({ completedBy: way });
    expect(errorsOf(StageMoveSchema.safeParse({ ...close, completedBy: "CARRIER_PIGEON" }))).toEqual({ completedBy: "Choose how the case was completed" });
  });

  it("does not ask when the case closes for another reason", () => {
    expect(StageMoveSchema.safeParse({ ...close, closureReason: "WITHDRAWN" }).success).toBe(true);
  });
});

describe("the risk assessment's questions for indirect work", () => {
  const assessment = {
    intent: "assess",
    physicalHarm: "LOW",
    emotionalHarm: "MEDIUM",
    vulnerability: "LOW",
    powerImbalance: "LOW",
    acknowledges: "FULLY",
    overall: "LOW",
    recommendation: "INDIRECT_ONLY",
  };

  it("are optional: an assessment without them is whole, with empty answers", () => {
    expect(RiskAssessmentSchema.parse(assessment)).toMatchObject({ messagesRisk: "", doNotPassOn: "", inCustody: false, custodyRules: "" });
  });

  it("keep what was typed, trimmed", () => {
    const parsed = RiskAssessmentSchema.parse({
      ...assessment,
      messagesRisk: " Questions about the night may distress her. ",
      doNotPassOn: "Her new address",
      inCustody: "on",
      custodyRules: "Letters are read by the prison's offender management unit.",
    });
    expect(parsed).toMatchObject({ messagesRisk: "Questions about the night may distress her.", doNotPassOn: "Her new address", inCustody: true });
  });

  it("ask for the prison's rules on correspondence when the person responsible is in custody", () => {
    expect(errorsOf(RiskAssessmentSchema.safeParse({ ...assessment, inCustody: "on", custodyRules: " " }))).toEqual({
      custodyRules: "Say what the prison's rules on correspondence mean for passing messages or letters",
    });
  });

  it("refuse answers that are too long", () => {
    expect(errorsOf(RiskAssessmentSchema.safeParse({ ...assessment, doNotPassOn: "x".repeat(2001) }))).toEqual({
      doNotPassOn: "What must not be passed on must be at most 2000 characters",
    });
  });
});
