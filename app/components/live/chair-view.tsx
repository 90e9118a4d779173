import type { LiveConference } from "~/realtime/use-live-conference";
import { ChairControls, SeatingLock, useChairKeys } from "./chair-controls";
import { CurrentStep } from "./current-step";
import { SpeakerChooser } from "./speaker-chooser";
import { StepList } from "./step-list";
import type { LiveScript } from "./types";

/** The lead's tablet: the question big and clear, the controls, and the whole script beside it. */
export function ChairView({ live, script, disabled, held }: { live: LiveConference; script: LiveScript; disabled: boolean; held: boolean }) {
  const { state, send } = live;
  // On hold, every step control is disabled (the seating lock stays: the plan may need changing).
  const stepsDisabled = disabled || held;
  useChairKeys(!stepsDisabled, state, send);
  const running = state.status === "LIVE" || state.status === "PAUSED";
  return (
    <div className="live-grid">
      <div className="stack">
        <CurrentStep script={script} state={state} />
        {running ? <SpeakerChooser script={script} state={state} disabled={stepsDisabled} onChoose={(id) => void send({ type: "speaker", participantId: id })} /> : null}
        <ChairControls state={state} disabled={stepsDisabled} send={send} />
        <SeatingLock state={state} disabled={disabled} send={send} />
      </div>
      <StepList script={script} state={state} canJump={running} disabled={stepsDisabled} onJump={(stepId) => void send({ type: "jump", stepId })} />
    </div>
  );
}

/** The supervisor's view: the same picture, nothing to press. */
export function FollowView({ live, script }: { live: LiveConference; script: LiveScript }) {
  return (
    <div className="live-grid">
      <CurrentStep script={script} state={live.state} />
      <StepList script={script} state={live.state} canJump={false} disabled onJump={() => undefined} />
    </div>
  );
}
