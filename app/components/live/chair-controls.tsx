import { useEffect, useState } from "react";
import type { LiveState } from "~/realtime/live-machine";
import type { LiveCommandInput } from "~/realtime/use-live-conference";

type Props = { state: LiveState; disabled: boolean; send: (command: LiveCommandInput) => Promise<boolean> };

/** Moving between steps: the previous step's id (Back), or null at the first step. */
export function previousStepId(state: LiveState): string | null {
  const i = state.steps.findIndex((s) => s.id === state.currentStepId);
  return i > 0 ? state.steps[i - 1]!.id : null;
}

/** The chair's buttons, by conference status. Next is the big one; End asks first. */
export function ChairControls({ state, disabled, send }: Props) {
  const [confirmEnd, setConfirmEnd] = useState(false);
  useEffect(() => setConfirmEnd(false), [state.status]);
  const index = state.steps.findIndex((s) => s.id === state.currentStepId);
  const current = index >= 0 ? state.steps[index]! : null;
  const last = index === state.steps.length - 1;
  const back = previousStepId(state);
  const running = state.status === "LIVE" || state.status === "PAUSED";

  if (state.status === "ENDED") return <p className="alert success">The conference has ended. The case has moved on to follow-up.</p>;
  if (state.status === "READY") {
    return (
      <div className="live-controls">
        <button type="button" className="live-next" disabled={disabled} onClick={() => void send({ type: "start" })}>
          Start the conference
        </button>
      </div>
    );
  }
  return (
    <div className="live-controls">
      <div className="live-primary">
        <button type="button" className="secondary live-back" disabled={disabled || !back} onClick={() => back && void send({ type: "jump", stepId: back })}>
          ← Back
        </button>
        <button type="button" className="live-next" disabled={disabled || state.status !== "LIVE" || last} onClick={() => void send({ type: "next" })}>
          {last ? "Last step" : "Next →"}
        </button>
      </div>
      <p className="hint live-keys">
        Keys: <kbd>→</kbd> or <kbd>N</kbd> next, <kbd>←</kbd> back{state.status === "PAUSED" && !state.hold ? " · resume to move on" : ""}
      </p>
      <div className="row live-secondary">
        {current ? (
          <button
            type="button"
            className="secondary"
            disabled={disabled}
            onClick={() => void send({ type: "mark", stepId: current.id, status: current.status === "SKIPPED" ? "PENDING" : "SKIPPED" })}
          >
            {current.status === "SKIPPED" ? "Unmark skipped" : "Mark skipped"}
          </button>
        ) : null}
        {state.status === "LIVE" ? (
          <>
            <button type="button" className="secondary" disabled={disabled} onClick={() => void send({ type: "pause" })}>
              Pause
            </button>
            <button type="button" className="secondary" disabled={disabled} onClick={() => void send({ type: "break" })}>
              Break
            </button>
          </>
        ) : (
          <button type="button" disabled={disabled} onClick={() => void send({ type: "resume" })}>
            Resume
          </button>
        )}
        {running && !confirmEnd ? (
          <button type="button" className="danger" disabled={disabled} onClick={() => setConfirmEnd(true)}>
            End…
          </button>
        ) : null}
      </div>
      {confirmEnd ? (
        <div className="alert warn live-confirm" role="alertdialog" aria-labelledby="end-q">
          <p id="end-q">End the conference now? This cannot be undone: the conference is recorded as held.</p>
          <div className="row">
            <button type="button" className="danger" disabled={disabled} onClick={() => void send({ type: "end" })}>
              End the conference
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmEnd(false)}>
              Keep going
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Seating plan lock (locked when the conference starts). */
export function SeatingLock({ state, disabled, send }: Props) {
  return (
    <div className="row live-seating" style={{ alignItems: "center" }}>
      <span data-testid="seating-lock">Seating plan: {state.seatingLocked ? "locked" : "unlocked"}</span>
      <button type="button" className="secondary" disabled={disabled} onClick={() => void send({ type: "lock-seating", locked: !state.seatingLocked })}>
        {state.seatingLocked ? "Unlock seating" : "Lock seating"}
      </button>
    </div>
  );
}

/** → / N for next and ← for back, never while typing (inputs, the notes editor). */
export function useChairKeys(enabled: boolean, state: LiveState, send: Props["send"]) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true'], [role='textbox']")) return;
      if (event.key === "ArrowRight" || event.key === "n" || event.key === "N") {
        if (state.status !== "LIVE") return;
        event.preventDefault();
        void send({ type: "next" });
      } else if (event.key === "ArrowLeft") {
        const back = previousStepId(state);
        if (!back || (state.status !== "LIVE" && state.status !== "PAUSED")) return;
        event.preventDefault();
        void send({ type: "jump", stepId: back });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, state, send]);
}
