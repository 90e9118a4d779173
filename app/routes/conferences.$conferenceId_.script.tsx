import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import {
  changeScript,
  getConferenceScript,
  listScriptTemplates,
  moveStep,
  prepareScriptFromTemplate,
  renumberSteps,
  ScriptLockedError,
} from "~/models/conference-script.server";
import { requireConferenceAction } from "~/models/conference-access.server";
import { SCRIPT_PHASE_LABELS, SCRIPT_PHASES } from "~/models/script-library";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formDone, formError, parseForm, type FormResult } from "~/utils/forms.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { RecordIdSchema } from "~/utils/schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Script · ${data.script.reference} · Circle` : "Script · Circle" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConferenceAction(user, params.conferenceId, "live:follow");
  const [script, templates] = await Promise.all([getConferenceScript(access.conferenceId), listScriptTemplates(access.serviceId)]);
  if (!script) throw notFound("Conference not found");
  await audit({ actor: user, action: "conference.script.view", target: `conference:${access.conferenceId}`, caseId: access.caseId, ip: context.clientIp });
  return json({ script, templates, canEdit: can(user, "script:edit", access.resource) && !script.started });
}

const stepFields = {
  phase: z.enum(SCRIPT_PHASES, { error: "Choose the part of the conference" }),
  title: z.string({ error: "Give the step a title" }).trim().min(1, "Give the step a title").max(120, "Use at most 120 characters"),
  prompt: z.string({ error: "Write what the chair says or asks" }).trim().min(1, "Write what the chair says or asks").max(1000, "Use at most 1,000 characters"),
  "addressedTo[]": z.array(RecordIdSchema).max(30).optional().default([]),
};

const ScriptActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("use-template"), templateId: z.string({ error: "Choose a script" }).min(1, "Choose a script").max(40) }),
  z.object({ intent: z.literal("move"), stepId: RecordIdSchema, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove"), stepId: RecordIdSchema }),
  z.object({ intent: z.literal("edit"), stepId: RecordIdSchema, ...stepFields }),
  z.object({ intent: z.literal("add"), ...stepFields }),
  z.object({ intent: z.literal("speaker"), participantId: RecordIdSchema, direction: z.enum(["up", "down"]) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConferenceAction(user, params.conferenceId, "script:edit");
  const parsed = await parseForm(request, ScriptActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const { conferenceId, caseId, serviceId } = access;
  const attendees = new Set(
    (await db.conferenceAttendee.findMany({ where: { conferenceId, participant: { removedAt: null } }, select: { participantId: true } })).map((a) => a.participantId),
  );
  const stepOfThis = async (stepId: string) => (await db.conferenceStep.count({ where: { id: stepId, conferenceId } })) === 1;

  if ("addressedTo[]" in input && input["addressedTo[]"].some((id) => !attendees.has(id))) {
    return formError({ addressedTo: "Address questions only to people attending this conference." }, input.intent);
  }
  if ("stepId" in input && !(await stepOfThis(input.stepId))) return formError({ form: "That step is not in this conference's script." }, input.intent);
  if (input.intent === "speaker" && !attendees.has(input.participantId)) return formError({ form: "That person is not attending this conference." }, input.intent);

  try {
    const done = await changeScript(conferenceId, async (tx): Promise<string | FormResult> => {
      switch (input.intent) {
        case "use-template":
          if (!(await prepareScriptFromTemplate(tx, conferenceId, input.templateId, serviceId))) {
            return { ok: false, errors: { templateId: "That script is not available to your service." } };
          }
          return "The script was prepared from the template, with everyone's preferred names.";
        case "move":
          return (await moveStep(tx, conferenceId, input.stepId, input.direction)) ? "Step moved." : `That step is already at the ${input.direction === "up" ? "top" : "end"}.`;
        case "remove":
          await tx.conferenceStep.delete({ where: { id: input.stepId } });
          await renumberSteps(tx, conferenceId);
          return "Step removed.";
        case "edit":
          await tx.conferenceStep.update({
            where: { id: input.stepId },
            data: { phase: input.phase, title: input.title, prompt: input.prompt, addressedTo: JSON.stringify(input["addressedTo[]"]) },
          });
          return "Step saved.";
        case "add": {
          const count = await tx.conferenceStep.count({ where: { conferenceId } });
          await tx.conferenceStep.create({
            data: { conferenceId, position: count, phase: input.phase, title: input.title, prompt: input.prompt, addressedTo: JSON.stringify(input["addressedTo[]"]) },
          });
          return "Step added at the end of the script.";
        }
        case "speaker": {
          const script = await getConferenceScript(conferenceId);
          const order = script?.speakingOrder ?? [];
          const i = order.indexOf(input.participantId);
          const j = input.direction === "up" ? i - 1 : i + 1;
          if (i < 0 || j < 0 || j >= order.length) return "Already there.";
          [order[i], order[j]] = [order[j]!, order[i]!];
          await tx.conference.update({ where: { id: conferenceId }, data: { speakingOrder: JSON.stringify(order) } });
          return "Speaking order saved.";
        }
      }
    });
    if (typeof done !== "string") return formError(done.ok ? {} : done.errors, input.intent);
    await audit({
      actor: user,
      action: `conference.script.${input.intent}`,
      target: `conference:${conferenceId}`,
      caseId,
      ip: context.clientIp,
      details: "stepId" in input ? { stepId: input.stepId } : {},
    });
    return formDone(done, input.intent);
  } catch (error) {
    if (error instanceof ScriptLockedError) return formError({ form: error.message }, input.intent, 409);
    throw error;
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Step = Loaded["script"]["steps"][number];
type Attendee = Loaded["script"]["attendees"][number];

export default function ConferenceScript() {
  const { script, templates, canEdit } = useLoaderData<typeof loader>();
  const names = new Map(script.attendees.map((a) => [a.id, a.name]));
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={`/cases/${script.caseId}#conference`} className="tap">
          <span aria-hidden="true">←</span> Back to the case
        </Link>
      </p>
      <p className="eyebrow">{script.reference} · Conference {formatDateTime(script.scheduledAt)}{script.venue ? `, ${script.venue}` : ""}</p>
      <h1>Conference script</h1>
      {script.started ? (
        <p className="alert warn" role="status">The conference has started: this script is now the record of what was planned and can no longer be changed.</p>
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

function useScriptFetcher() {
  const fetcher = useFetcher<FormResult>();
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};
  const done = fetcher.data?.ok ? fetcher.data.done : undefined;
  return { fetcher, errors, done, busy: fetcher.state !== "idle" };
}

function TemplatePicker({ templates, current, hasSteps }: { templates: Loaded["templates"]; current: string | null; hasSteps: boolean }) {
  const { fetcher, errors, done, busy } = useScriptFetcher();
  return (
    <fetcher.Form method="post" className="card row section-gap" aria-labelledby="template-heading">
      <h2 id="template-heading" style={{ flexBasis: "100%", margin: 0 }}>Start from a template</h2>
      <input type="hidden" name="intent" value="use-template" />
      <div style={{ flex: "1 1 280px" }}>
        <SelectField
          id="templateId"
          name="templateId"
          label="Script template"
          hint={hasSteps ? "This replaces the current steps." : undefined}
          options={templates.map((t) => t.id)}
          labels={Object.fromEntries(templates.map((t) => [t.id, `${t.name} (${t.steps} steps)`]))}
          defaultValue={current ?? templates[0]?.id ?? ""}
          error={errors.templateId}
        />
      </div>
      <div className="field">
        <button type="submit" disabled={busy} className={hasSteps ? "secondary" : undefined}
          onClick={(e) => {
            if (hasSteps && !window.confirm("Replace the current script with the template? Your changes to the steps will be lost.")) e.preventDefault();
          }}>
          {busy ? "Preparing…" : hasSteps ? "Replace the script" : "Use this template"}
        </button>
      </div>
      <div style={{ flexBasis: "100%" }}>
        <FormMessage error={errors.form} done={done} />
      </div>
    </fetcher.Form>
  );
}

function SpeakerRow({ attendee, first, last, canEdit }: { attendee: Attendee; first: boolean; last: boolean; canEdit: boolean }) {
  const { fetcher, busy } = useScriptFetcher();
  return (
    <li className="speaking-row">
      <span>
        <strong>{attendee.name}</strong> <span className="hint">{PARTICIPANT_ROLE_LABELS[attendee.role]}</span>
      </span>
      {canEdit ? (
        <fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value="speaker" />
          <input type="hidden" name="participantId" value={attendee.id} />
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || busy} aria-label={`Move ${attendee.name} earlier`}>↑</button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || busy} aria-label={`Move ${attendee.name} later`}>↓</button>
        </fetcher.Form>
      ) : null}
    </li>
  );
}

function AddressedTo({ attendees, selected, idPrefix, error }: { attendees: Attendee[]; selected: string[]; idPrefix: string; error?: string }) {
  if (attendees.length === 0) return null;
  return (
    <fieldset className="field addressed-to">
      <legend>Addressed to</legend>
      {attendees.map((a) => (
        <label key={a.id} className="check-chip" htmlFor={`${idPrefix}-${a.id}`}>
          <input id={`${idPrefix}-${a.id}`} type="checkbox" name="addressedTo[]" value={a.id} defaultChecked={selected.includes(a.id)} />
          {a.name} <span className="hint">({PARTICIPANT_ROLE_LABELS[a.role].toLowerCase()})</span>
        </label>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

function StepFields({ step, attendees, idPrefix, errors }: { step?: Step; attendees: Attendee[]; idPrefix: string; errors: Partial<Record<string, string>> }) {
  return (
    <>
      <SelectField id={`${idPrefix}-phase`} name="phase" label="Part of the conference" options={SCRIPT_PHASES} labels={SCRIPT_PHASE_LABELS} defaultValue={(step?.phase as (typeof SCRIPT_PHASES)[number]) ?? "OPENING"} error={errors.phase} />
      <Field id={`${idPrefix}-title`} name="title" label="Title" defaultValue={step?.title} error={errors.title} />
      <TextAreaField id={`${idPrefix}-prompt`} name="prompt" label="What the chair says or asks" defaultValue={step?.prompt} error={errors.prompt} maxLength={1000} />
      <AddressedTo attendees={attendees} selected={step?.addressedTo ?? []} idPrefix={`${idPrefix}-to`} error={errors.addressedTo} />
    </>
  );
}

function StepCard(props: { step: Step; index: number; count: number; attendees: Attendee[]; names: Map<string, string>; canEdit: boolean }) {
  const { step, index, count, attendees, names, canEdit } = props;
  const move = useScriptFetcher();
  const edit = useScriptFetcher();
  const remove = useScriptFetcher();
  const to = step.addressedTo.map((id) => names.get(id)).filter(Boolean);
  return (
    <li className="card script-step" aria-labelledby={`step-${step.id}-title`}>
      <p className="eyebrow">
        {index + 1}. {SCRIPT_PHASE_LABELS[step.phase as (typeof SCRIPT_PHASES)[number]] ?? step.phase}
      </p>
      <h3 id={`step-${step.id}-title`}>{step.title}</h3>
      <p>{step.prompt}</p>
      {to.length ? <p className="hint">Addressed to {to.join(", ")}</p> : null}
      {canEdit ? (
        <div className="row step-actions">
          <move.fetcher.Form method="post" className="row">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="stepId" value={step.id} />
            <button type="submit" name="direction" value="up" className="secondary" disabled={index === 0 || move.busy} aria-label={`Move "${step.title}" up`}>↑ Up</button>
            <button type="submit" name="direction" value="down" className="secondary" disabled={index === count - 1 || move.busy} aria-label={`Move "${step.title}" down`}>↓ Down</button>
          </move.fetcher.Form>
          <remove.fetcher.Form method="post" onSubmit={(e) => { if (!window.confirm(`Remove the step "${step.title}"?`)) e.preventDefault(); }}>
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="stepId" value={step.id} />
            <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${step.title}"`}>Remove</button>
          </remove.fetcher.Form>
        </div>
      ) : null}
      {canEdit ? (
        <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
          <summary className="tap">Edit<span className="visually-hidden"> "{step.title}"</span></summary>
          <edit.fetcher.Form method="post" className="stack">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="stepId" value={step.id} />
            <StepFields step={step} attendees={attendees} idPrefix={`edit-${step.id}`} errors={edit.errors} />
            <div className="form-actions">
              <button type="submit" disabled={edit.busy}>{edit.busy ? "Saving…" : "Save step"}</button>
            </div>
            <FormMessage error={edit.errors.form} done={edit.done} />
          </edit.fetcher.Form>
        </details>
      ) : null}
      <FormMessage error={move.errors.form ?? remove.errors.form} />
    </li>
  );
}

function AddStep({ attendees }: { attendees: Attendee[] }) {
  const { fetcher, errors, done, busy } = useScriptFetcher();
  return (
    <section className="card section-gap" aria-labelledby="add-step-heading">
      <h2 id="add-step-heading">Add a step</h2>
      <fetcher.Form method="post" className="stack" key={done}>
        <input type="hidden" name="intent" value="add" />
        <StepFields attendees={attendees} idPrefix="add" errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? "Adding…" : "Add the step"}</button>
        </div>
      </fetcher.Form>
      <FormMessage error={errors.form} done={done} />
    </section>
  );
}
