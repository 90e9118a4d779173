import type { LiveRole, LiveState } from "~/realtime/live-machine";
import type { LiveConnection, LivePeople } from "~/realtime/use-live-conference";
import { LiveClock } from "./clock";
import type { WakeLockStatus } from "./use-wake-lock";

export const ROLE_LABELS: Record<LiveRole, string> = { chair: "Chairing", assist: "Taking notes", follow: "Following" };
// "Connected", not "Live": beside "Not started" a green "Live" read as if the conference were running.
const CONNECTION_LABELS: Record<LiveConnection, string> = { connecting: "Connecting…", live: "Connected", offline: "Offline — reconnecting", ended: "Disconnected" };
export const STATUS_LABELS: Record<LiveState["status"], string> = { READY: "Not started", LIVE: "Running", PAUSED: "Paused", ENDED: "Ended" };

type Props = { state: LiveState; offsetMs: number; connection: LiveConnection; presence: LivePeople; wakeLock: WakeLockStatus };

/** The strip both tablets show: connection, conference status, clocks, who is here. */
export function LiveStatusBar({ state, offsetMs, connection, presence, wakeLock }: Props) {
  const tone = connection === "live" ? "ok" : connection === "connecting" ? "muted" : "warn";
  return (
    <section className="live-bar card" aria-label="Conference status">
      <div className="live-bar-main">
        <span className={`badge status-${tone} live-connection`} role="status" data-testid="live-connection">
          {CONNECTION_LABELS[connection]}
        </span>
        <span className={`badge live-state live-state-${state.hold ? "hold" : state.status.toLowerCase()}`} data-testid="live-status">
          {state.hold
            ? state.hold.kind === "cancelled"
              ? "Cancelled"
              : "On hold"
            : state.status === "PAUSED" && state.breakStartedAt
              ? "On a break"
              : STATUS_LABELS[state.status]}
        </span>
        <LiveClock state={state} offsetMs={offsetMs} />
      </div>
      <div className="live-bar-side">
        {/* Offline, the list is only what was true when this tablet last heard from the server. */}
        <ul
          className={`live-presence${connection === "live" ? "" : " stale"}`}
          aria-label={connection === "live" ? "Connected now" : "Connected when this tablet was last online"}
          data-testid="live-presence"
        >
          {presence.length === 0 ? <li className="hint">Nobody connected yet</li> : null}
          {presence.map((p) => (
            <li key={p.userId}>
              <span className="presence-dot" aria-hidden="true" />
              {p.name}{" "}
              <span className="hint">
                · {ROLE_LABELS[p.role]}
                {p.devices > 1 ? ` · ${p.devices} devices` : ""}
              </span>
            </li>
          ))}
        </ul>
        {wakeLock === "unsupported" || wakeLock === "failed" ? (
          <p className="hint live-wake" data-testid="wake-hint">
            This browser cannot keep the screen awake: set the tablet’s auto-lock to “never” for the conference.
          </p>
        ) : null}
      </div>
    </section>
  );
}
