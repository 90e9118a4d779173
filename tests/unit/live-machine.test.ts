import { describe, expect, it } from "vitest";
import { applyLiveCommand, elapsedMs, holdLiveState, initialLiveState, releaseLiveState, type LiveCommand, type LiveContext, type LiveState } from "~/realtime/live-machine";
import { LiveCommandSchema } from "~/realtime/live-commands";

const STEP_IDS = ["cstep00000000000000000001", "cstep00000000000000000002", "cstep00000000000000000003"];
const SPEAKER = "cpart00000000000000000001";
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes));
const chair = (minutes = 0): LiveContext => ({ role: "chair", actorId: "lead", now: at(minutes), speakers: new Set([SPEAKER]) });
const assist = (minutes = 0): LiveContext => ({ ...chair(minutes), role: "assist", actorId: "co" });
/** A command without its version (distributes Omit over the union). */
type Cmd = LiveCommand extends infer C ? (C extends LiveCommand ? Omit<C, "expectedVersion"> : never) : never;

function fresh(): LiveState {
  return initialLiveState(STEP_IDS.map((id) => ({ id, status: "PENDING", markedAt: null })));
}

/** Applies a command that must succeed and returns the new state. */
function run(state: LiveState, command: Cmd, ctx = chair()): LiveState {
  const result = applyLiveCommand(state, { ...command, expectedVersion: state.version } as LiveCommand, ctx);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.message}`);
  return result.state;
}

function refused(state: LiveState, command: Cmd, ctx = chair(), version = state.version) {
  const result = applyLiveCommand(state, { ...command, expectedVersion: version } as LiveCommand, ctx);
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return result;
}

describe("live conference state machine", () => {
  it("starts on the first step, locks the seating plan and counts a version", () => {
    const s = run(fresh(), { type: "start" });
    expect(s).toMatchObject({ status: "LIVE", currentStepId: STEP_IDS[0], seatingLocked: true, version: 1, startedAt: at(0).toISOString() });
  });

  it("refuses to start without a script, or twice", () => {
    expect(refused(initialLiveState([]), { type: "start" }).message).toMatch(/no steps/);
    expect(refused(run(fresh(), { type: "start" }), { type: "start" }).message).toMatch(/already started/);
  });

  it("next marks the current step asked with its time and moves on one step", () => {
    const s = run(run(fresh(), { type: "start" }), { type: "next" }, chair(3));
    expect(s.currentStepId).toBe(STEP_IDS[1]);
    expect(s.steps[0]).toEqual({ id: STEP_IDS[0], status: "ASKED", markedAt: at(3).toISOString() });
    expect(s.steps[1]!.status).toBe("PENDING");
  });

  it("two taps on next made against the same version move one step, never two", () => {
    const started = run(fresh(), { type: "start" });
    const first = applyLiveCommand(started, { type: "next", expectedVersion: started.version }, chair(1));
    expect(first.ok).toBe(true);
    const afterFirst = (first as { state: LiveState }).state;
    const second = applyLiveCommand(afterFirst, { type: "next", expectedVersion: started.version }, assist(1));
    expect(second).toMatchObject({ ok: false });
    const again = applyLiveCommand(afterFirst, { type: "next", expectedVersion: started.version }, chair(1));
    expect(again).toMatchObject({ ok: false, error: "stale" });
    expect(afterFirst.currentStepId).toBe(STEP_IDS[1]);
  });

  it("refuses next on the last step with a clear message", () => {
    let s = run(fresh(), { type: "start" });
    s = run(run(s, { type: "next" }), { type: "next" });
    expect(refused(s, { type: "next" }).message).toMatch(/last step/);
  });

  it("jumps to any step and marks steps skipped or asked", () => {
    let s = run(fresh(), { type: "start" });
    s = run(s, { type: "jump", stepId: STEP_IDS[2]! });
    expect(s.currentStepId).toBe(STEP_IDS[2]);
    s = run(s, { type: "mark", stepId: STEP_IDS[1]!, status: "SKIPPED" }, chair(5));
    expect(s.steps[1]).toEqual({ id: STEP_IDS[1], status: "SKIPPED", markedAt: at(5).toISOString() });
    expect(refused(s, { type: "jump", stepId: "cnotastep0000000000000001" }).message).toMatch(/not in this conference/);
    expect(refused(s, { type: "jump", stepId: STEP_IDS[2]! }).message).toMatch(/already the current step/);
  });

  it("pause and resume leave the paused time out of the elapsed clock", () => {
    let s = run(fresh(), { type: "start" }, chair(0));
    s = run(s, { type: "pause" }, chair(10));
    expect(s.status).toBe("PAUSED");
    expect(elapsedMs(s, at(25).getTime())).toBe(10 * 60_000);
    expect(refused(s, { type: "next" }).message).toMatch(/Resume/);
    s = run(s, { type: "resume" }, chair(15));
    expect(s.pausedMs).toBe(5 * 60_000);
    expect(elapsedMs(s, at(20).getTime())).toBe(15 * 60_000);
  });

  it("a break may be called by either facilitator and starts a break timer", () => {
    let s = run(fresh(), { type: "start" });
    s = run(s, { type: "break" }, assist(7));
    expect(s).toMatchObject({ status: "PAUSED", breakStartedAt: at(7).toISOString(), breakRequestedById: "co" });
    s = run(s, { type: "resume" }, chair(12));
    expect(s).toMatchObject({ status: "LIVE", breakStartedAt: null, pausedMs: 5 * 60_000 });
  });

  it("the co-facilitator cannot chair; a follower can do nothing", () => {
    const s = run(fresh(), { type: "start" });
    for (const type of ["next", "pause", "end"] as const) {
      expect(refused(s, { type }, assist())).toMatchObject({ error: "forbidden", message: "Only the lead facilitator can do that." });
    }
    expect(refused(s, { type: "break" }, { ...chair(), role: "follow" })).toMatchObject({ error: "forbidden" });
  });

  it("names the current speaker only from the people attending", () => {
    let s = run(fresh(), { type: "start" });
    s = run(s, { type: "speaker", participantId: SPEAKER }, assist());
    expect(s.currentSpeakerId).toBe(SPEAKER);
    expect(refused(s, { type: "speaker", participantId: "cstranger0000000000000001" }).message).toMatch(/not attending/);
    s = run(s, { type: "next" });
    expect(s.currentSpeakerId).toBeNull();
  });

  it("ends once, marks the step in progress as asked, and then refuses everything but unlocking the plan", () => {
    let s = run(run(fresh(), { type: "start" }, chair(0)), { type: "end" }, chair(40));
    expect(s).toMatchObject({ status: "ENDED", endedAt: at(40).toISOString() });
    expect(s.steps[0]!.status).toBe("ASKED");
    expect(elapsedMs(s, at(90).getTime())).toBe(40 * 60_000);
    for (const type of ["next", "pause", "resume", "end", "break", "start"] as const) refused(s, { type });
    s = run(s, { type: "lock-seating", locked: false });
    expect(s.seatingLocked).toBe(false);
  });

  it("the lead can unlock and re-lock the seating plan", () => {
    let s = run(fresh(), { type: "start" });
    s = run(s, { type: "lock-seating", locked: false });
    expect(s.seatingLocked).toBe(false);
    expect(refused(s, { type: "lock-seating", locked: false }).message).toMatch(/already unlocked/);
    expect(refused(s, { type: "lock-seating", locked: true }, assist())).toMatchObject({ error: "forbidden" });
  });

  describe("on hold (the booking's gate stopped holding)", () => {
    const HOLD = { kind: "on-hold" as const, summary: "consent to meet was withdrawn", since: at(12).toISOString() };

    it("a running conference stops: the clock pauses, a break ends, nobody is speaking, and the version moves on", () => {
      let s = run(fresh(), { type: "start" }, chair(0));
      s = run(s, { type: "speaker", participantId: SPEAKER });
      const held = holdLiveState(s, at(12), HOLD)!;
      expect(held).toMatchObject({ status: "PAUSED", pausedAt: at(12).toISOString(), currentSpeakerId: null, breakStartedAt: null, hold: HOLD, version: s.version + 1 });
      expect(elapsedMs(held, at(50).getTime())).toBe(12 * 60_000);

      const onBreak = run(s, { type: "break" }, assist(5));
      expect(holdLiveState(onBreak, at(12), HOLD)).toMatchObject({ status: "PAUSED", pausedAt: at(5).toISOString(), breakStartedAt: null, breakRequestedById: null });
    });

    it("refuses every command but the seating lock, whatever its version, and names no one", () => {
      const s = holdLiveState(run(run(fresh(), { type: "start" }), { type: "next" }), at(12), HOLD)!;
      for (const command of [
        { type: "next" },
        { type: "resume" },
        { type: "end" },
        { type: "pause" },
        { type: "jump", stepId: STEP_IDS[0]! },
        { type: "mark", stepId: STEP_IDS[1]!, status: "SKIPPED" },
      ] as const) {
        const result = refused(s, command);
        expect(result).toMatchObject({
          error: "invalid",
          message: "This conference is on hold: consent to meet was withdrawn. Nothing can move on until it is re-booked from the case screen.",
        });
        expect(refused(s, command, chair(), s.version - 1).error).toBe("invalid");
      }
      expect(refused(s, { type: "break" }, assist()).message).toMatch(/on hold/);
      expect(run(s, { type: "lock-seating", locked: false })).toMatchObject({ seatingLocked: false, hold: HOLD });
    });

    it("a conference not yet started cannot start; a cancelled one says so", () => {
      expect(refused(holdLiveState(fresh(), at(1), HOLD)!, { type: "start" }).message).toMatch(/^This conference is on hold/);
      const cancelled = { ...run(fresh(), { type: "start" }), hold: { kind: "cancelled" as const, summary: "the booking was cancelled", since: null } };
      expect(refused(cancelled, { type: "end" }).message).toBe("This conference was cancelled.");
    });

    it("released (re-booked), a started conference waits paused for the lead, and resumes without counting the hold", () => {
      const held = holdLiveState(run(fresh(), { type: "start" }, chair(0)), at(12), HOLD)!;
      const released = releaseLiveState(held)!;
      expect(released).toMatchObject({ status: "PAUSED", hold: null, version: held.version + 1 });
      const resumed = run(released, { type: "resume" }, chair(70));
      expect(elapsedMs(resumed, at(75).getTime())).toBe(17 * 60_000);
      expect(releaseLiveState(resumed)).toBeNull();
    });

    it("an ended conference is not held", () => {
      expect(holdLiveState(run(run(fresh(), { type: "start" }), { type: "end" }), at(30), HOLD)).toBeNull();
    });
  });

  it("the command schema refuses unknown types, extra fields and bad versions", () => {
    expect(LiveCommandSchema.safeParse({ type: "next", expectedVersion: 1 }).success).toBe(true);
    expect(LiveCommandSchema.safeParse({ type: "skip-two", expectedVersion: 1 }).success).toBe(false);
    expect(LiveCommandSchema.safeParse({ type: "next", expectedVersion: 1, steps: 2 }).success).toBe(false);
    expect(LiveCommandSchema.safeParse({ type: "next", expectedVersion: -1 }).success).toBe(false);
    expect(LiveCommandSchema.safeParse({ type: "jump", stepId: "../etc", expectedVersion: 0 }).success).toBe(false);
  });
});
