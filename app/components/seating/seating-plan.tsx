import { useMemo, useRef } from "react";
import { CollabBadge } from "~/components/editor/collab-badge";
import { useCollabDocument } from "~/realtime/use-collab-document";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { SeatingCanvas } from "./seating-canvas";
import { seatingHints, type Attendee, type SeatingView } from "./seating-model";
import { SeatingToolbar } from "./seating-toolbar";
import { SeatingTray } from "./seating-tray";
import { useSeatingInteractions } from "./use-seating-interactions";
import { useSeatingLock } from "./use-seating-lock";
import { useSeatingView } from "./use-seating-plan";

type Props = { conferenceId: string; attendees: Attendee[]; canWrite: boolean; canUnlock: boolean; initialLocked: boolean; harmedNearDoor: boolean };

/** The shared room plan `conference:<id>:seating`: badge, lock, tools, the room, the tray, hints. */
export function SeatingPlan({ conferenceId, attendees, canWrite, canUnlock, initialLocked, harmedNearDoor }: Props) {
  const lock = useSeatingLock(conferenceId, initialLocked);
  const readOnly = !canWrite || lock.locked;
  const collab = useCollabDocument(`conference:${conferenceId}:seating`, { readOnly });
  const view = useSeatingView(collab?.doc ?? null, collab?.provider ?? null, attendees, !readOnly);
  const svg = useRef<SVGSVGElement>(null);
  const people = useMemo(() => new Map(attendees.map((a) => [a.id, a])), [attendees]);
  const ui = useSeatingInteractions({ doc: collab?.doc ?? null, view, attendees, readOnly, svg });
  const hints = view ? seatingHints(view, attendees, { harmedNearDoor }) : [];

  return (
    <div className="seating">
      <div className="seating-status">
        <CollabBadge status={collab?.status ?? null} />
        {lock.locked ? (
          <p className="lock-banner" data-testid="seating-locked">
            <strong>Locked — the conference has started.</strong>
            {canUnlock ? (
              <button type="button" className="secondary" onClick={lock.unlock} disabled={lock.busy}>
                Unlock
              </button>
            ) : null}
          </p>
        ) : !canWrite ? (
          <p className="hint">You can see this plan; only the facilitators change it.</p>
        ) : null}
        {lock.error ? <p className="field-error">{lock.error}</p> : null}
      </div>
      {collab && view && !readOnly ? (
        <SeatingToolbar
          doc={collab.doc}
          view={view}
          attendees={attendees}
          mode={ui.mode}
          onMode={ui.switchMode}
          selectedSeat={ui.selectedSeat}
          onSeatRemoved={() => ui.setSelectedSeat(null)}
          announce={ui.setMessage}
        />
      ) : null}
      {view ? (
        <div className="seating-layout">
          <div className="seating-room">
            {view.seats.length === 0 ? <p className="hint empty-room">No seats yet. {readOnly ? "" : "Choose Arrange room, then a layout or Add seat."}</p> : null}
            <SeatingCanvas
              view={view}
              people={people}
              mode={ui.mode}
              readOnly={readOnly}
              selected={ui.selected}
              selectedSeat={ui.selectedSeat}
              preview={ui.preview}
              svgRef={svg}
              onSeatPointerDown={ui.dragSeat}
              onSeatClick={ui.activateSeat}
              onSeatKeyDown={ui.seatKey}
              onDoorPointerDown={ui.dragDoor}
            />
          </div>
          <aside className="seating-side">
            <SeatingTray
              view={view}
              people={people}
              readOnly={readOnly}
              selected={ui.selected}
              onSelect={ui.selectPerson}
              onPointerDown={ui.dragPerson}
              onToTray={ui.activateTray}
            />
            <section className="seating-hints" aria-labelledby="hints-heading">
              <h2 id="hints-heading">Safety hints</h2>
              {hints.length === 0 ? (
                <p className="hint">No concerns with this plan.</p>
              ) : (
                <ul data-testid="seating-hints">
                  {hints.map((h) => (
                    <li key={h.id}>{h.text}</li>
                  ))}
                </ul>
              )}
            </section>
          </aside>
          <PrintList view={view} people={people} />
        </div>
      ) : (
        <p className="hint">Opening the plan…</p>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="seating-announce">
        {ui.message}
      </p>
      {ui.ghost ? (
        <div className="drag-ghost" style={{ left: ui.ghost.x, top: ui.ghost.y }} aria-hidden="true">
          {ui.ghost.name}
        </div>
      ) : null}
    </div>
  );
}

/** Who sits where, for the printed plan only. */
function PrintList({ view, people }: { view: SeatingView; people: Map<string, Attendee> }) {
  return (
    <table className="print-only seating-print-list">
      <thead>
        <tr>
          <th>Seat</th>
          <th>Name</th>
          <th>Role</th>
        </tr>
      </thead>
      <tbody>
        {view.seats.map((s) => {
          const p = people.get(view.occupantOf.get(s.id) ?? "");
          return (
            <tr key={s.id}>
              <td>{s.n}</td>
              <td>{p?.name ?? (s.kind === "facilitator" ? "Facilitator" : "—")}</td>
              <td>{p ? PARTICIPANT_ROLE_LABELS[p.role] : s.kind === "observer" ? "Observer seat" : ""}</td>
            </tr>
          );
        })}
        {view.tray.map((p) => (
          <tr key={p.id}>
            <td>Not seated</td>
            <td>{p.name}</td>
            <td>{PARTICIPANT_ROLE_LABELS[p.role]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
