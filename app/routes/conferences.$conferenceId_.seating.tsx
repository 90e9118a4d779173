import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SeatingPlan } from "~/components/seating/seating-plan";
import { requireConferenceAction } from "~/models/conference-access.server";
import { getLiveScript, getLiveState } from "~/models/live.server";
import { harmedNearDoor } from "~/models/seating.server";
import seatingStyles from "~/styles/seating.css";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: seatingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Seating ${data.reference} · Circle` : "Seating · Circle" }];

/** The shared room plan of one conference. Case team only; the supervisor reads. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConferenceAction(user, params.conferenceId, "seating:read");
  const [script, live, nearDoor] = await Promise.all([getLiveScript(access.conferenceId), getLiveState(access.conferenceId), harmedNearDoor(access.caseId)]);
  if (!script) throw notFound("Conference not found");
  await auditRequest(context, { actor: user, action: "conference.seating.view", target: `conference:${access.conferenceId}`, caseId: access.caseId });
  return json({
    conferenceId: access.conferenceId,
    caseId: access.caseId,
    reference: script.reference,
    title: script.title,
    scheduledAt: script.scheduledAt,
    venue: script.venue,
    attendees: script.attendees.map((a) => ({ id: a.id, name: a.name, role: a.role, supportsId: a.supportsId })),
    locked: live.seatingLocked,
    harmedNearDoor: nearDoor,
    canWrite: can(user, "seating:write", access.resource),
    canUnlock: can(user, "live:chair", access.resource),
  });
}

export default function ConferenceSeating() {
  const data = useLoaderData<typeof loader>();
  return (
    <main className="page seating-page" id="main">
      <div className="seating-header">
        <div>
          <p className="eyebrow">
            {data.reference} · {formatDateTime(data.scheduledAt)}
            {data.venue ? ` · ${data.venue}` : ""}
          </p>
          <h1>Seating plan · {data.title}</h1>
        </div>
        <Link to={`/cases/${data.caseId}`} className="button secondary back-link">
          Back to the case
        </Link>
      </div>
      <SeatingPlan
        key={data.conferenceId}
        conferenceId={data.conferenceId}
        attendees={data.attendees}
        canWrite={data.canWrite}
        canUnlock={data.canUnlock}
        initialLocked={data.locked}
        harmedNearDoor={data.harmedNearDoor}
      />
    </main>
  );
}
