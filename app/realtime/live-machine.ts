import type { LiveCommand, LiveCommandType } from "./live-commands";

/**
 * The live conference state machine, pure: the server loads the state, applies one
 * command, stores the result and the event in one transaction, then broadcasts. Every command
 * names the version it was made against; an older version is stale and refused, so two taps on
 * "next" from two tablets (or one impatient finger) never skip two steps.
 */
export const LIVE_STATUSES = ["READY", "LIVE", "PAUSED", "ENDED"] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];
export type StepStatus = "PENDING" | "ASKED" | "SKIPPED";

export type LiveStep = { id: string; status: StepStatus; markedAt: string | null };

export type LiveState = {
  status: LiveStatus;
  version: number;
  currentStepId: string | null;
  currentSpeakerId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  pausedAt: string | null;
  pausedMs: number;
  breakStartedAt: string | null;
  breakRequestedById: string | null;
  seatingLocked: boolean;
  /**
   * The booking is on hold (Conference.status ON_HOLD: a gate stopped holding, e.g. consent to
   * meet was withdrawn) or was cancelled, or null. Not a column of the live state: the store
   * derives it from the conference and its newest "hold" event on every read, so it can never
   * disagree with the booking. `summary` names no one ("consent to meet was withdrawn"): the live
   * screens may be seen by everyone in the room; the case screen gives the full reasons.
   */
  hold: LiveHold | null;
  /** The conference's steps in script order. */
  steps: LiveStep[];
};

export type LiveHold = { kind: "on-hold" | "cancelled"; summary: string; since: string | null };

/** Who is asking: the lead chairs; the co-facilitator assists (break, speaker); others follow. */
export type LiveRole = "chair" | "assist" | "follow";

// The commands' schema is in live-commands.ts: this module runs on every live screen, and the
// schema would bring zod with it.
export type { LiveCommand, LiveCommandType } from "./live-commands";

/** Which role may send which command. */
export const COMMAND_ROLES: Record<LiveCommandType, readonly LiveRole[]> = {
  start: ["chair"],
  pause: ["chair"],
  resume: ["chair"],
  end: ["chair"],
  next: ["chair"],
  jump: ["chair"],
  mark: ["chair"],
  speaker: ["chair", "assist"],
  break: ["chair", "assist"],
  "lock-seating": ["chair"],
};

export type LiveRefusal = { ok: false; error: "stale" | "forbidden" | "invalid"; message: string };
export type LiveResult = { ok: true; state: LiveState } | LiveRefusal;

const refuse = (error: LiveRefusal["error"], message: string): LiveRefusal => ({ ok: false, error, message });

export type LiveContext = {
  role: LiveRole;
  actorId: string;
  now: Date;
  /** Participant ids that may be named as the current speaker (attendees of the conference). */
  speakers: ReadonlySet<string>;
};

export function initialLiveState(steps: LiveStep[]): LiveState {
  return {
    status: "READY",
    version: 0,
    currentStepId: null,
    currentSpeakerId: null,
    startedAt: null,
    endedAt: null,
    pausedAt: null,
    pausedMs: 0,
    breakStartedAt: null,
    breakRequestedById: null,
    seatingLocked: false,
    hold: null,
    steps,
  };
}

/** Applies one command. Never mutates `state`. */
export function applyLiveCommand(state: LiveState, command: LiveCommand, ctx: LiveContext): LiveResult {
  if (!COMMAND_ROLES[command.type].includes(ctx.role)) {
    return refuse("forbidden", ctx.role === "assist" ? "Only the lead facilitator can do that." : "You are following this conference; only the facilitators can change it.");
  }
  // On hold nothing moves, not even "end" (that would record the conference as held). Only the
  // seating lock stays the lead's: the plan may need changing before the conference is re-booked.
  if (state.hold && command.type !== "lock-seating") {
    return refuse(
      "invalid",
      state.hold.kind === "cancelled"
        ? "This conference was cancelled."
        : `This conference is on hold: ${state.hold.summary}. Nothing can move on until it is re-booked from the case screen.`,
    );
  }
  if (command.expectedVersion !== state.version) {
    return refuse("stale", "The conference moved on before that arrived; you are now on the current step.");
  }
  const now = ctx.now.toISOString();
  const next = (patch: Partial<LiveState>): LiveResult => ({ ok: true, state: { ...state, ...patch, version: state.version + 1 } });
  const live = state.status === "LIVE";
  const running = state.status === "LIVE" || state.status === "PAUSED";
  const stepIndex = (id: string | null) => state.steps.findIndex((s) => s.id === id);
  const markStep = (steps: LiveStep[], id: string | null, status: StepStatus): LiveStep[] =>
    steps.map((s) => (s.id === id ? { ...s, status, markedAt: status === "PENDING" ? null : now } : s));
  const unpause = () => ({
    pausedAt: null,
    pausedMs: state.pausedMs + (state.pausedAt ? Math.max(0, ctx.now.getTime() - new Date(state.pausedAt).getTime()) : 0),
    breakStartedAt: null,
    breakRequestedById: null,
  });

  switch (command.type) {
    case "start":
      if (state.status !== "READY") return refuse("invalid", state.status === "ENDED" ? "This conference has ended." : "The conference has already started.");
      if (state.steps.length === 0) return refuse("invalid", "Prepare the script before starting: it has no steps.");
      return next({ status: "LIVE", startedAt: now, currentStepId: state.steps[0]!.id, seatingLocked: true });
    case "pause":
      if (!live) return refuse("invalid", "Only a running conference can be paused.");
      return next({ status: "PAUSED", pausedAt: now });
    case "break":
      if (!live) return refuse("invalid", state.status === "PAUSED" ? "The conference is already paused." : "A break can be called once the conference is running.");
      return next({ status: "PAUSED", pausedAt: now, breakStartedAt: now, breakRequestedById: ctx.actorId });
    case "resume":
      if (state.status !== "PAUSED") return refuse("invalid", "The conference is not paused.");
      return next({ status: "LIVE", ...unpause() });
    case "end": {
      if (!running) return refuse("invalid", state.status === "ENDED" ? "This conference has already ended." : "The conference has not started.");
      const steps = state.currentStepId && state.steps[stepIndex(state.currentStepId)]?.status === "PENDING" ? markStep(state.steps, state.currentStepId, "ASKED") : state.steps;
      return next({ status: "ENDED", endedAt: now, steps, ...(state.status === "PAUSED" ? unpause() : {}), currentSpeakerId: null });
    }
    case "next": {
      if (!live) return refuse("invalid", "Resume the conference to move on.");
      const i = stepIndex(state.currentStepId);
      if (i + 1 >= state.steps.length) return refuse("invalid", "This is the last step. End the conference when you are ready.");
      const steps = state.steps[i]?.status === "PENDING" ? markStep(state.steps, state.currentStepId, "ASKED") : state.steps;
      return next({ steps, currentStepId: state.steps[i + 1]!.id, currentSpeakerId: null });
    }
    case "jump": {
      if (!running) return refuse("invalid", "Start the conference first.");
      if (stepIndex(command.stepId) < 0) return refuse("invalid", "That step is not in this conference's script.");
      if (command.stepId === state.currentStepId) return refuse("invalid", "That is already the current step.");
      return next({ currentStepId: command.stepId, currentSpeakerId: null });
    }
    case "mark":
      if (!running) return refuse("invalid", "Steps are marked while the conference is running.");
      if (stepIndex(command.stepId) < 0) return refuse("invalid", "That step is not in this conference's script.");
      return next({ steps: markStep(state.steps, command.stepId, command.status) });
    case "speaker":
      if (!running) return refuse("invalid", "Start the conference first.");
      if (command.participantId !== null && !ctx.speakers.has(command.participantId)) return refuse("invalid", "That person is not attending this conference.");
      return next({ currentSpeakerId: command.participantId });
    case "lock-seating":
      if (state.seatingLocked === command.locked) return refuse("invalid", command.locked ? "The seating plan is already locked." : "The seating plan is already unlocked.");
      return next({ seatingLocked: command.locked });
  }
}

/**
 * The booking was put on hold: the stored state that goes with it (its `hold` is derived on
 * read). A running clock stops (a break ends; the time on hold is not conference time when the
 * lead resumes after a re-booking), nobody is speaking any more, and the version moves on, so a
 * command sent before the hold arrived is stale. Null for a conference that has ended.
 */
export function holdLiveState(state: LiveState, now: Date, hold: LiveHold): LiveState | null {
  if (state.status === "ENDED") return null;
  const at = now.toISOString();
  return {
    ...state,
    status: state.status === "LIVE" ? "PAUSED" : state.status,
    pausedAt: state.status === "LIVE" ? at : state.pausedAt,
    breakStartedAt: null,
    breakRequestedById: null,
    currentSpeakerId: null,
    hold,
    version: state.version + 1,
  };
}

/**
 * The booking stands again (re-booked once its gate holds): a started conference waits, paused,
 * for the lead to resume it; one that never started is ready to start. Null when it was not held.
 */
export function releaseLiveState(state: LiveState): LiveState | null {
  if (!state.hold || state.status === "ENDED") return null;
  return { ...state, hold: null, version: state.version + 1 };
}

/** Milliseconds of conference time at `now` (pauses and breaks left out). */
export function elapsedMs(state: Pick<LiveState, "startedAt" | "endedAt" | "pausedAt" | "pausedMs">, now: number): number {
  if (!state.startedAt) return 0;
  const end = state.endedAt ? new Date(state.endedAt).getTime() : state.pausedAt ? new Date(state.pausedAt).getTime() : now;
  return Math.max(0, end - new Date(state.startedAt).getTime() - state.pausedMs);
}
