import { describe, expect, it } from "vitest";
import { Refusal, refusalAck, refusalBody } from "~/utils/refusal";

describe("Refusal: one way for a rule to say no", () => {
  it("says what to do in one sentence, beside the form by default, as a conflict", () => {
    const refusal = new Refusal("This letter is closed.");
    expect(refusal.message).toBe("This letter is closed.");
    expect(refusal.status).toBe(409);
    expect(refusalBody(refusal, "comment")).toEqual({ ok: false, errors: { form: "This letter is closed." }, reasons: ["This letter is closed."], intent: "comment" });
  });

  it("keeps a gate's separate reasons as a list, and puts the message beside the field named", () => {
    const refusal = new Refusal(["Record consent.", "Assess the risk."], { status: 400, field: "attendees" });
    expect(refusalBody(refusal)).toEqual({
      ok: false,
      errors: { attendees: "Record consent. Assess the risk." },
      reasons: ["Record consent.", "Assess the risk."],
      intent: undefined,
    });
    expect(refusal.status).toBe(400);
  });

  it("answers a Socket.IO event with its message and the matching ack error", () => {
    expect(refusalAck(new Refusal("Not while on hold."))).toEqual({ ok: false, error: "forbidden", message: "Not while on hold." });
    expect(refusalAck(new Refusal("No such step.", { status: 404 }))).toEqual({ ok: false, error: "not_found", message: "No such step." });
    expect(refusalAck(new Refusal("Choose a step.", { status: 400 }))).toEqual({ ok: false, error: "invalid", message: "Choose a step." });
  });

  it("marks an attempt to change what may never change, so the route can audit it", () => {
    expect(new Refusal("Approved.", { tamper: true }).tamper).toBe(true);
    expect(new Refusal("Closed.").tamper).toBe(false);
  });
});
