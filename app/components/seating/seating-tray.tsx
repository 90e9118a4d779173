import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import type { Attendee, SeatingView } from "./seating-model";

type Props = {
  view: SeatingView;
  people: Map<string, Attendee>;
  readOnly: boolean;
  selected: string | null;
  onSelect(pid: string): void;
  onPointerDown(e: React.PointerEvent, pid: string): void;
  onToTray(): void;
};

/** People not yet seated. Also the drop zone (and tap target) for sending someone back. */
export function SeatingTray({ view, people, readOnly, selected, onSelect, onPointerDown, onToTray }: Props) {
  const seatedSelected = selected && view.seatOf.has(selected) ? people.get(selected) : undefined;
  return (
    <section className="seating-tray" data-drop-tray="true" aria-labelledby="tray-heading" data-testid="seating-tray">
      <h2 id="tray-heading">Not yet seated ({view.tray.length})</h2>
      {view.tray.length === 0 ? <p className="hint">Everyone has a seat.</p> : null}
      <ul>
        {view.tray.map((p) => (
          <li key={p.id}>
            {readOnly ? (
              <span className="person">
                <strong>{p.name}</strong> <span className="role">{PARTICIPANT_ROLE_LABELS[p.role]}</span>
              </span>
            ) : (
              <button
                type="button"
                className={`person${selected === p.id ? " selected" : ""}`}
                aria-pressed={selected === p.id}
                onPointerDown={(e) => onPointerDown(e, p.id)}
                onClick={() => onSelect(p.id)}
                data-person-id={p.id}
              >
                <strong>{p.name}</strong> <span className="role">{PARTICIPANT_ROLE_LABELS[p.role]}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {seatedSelected ? (
        <button type="button" className="secondary" onClick={onToTray}>
          Move {seatedSelected.name} to the tray
        </button>
      ) : null}
      {!readOnly ? <p className="hint">Tap a person, then a seat; or drag them. With a keyboard: Enter on a person, then Enter on a seat.</p> : null}
    </section>
  );
}
