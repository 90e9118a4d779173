import type { LiveState } from "~/realtime/live-machine";
import type { LiveScript } from "./types";

/** Who is speaking now: one tap on a name (or "Nobody"). Chair and scribe may both set it. */
export function SpeakerChooser({ script, state, disabled, onChoose }: { script: LiveScript; state: LiveState; disabled: boolean; onChoose: (id: string | null) => void }) {
  const choices = [...script.attendees.map((a) => ({ id: a.id as string | null, name: a.name })), { id: null, name: "Nobody" }];
  return (
    <fieldset className="live-speaker">
      <legend>Speaking now</legend>
      <div className="chips">
        {choices.map((c) => {
          const on = state.currentSpeakerId === c.id;
          return (
            <button key={c.id ?? "none"} type="button" className={`chip${on ? " on" : ""}`} aria-pressed={on} disabled={disabled} onClick={() => !on && onChoose(c.id)}>
              {c.name}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
