import { useEffect, useState } from "react";
import { elapsedMs, type LiveState } from "~/realtime/live-machine";

/** Re-renders once a second while `active`; returns the server-corrected time. */
export function useServerNow(offsetMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now + offsetMs;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Conference time (pauses and breaks left out) and, during a break, the break's own timer. */
export function LiveClock({ state, offsetMs }: { state: LiveState; offsetMs: number }) {
  // On hold the elapsed time stands still (the hold paused it) and no pause timer counts on.
  const running = (state.status === "LIVE" || state.status === "PAUSED") && !state.hold;
  const now = useServerNow(offsetMs, running);
  const onBreak = state.status === "PAUSED" && state.breakStartedAt;
  return (
    <div className="live-clocks">
      <p className="live-clock" data-testid="live-elapsed">
        <span className="live-clock-label">Elapsed</span>
        <span className="live-clock-time" aria-hidden={running ? "true" : undefined}>
          {formatDuration(elapsedMs(state, now))}
        </span>
        {running ? <span className="visually-hidden">{Math.floor(elapsedMs(state, now) / 60_000)} minutes</span> : null}
      </p>
      {onBreak ? (
        <p className="live-clock break" data-testid="live-break">
          <span className="live-clock-label">Break</span>
          <span className="live-clock-time">{formatDuration(now - Date.parse(state.breakStartedAt!))}</span>
        </p>
      ) : state.status === "PAUSED" && !state.hold ? (
        <p className="live-clock break">
          <span className="live-clock-label">Paused</span>
          <span className="live-clock-time">{formatDuration(now - Date.parse(state.pausedAt!))}</span>
        </p>
      ) : null}
    </div>
  );
}
