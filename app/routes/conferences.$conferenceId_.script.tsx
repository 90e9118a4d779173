import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseSectionHeader } from "~/components/case/case-section-header";
import { AddStep, SpeakerRow, StepCard, TemplatePicker } from "~/components/script/conference-script-editor";
import { getConferenceScript, listScriptTemplates } from "~/models/conference-script.server";
import { requireConferenceAction } from "~/models/conference-access.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Script · ${data.script.reference} · Circle` : "Script · Circle" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConferenceAction(user, params.conferenceId, "live:follow");
  const [script, templates] = await Promise.all([getConferenceScript(access.conferenceId), listScriptTemplates(access.serviceId)]);
  if (!script) throw notFound("Conference not found");
  await auditRequest(context, { actor: user, action: "conference.script.view", target: `conference:${access.conferenceId}`, caseId: access.caseId });
  return json({ script, templates, canEdit: can(user, "script:edit", access.resource) && !script.started });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/conference-script.server";

export default function ConferenceScript() {
  const { script, templates, canEdit } = useLoaderData<typeof loader>();
  const names = new Map(script.attendees.map((a) => [a.id, a.name]));
  return (
    <main className="page" id="main">
      <CaseSectionHeader
        caseId={script.caseId}
        section="conference"
        eyebrow={
          <>
            {script.reference} · Conference {formatDateTime(script.scheduledAt)}
            {script.venue ? `, ${script.venue}` : ""}
          </>
        }
        title="Conference script"
      />
      {script.started ? (
        <p className="alert warn" role="status">
          The conference has started: this script is now the record of what was planned and can no longer be changed.
        </p>
      ) : !canEdit ? (
        <p className="hint">You can read the script; the facilitators prepare it.</p>
      ) : (
        <p className="hint">Tailor the script before the day: reorder, add, edit or remove steps, and address questions to the people attending.</p>
      )}

      {canEdit ? <TemplatePicker templates={templates} current={script.templateId} hasSteps={script.steps.length > 0} /> : null}

      <section className="card section-gap" aria-labelledby="order-heading">
        <h2 id="order-heading">Speaking order</h2>
        <p className="hint">The order the person harmed chose for introductions and for who speaks first.</p>
        {script.attendees.length === 0 ? (
          <p className="empty">Nobody is listed as attending yet. Choose who attends on the case screen.</p>
        ) : (
          <ol className="speaking-order">
            {script.speakingOrder.map((id, i) => (
              <SpeakerRow key={id} attendee={script.attendees.find((a) => a.id === id)!} first={i === 0} last={i === script.speakingOrder.length - 1} canEdit={canEdit} />
            ))}
          </ol>
        )}
      </section>

      <section className="section-gap" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps ({script.steps.length})</h2>
        {script.steps.length === 0 ? (
          <p className="empty card">No script yet. {canEdit ? "Start from a template above." : "The facilitators have not prepared it yet."}</p>
        ) : (
          <ol className="script-steps">
            {script.steps.map((step, i) => (
              <StepCard key={step.id} step={step} index={i} count={script.steps.length} attendees={script.attendees} names={names} canEdit={canEdit} />
            ))}
          </ol>
        )}
      </section>

      {canEdit ? <AddStep attendees={script.attendees} /> : null}
    </main>
  );
}
