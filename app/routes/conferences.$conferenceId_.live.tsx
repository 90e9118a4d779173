import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ChairView, FollowView } from "~/components/live/chair-view";
import { ROLE_LABELS, LiveStatusBar } from "~/components/live/live-status-bar";
import { ScribeView } from "~/components/live/scribe-view";
import type { LiveScript } from "~/components/live/types";
import { useWakeLock } from "~/components/live/use-wake-lock";
import { requireConferenceAction } from "~/models/conference-access.server";
import { getLiveScript, getLiveState, liveRoleOf } from "~/models/live.server";
import type { LiveState } from "~/realtime/live-machine";
import { useLiveConference } from "~/realtime/use-live-conference";
import liveStyles from "~/styles/live.css";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Live ${data.script.reference} · Circle` : "Live conference · Circle" }];

/** The live conference on a tablet: the lead chairs, the co-facilitator takes notes, the supervisor follows. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConferenceAction(user, params.conferenceId, "live:follow");
  const role = liveRoleOf(user, access.resource);
  const [script, state] = await Promise.all([getLiveScript(access.conferenceId), getLiveState(access.conferenceId)]);
  if (!script || !role) throw notFound("Conference not found");
  await auditRequest(context, { actor: user, action: "conference.live.view", target: `conference:${access.conferenceId}`, caseId: access.caseId, details: { role } });
  return json({
    script,
    state,
    role,
    serverNow: new Date().toISOString(),
    notesReadOnly: !can(user, "notes:write", access.resource),
  });
}

export default function LiveConferencePage() {
  const { script, state: initialState, role: initialRole, serverNow, notesReadOnly } = useLoaderData<typeof loader>();
  const live = useLiveConference(script.id, { state: initialState as LiveState, role: initialRole, serverNow });
  const { state, role, connection, notice } = live;
  const wakeLock = useWakeLock(state.status === "LIVE" || state.status === "PAUSED");
  useScriptRefresh(script as LiveScript, state);
  const announcement = useStepAnnouncement(script as LiveScript, state);
  const disabled = connection !== "live" || live.pending;
  // On hold (or cancelled) the conference does not move: the lead's step controls stay disabled
  // until it is re-booked, whatever a tablet's connection. The server refuses them anyway.
  const held = state.hold !== null;

  return (
    <main className="page live" id="main" data-role={role}>
      <header className="live-head">
        <div>
          <p className="eyebrow">
            {script.reference} · {formatDateTime(script.scheduledAt)}
            {script.venue ? ` · ${script.venue}` : ""}
          </p>
          <h1>Live conference</h1>
        </div>
        <div className="row" style={{ alignItems: "center" }}>
          <span className="badge" data-testid="live-role">
            {ROLE_LABELS[role]}
          </span>
          {/* The agreement is drafted together during the agreement phase: open it in a new tab, the live view stays. */}
          <Link to={`/cases/${script.caseId}/agreement`} className="button secondary" target="_blank" rel="noopener">
            Agreement<span className="visually-hidden"> (opens in a new tab)</span>
          </Link>
          <Link to={`/cases/${script.caseId}`} className="button secondary">
            Case
          </Link>
        </div>
      </header>
      <LiveStatusBar state={state} offsetMs={live.offsetMs} connection={connection} presence={live.presence} wakeLock={wakeLock} />
      {state.hold ? (
        <div className="alert warn live-hold" role="alert" data-testid="live-hold">
          <p>
            <strong>{state.hold.kind === "cancelled" ? "Cancelled: this conference will not go ahead." : `On hold: ${state.hold.summary}.`}</strong>
          </p>
          <p>
            {state.hold.kind === "cancelled"
              ? "Nothing more can be recorded on this screen."
              : "The conference has stopped and its time is paused. The case screen says why; it can go on only once it is re-booked there."}
          </p>
        </div>
      ) : null}
      {(connection === "offline" || connection === "connecting") && role !== "follow" ? (
        <p className="alert warn" data-testid="live-offline">
          {connection === "offline" ? "This tablet is offline: the controls are paused until it reconnects." : "Connecting to the conference…"}
        </p>
      ) : null}
      {notice ? (
        <div className={`alert ${notice.tone === "error" ? "error" : "success"} live-notice`} role={notice.tone === "error" ? "alert" : "status"} data-testid="live-notice">
          <span>{notice.text}</span>
          <button type="button" className="secondary" onClick={live.dismissNotice}>
            OK
          </button>
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite" data-testid="live-announcer">
        {announcement}
      </p>
      {role === "chair" ? (
        <ChairView live={live} script={script as LiveScript} disabled={disabled} held={held} />
      ) : role === "assist" ? (
        <ScribeView live={live} script={script as LiveScript} notesReadOnly={notesReadOnly} disabled={disabled || held} />
      ) : (
        <FollowView live={live} script={script as LiveScript} />
      )}
    </main>
  );
}

/** The steps are created when the lead starts: reload the script once the state names steps it lacks. */
function useScriptRefresh(script: LiveScript, state: LiveState) {
  const revalidator = useRevalidator();
  const missing = state.steps.some((s) => !script.steps.some((t) => t.id === s.id));
  // At most once per state version, so a script that somehow never matches cannot loop the loader.
  const asked = useRef(-1);
  useEffect(() => {
    if (!missing || revalidator.state !== "idle" || asked.current === state.version) return;
    asked.current = state.version;
    revalidator.revalidate();
  }, [missing, revalidator, state.version]);
}

/** What the polite live region says when the step changes (screen readers hear the new question). */
function useStepAnnouncement(script: LiveScript, state: LiveState): string {
  const [text, setText] = useState("");
  const previous = useRef(state.currentStepId);
  const status = useRef(state.status);
  const hold = useRef(state.hold !== null);
  useEffect(() => {
    const index = script.steps.findIndex((s) => s.id === state.currentStepId);
    if (state.currentStepId !== previous.current && index >= 0) {
      setText(`Step ${index + 1} of ${script.steps.length}: ${script.steps[index]!.title}`);
    } else if (state.hold && !hold.current) {
      setText(state.hold.kind === "cancelled" ? "Conference cancelled" : `Conference on hold: ${state.hold.summary}`);
    } else if (state.status !== status.current) {
      setText(
        state.status === "PAUSED"
          ? state.breakStartedAt
            ? "Break called"
            : "Conference paused"
          : state.status === "LIVE"
            ? "Conference running"
            : state.status === "ENDED"
              ? "Conference ended"
              : "",
      );
    }
    if (index >= 0 || !state.currentStepId) previous.current = state.currentStepId;
    status.current = state.status;
    hold.current = state.hold !== null;
  }, [script.steps, state.currentStepId, state.status, state.breakStartedAt, state.hold]);
  return text;
}
