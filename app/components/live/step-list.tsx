import type { LiveState, StepStatus } from "~/realtime/live-machine";
import { phaseLabel } from "./current-step";
import type { LiveScript } from "./types";
import { once } from "~/utils/once";

const STATUS_TEXT: Record<StepStatus, string> = { PENDING: "Pending", ASKED: "Asked", SKIPPED: "Skipped" };
const time = once(() => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" }));

type Props = { script: LiveScript; state: LiveState; canJump: boolean; disabled: boolean; onJump: (stepId: string) => void };

/** Every step with its status and the time it was marked; the chair jumps by tapping one. */
export function StepList({ script, state, canJump, disabled, onJump }: Props) {
  const byId = new Map(state.steps.map((s) => [s.id, s]));
  let phase = "";
  return (
    <section className="live-steps card" aria-labelledby="steps-title">
      <h2 id="steps-title">Script</h2>
      {script.steps.length === 0 ? <p className="hint">The standard script is prepared from the attendees when the lead starts.</p> : null}
      {/* The list scrolls on its own: with no step to tap (following, or on hold) it takes the
          focus itself, so the script can still be scrolled from a keyboard. */}
      <ol className="step-list" data-testid="step-list" aria-labelledby="steps-title" tabIndex={!canJump || disabled ? 0 : undefined}>
        {script.steps.map((step, i) => {
          const live = byId.get(step.id);
          const status = live?.status ?? "PENDING";
          const current = state.currentStepId === step.id;
          const heading = step.phase !== phase ? (phase = step.phase) : null;
          const label = (
            <>
              <span className="step-no" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-name">{step.title}</span>
              <span className={`step-status ${status.toLowerCase()}`}>
                {current ? "Now" : STATUS_TEXT[status]}
                {live?.markedAt && !current ? ` · ${time().format(new Date(live.markedAt))}` : ""}
              </span>
            </>
          );
          return (
            <li key={step.id} className={current ? "current" : undefined} data-status={status.toLowerCase()}>
              {heading ? <p className="step-phase">{phaseLabel(heading)}</p> : null}
              {canJump && !current ? (
                <button
                  type="button"
                  className="step-row"
                  disabled={disabled}
                  onClick={() => onJump(step.id)}
                  aria-label={`Go to step ${i + 1}: ${step.title} (${STATUS_TEXT[status]})`}
                >
                  {label}
                </button>
              ) : (
                <div className="step-row" aria-current={current ? "step" : undefined}>
                  {label}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
