import type { LiveState } from "~/realtime/live-machine";
import { SCRIPT_PHASE_LABELS, type ScriptPhase } from "~/models/script-library";
import type { LiveScript } from "./types";

export const phaseLabel = (phase: string) => SCRIPT_PHASE_LABELS[phase as ScriptPhase] ?? phase;

/** The question being asked now: big for the chair, compact above the scribe's notes. */
export function CurrentStep({ script, state, compact = false }: { script: LiveScript; state: LiveState; compact?: boolean }) {
  const index = script.steps.findIndex((s) => s.id === state.currentStepId);
  const step = index >= 0 ? script.steps[index]! : null;
  const nameOf = (id: string | null) => script.attendees.find((a) => a.id === id)?.name ?? null;
  const speaker = nameOf(state.currentSpeakerId);
  if (!step) {
    return (
      <section className={`live-current card${compact ? " compact" : ""}`} aria-labelledby="current-step-title" data-testid="current-step">
        <p className="eyebrow">{state.status === "ENDED" ? "The conference has ended" : "Waiting to start"}</p>
        <h2 id="current-step-title" className="live-step-title">
          {state.status === "ENDED" ? "Thank you" : "Ready to start"}
        </h2>
        {state.status === "READY" && !state.steps.length ? <p className="hint">The script is prepared from the attendees when the lead starts.</p> : null}
      </section>
    );
  }
  const addressed = step.addressedTo.map(nameOf).filter(Boolean);
  return (
    <section className={`live-current card${compact ? " compact" : ""}`} aria-labelledby="current-step-title" data-testid="current-step" data-step-id={step.id}>
      <p className="eyebrow">
        {phaseLabel(step.phase)} · Step {index + 1} of {script.steps.length}
      </p>
      <h2 id="current-step-title" className="live-step-title">
        {step.title}
      </h2>
      <p className="live-prompt">{step.prompt}</p>
      <p className="meta">
        <span>To: {addressed.length ? addressed.join(", ") : "Everyone"}</span>
        {speaker ? <span data-testid="current-speaker">Speaking: {speaker}</span> : null}
      </p>
    </section>
  );
}
