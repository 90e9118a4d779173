import { useLocation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { describeDuration, fetchSessionStatus, SESSION_CHECK_EVENT, type SessionStatus } from "~/utils/session-status";

/** `final`: the 12-hour limit comes first, which staying signed in cannot move. */
type Phase = { kind: "quiet" } | { kind: "warning"; endsAt: number; final: boolean } | { kind: "ended"; message: string };

// When the server cannot be reached, what is shown stays as it is and the question is asked again.
const RETRY_MS = 10_000;

function endedMessage(status: Exclude<SessionStatus, { state: "active" }>): string {
  if (status.state === "ended" && status.reason === "idle") return `You were signed out after ${describeDuration(status.idleMs)} without activity. Sign in again to continue.`;
  if (status.state === "ended" && status.reason === "expired") return "You were signed out because a session lasts at most 12 hours. Sign in again to continue.";
  return "You have been signed out. Sign in again to continue.";
}

const clockTime = (at: number) => new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * The idle warning, on every signed-in page (rendered once, from root). It learns the session's
 * real end from GET /session, which does not count as activity, shortly before it is due: then a
 * page load, a socket's activity, another tab or a running live conference that renewed the session
 * meanwhile simply moves the next look later. Within the warning time it shows a dialog with
 * "Stay signed in" (POST /session); once the session has ended, one message and a way to sign in
 * again, over a backdrop that hides the page (an unattended tablet stops showing the case).
 */
export function SessionTimeout() {
  const [phase, setPhase] = useState<Phase>({ kind: "quiet" });
  const timer = useRef<number>();
  /** The 12-hour notice was read: it is not shown again before the end. */
  const finalSeen = useRef(false);
  const location = useLocation();

  const apply = useCallback((status: SessionStatus | null) => {
    window.clearTimeout(timer.current);
    const lookAgain = (ms: number) => (timer.current = window.setTimeout(() => void fetchSessionStatus().then(apply), ms));
    if (!status) return void lookAgain(RETRY_MS);
    if (status.state !== "active") return setPhase({ kind: "ended", message: endedMessage(status) });
    // The server's clock, not this tablet's, says how long is left.
    const serverNow = Date.parse(status.serverNow);
    const final = Date.parse(status.endsAt) <= Date.parse(status.idleEndsAt);
    const left = Math.min(Date.parse(status.idleEndsAt), Date.parse(status.endsAt)) - serverNow;
    const warn = left <= status.warnMs && !(final && finalSeen.current);
    setPhase((current) => (current.kind === "ended" ? current : warn ? { kind: "warning", endsAt: Date.now() + left, final } : { kind: "quiet" }));
    lookAgain(left <= status.warnMs ? left + 250 : left - status.warnMs);
  }, []);

  const check = useCallback(() => void fetchSessionStatus().then(apply), [apply]);

  useEffect(() => {
    check();
    // A tablet that slept past the end: its timers did not run, so look as soon as it is seen again.
    const onVisible = () => document.visibilityState === "visible" && check();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener(SESSION_CHECK_EVENT, check);
    return () => {
      window.clearTimeout(timer.current);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener(SESSION_CHECK_EVENT, check);
    };
  }, [check]);

  const staySignedIn = useCallback(() => {
    void fetchSessionStatus({ method: "POST", body: new URLSearchParams({ intent: "renew" }) }).then(apply);
  }, [apply]);
  const acknowledgeFinal = useCallback(() => {
    finalSeen.current = true;
    setPhase({ kind: "quiet" });
  }, []);

  if (phase.kind === "quiet") return null;
  const back = `/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`;
  if (phase.kind === "warning" && phase.final) {
    return (
      <ModalDialog className="session-dialog" labelledBy="session-warning-title" describedBy="session-warning-text" onCancel={acknowledgeFinal}>
        <h2 id="session-warning-title">Your session ends soon</h2>
        <p id="session-warning-text">A session lasts at most 12 hours: you will be signed out at {clockTime(phase.endsAt)}. You can sign in again straight away.</p>
        <div className="form-actions">
          <button type="button" onClick={acknowledgeFinal} autoFocus>
            OK
          </button>
        </div>
      </ModalDialog>
    );
  }
  return phase.kind === "warning" ? (
    <ModalDialog className="session-dialog" labelledBy="session-warning-title" describedBy="session-warning-text" onCancel={staySignedIn}>
      <h2 id="session-warning-title">Are you still there?</h2>
      <p id="session-warning-text">To keep case information safe, you will be signed out at {clockTime(phase.endsAt)} unless you choose to stay signed in.</p>
      <div className="form-actions">
        <button type="button" onClick={staySignedIn} autoFocus>
          Stay signed in
        </button>
      </div>
    </ModalDialog>
  ) : (
    <ModalDialog className="session-dialog ended" labelledBy="session-ended-title" describedBy="session-ended-text">
      <h2 id="session-ended-title">Signed out</h2>
      <p id="session-ended-text">{phase.message}</p>
      <div className="form-actions">
        <a className="button" href={back} autoFocus>
          Sign in again
        </a>
      </div>
    </ModalDialog>
  );
}

/**
 * A native modal <dialog> as an alertdialog: the browser keeps focus inside and makes the page
 * behind it inert. Escape means "I am here" for the warning (onCancel), and does nothing once the
 * session has ended.
 */
function ModalDialog(props: { className: string; labelledBy: string; describedBy: string; onCancel?: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onCancel } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={props.className}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      data-testid="session-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
    >
      {props.children}
    </dialog>
  );
}
