import { CaseNotes } from "~/components/editor/case-notes";
import type { LiveConference } from "~/realtime/use-live-conference";
import { CurrentStep } from "./current-step";
import { SpeakerChooser } from "./speaker-chooser";
import type { LiveScript } from "./types";

type Props = { live: LiveConference; script: LiveScript; notesReadOnly: boolean; disabled: boolean };

/** The co-facilitator's tablet: the question at the top, a break button, and the notes below. */
export function ScribeView({ live, script, notesReadOnly, disabled }: Props) {
  const { state, send } = live;
  const running = state.status === "LIVE" || state.status === "PAUSED";
  return (
    <div className="live-scribe stack">
      <div className="live-scribe-top">
        <CurrentStep script={script} state={state} compact />
        <div className="live-scribe-actions">
          <button type="button" className="secondary live-break" disabled={disabled || state.status !== "LIVE"} onClick={() => void send({ type: "break" })}>
            {state.status === "PAUSED" ? (state.breakStartedAt ? "On a break" : "Paused") : "Break"}
          </button>
        </div>
      </div>
      {running ? <SpeakerChooser script={script} state={state} disabled={disabled} onChoose={(id) => void send({ type: "speaker", participantId: id })} /> : null}
      <section aria-labelledby="notes-title" className="live-notes">
        <h2 id="notes-title">Notes</h2>
        <p className="hint">A heading is added here for each new step the lead moves to.</p>
        <CaseNotes caseId={script.caseId} readOnly={notesReadOnly} />
      </section>
    </div>
  );
}
