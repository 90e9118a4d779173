import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { ADDRESS_TO, ADDRESS_TO_LABELS, SCRIPT_PHASE_LABELS, SCRIPT_PHASES, STANDARD_SCRIPT, STANDARD_SCRIPT_NAME } from "~/models/script-library";
import { audit } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formDone, formError, parseForm, type FormResult } from "~/utils/forms.server";
import { RecordIdSchema } from "~/utils/schemas";

/**
 * Script templates of the service: the built-in standard script is always there; a
 * service manager adds the service's own, which facilitators then pick when preparing a script.
 */
export const meta: MetaFunction = () => [{ title: "Script templates · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-scripts");
  const templates = await db.scriptTemplate.findMany({
    where: { serviceId: admin.serviceId, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, steps: { orderBy: { position: "asc" }, select: { id: true, phase: true, title: true, prompt: true, addressTo: true } } },
  });
  return json({ templates, standard: { name: STANDARD_SCRIPT_NAME, steps: STANDARD_SCRIPT.length } });
}

const title = z.string({ error: "Give it a title" }).trim().min(1, "Give it a title").max(120, "Use at most 120 characters");
const stepFields = {
  phase: z.enum(SCRIPT_PHASES, { error: "Choose the part of the conference" }),
  title,
  prompt: z.string({ error: "Write what the chair says or asks" }).trim().min(1, "Write what the chair says or asks").max(1000, "Use at most 1,000 characters"),
  addressTo: z.enum(ADDRESS_TO, { error: "Choose who the step is for" }),
};
const TemplateActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string({ error: "Name the template" }).trim().min(1, "Name the template").max(120, "Use at most 120 characters"),
    description: z.string().trim().max(500, "Use at most 500 characters").optional().default(""),
    basedOn: z.enum(["standard", "empty"], { error: "Choose where to start" }),
  }),
  z.object({ intent: z.literal("archive"), templateId: RecordIdSchema }),
  z.object({ intent: z.literal("add-step"), templateId: RecordIdSchema, ...stepFields }),
  z.object({ intent: z.literal("edit-step"), templateId: RecordIdSchema, stepId: RecordIdSchema, ...stepFields }),
  z.object({ intent: z.literal("move-step"), templateId: RecordIdSchema, stepId: RecordIdSchema, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove-step"), templateId: RecordIdSchema, stepId: RecordIdSchema }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-scripts");
  const parsed = await parseForm(request, TemplateActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const ip = context.clientIp;
  if (input.intent === "create") {
    const created = await db.scriptTemplate.create({
      data: {
        serviceId: admin.serviceId,
        name: input.name,
        description: input.description,
        createdById: admin.id,
        steps: { create: input.basedOn === "standard" ? STANDARD_SCRIPT.map((s, position) => ({ ...s, position })) : [] },
      },
      select: { id: true },
    });
    await audit({ actor: admin, action: "script-template.create", target: `script-template:${created.id}`, ip });
    return formDone(`Created "${input.name}". Facilitators can now choose it when they prepare a script.`, "create", created.id);
  }
  // Every other intent names a template of this service, and a step of that template.
  const template = await db.scriptTemplate.findFirst({ where: { id: input.templateId, serviceId: admin.serviceId, archivedAt: null }, select: { id: true, name: true } });
  if (!template) return formError({ form: "That template does not exist in your service." }, input.intent);
  if ("stepId" in input && (await db.scriptTemplateStep.count({ where: { id: input.stepId, templateId: template.id } })) !== 1) {
    return formError({ form: "That step is not in this template." }, input.intent);
  }
  const done = await db.$transaction(async (tx) => {
    const steps = () => tx.scriptTemplateStep.findMany({ where: { templateId: template.id }, orderBy: { position: "asc" }, select: { id: true } });
    const renumber = async (ordered: { id: string }[]) => {
      for (const [position, s] of ordered.entries()) await tx.scriptTemplateStep.update({ where: { id: s.id }, data: { position } });
    };
    switch (input.intent) {
      case "archive":
        await tx.scriptTemplate.update({ where: { id: template.id }, data: { archivedAt: new Date() } });
        return `Archived "${template.name}". Scripts already prepared from it are unchanged.`;
      case "add-step": {
        const count = await tx.scriptTemplateStep.count({ where: { templateId: template.id } });
        const { templateId: _t, intent: _i, ...step } = input;
        await tx.scriptTemplateStep.create({ data: { templateId: template.id, position: count, ...step } });
        return "Step added.";
      }
      case "edit-step": {
        const { templateId: _t, intent: _i, stepId, ...step } = input;
        await tx.scriptTemplateStep.update({ where: { id: stepId }, data: step });
        return "Step saved.";
      }
      case "move-step": {
        const ordered = await steps();
        const i = ordered.findIndex((s) => s.id === input.stepId);
        const j = input.direction === "up" ? i - 1 : i + 1;
        if (j < 0 || j >= ordered.length) return "Already there.";
        [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
        await renumber(ordered);
        return "Step moved.";
      }
      case "remove-step":
        await tx.scriptTemplateStep.delete({ where: { id: input.stepId } });
        await renumber(await steps());
        return "Step removed.";
    }
  });
  await audit({ actor: admin, action: `script-template.${input.intent}`, target: `script-template:${template.id}`, ip });
  return formDone(done, input.intent, template.id);
}

type Template = ReturnType<typeof useLoaderData<typeof loader>>["templates"][number];

export default function ScriptTemplates() {
  const { templates, standard } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Script templates</h1>
      <p className="hint">
        Facilitators start each conference script from a template and then tailor it. <strong>{standard.name}</strong> ({standard.steps} steps) is always
        available; add your service's own here.
      </p>
      <CreateTemplate />
      <section className="section-gap" aria-labelledby="own-heading">
        <h2 id="own-heading">Your service's templates</h2>
        {templates.length === 0 ? (
          <p className="empty card">Your service has no templates of its own yet.</p>
        ) : (
          <div className="stack">
            {templates.map((t) => (
              <TemplateCard key={t.id} template={t} />
            ))}
          </div>
        )}
      </section>
    </main>
  );
}

function useTemplateFetcher() {
  const fetcher = useFetcher<FormResult>();
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};
  return { fetcher, errors, done: fetcher.data?.ok ? fetcher.data.done : undefined, busy: fetcher.state !== "idle" };
}

function CreateTemplate() {
  const { fetcher, errors, done, busy } = useTemplateFetcher();
  return (
    <section className="card section-gap" aria-labelledby="create-heading">
      <h2 id="create-heading">Add a template</h2>
      <fetcher.Form method="post" className="grid-2" key={done}>
        <input type="hidden" name="intent" value="create" />
        <Field id="create-name" name="name" label="Name" error={errors.name} />
        <SelectField id="create-basedOn" name="basedOn" label="Start from" options={["standard", "empty"] as const}
          labels={{ standard: "A copy of the standard script", empty: "An empty script" }} defaultValue="standard" error={errors.basedOn} />
        <div style={{ gridColumn: "1 / -1" }}>
          <TextAreaField id="create-description" name="description" label="Description (optional)" hint="When to use it, e.g. for young people or for neighbour disputes." error={errors.description} maxLength={500} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? "Adding…" : "Add the template"}</button>
        </div>
      </fetcher.Form>
      <FormMessage error={errors.form} done={done} />
    </section>
  );
}

function StepFields({ prefix, step, errors }: { prefix: string; step?: Template["steps"][number]; errors: Partial<Record<string, string>> }) {
  return (
    <>
      <SelectField id={`${prefix}-phase`} name="phase" label="Part of the conference" options={SCRIPT_PHASES} labels={SCRIPT_PHASE_LABELS}
        defaultValue={(step?.phase as (typeof SCRIPT_PHASES)[number]) ?? "OPENING"} error={errors.phase} />
      <SelectField id={`${prefix}-addressTo`} name="addressTo" label="For" options={ADDRESS_TO} labels={ADDRESS_TO_LABELS}
        defaultValue={(step?.addressTo as (typeof ADDRESS_TO)[number]) ?? "EVERYONE"} error={errors.addressTo} />
      <Field id={`${prefix}-title`} name="title" label="Title" defaultValue={step?.title} error={errors.title} />
      <TextAreaField id={`${prefix}-prompt`} name="prompt" label="What the chair says or asks" hint="{name} is replaced by the person's preferred name." defaultValue={step?.prompt} error={errors.prompt} maxLength={1000} />
    </>
  );
}

function TemplateCard({ template }: { template: Template }) {
  const archive = useTemplateFetcher();
  const add = useTemplateFetcher();
  return (
    <article className="card" aria-labelledby={`tpl-${template.id}`}>
      <h3 id={`tpl-${template.id}`} style={{ marginTop: 0 }}>{template.name}</h3>
      {template.description ? <p className="hint">{template.description}</p> : null}
      {template.steps.length === 0 ? <p className="empty">No steps yet.</p> : (
        <ol className="script-steps">
          {template.steps.map((s, i) => (
            <TemplateStep key={s.id} templateId={template.id} step={s} first={i === 0} last={i === template.steps.length - 1} />
          ))}
        </ol>
      )}
      <details className="step-edit" open={Object.keys(add.errors).length > 0 || undefined}>
        <summary className="tap">Add a step<span className="visually-hidden"> to {template.name}</span></summary>
        <add.fetcher.Form method="post" className="stack" key={add.done}>
          <input type="hidden" name="intent" value="add-step" />
          <input type="hidden" name="templateId" value={template.id} />
          <StepFields prefix={`add-${template.id}`} errors={add.errors} />
          <button type="submit" disabled={add.busy}>{add.busy ? "Adding…" : "Add the step"}</button>
        </add.fetcher.Form>
        <FormMessage error={add.errors.form} done={add.done} />
      </details>
      <archive.fetcher.Form method="post" className="section-gap" onSubmit={(e) => { if (!window.confirm(`Archive "${template.name}"?`)) e.preventDefault(); }}>
        <input type="hidden" name="intent" value="archive" />
        <input type="hidden" name="templateId" value={template.id} />
        <button type="submit" className="danger" disabled={archive.busy}>Archive<span className="visually-hidden"> {template.name}</span></button>
      </archive.fetcher.Form>
      <FormMessage error={archive.errors.form} done={archive.done} />
    </article>
  );
}

function TemplateStep({ templateId, step, first, last }: { templateId: string; step: Template["steps"][number]; first: boolean; last: boolean }) {
  const move = useTemplateFetcher();
  const edit = useTemplateFetcher();
  const remove = useTemplateFetcher();
  return (
    <li className="script-step">
      <p className="eyebrow">{SCRIPT_PHASE_LABELS[step.phase as (typeof SCRIPT_PHASES)[number]] ?? step.phase} · {ADDRESS_TO_LABELS[step.addressTo as (typeof ADDRESS_TO)[number]] ?? step.addressTo}</p>
      <h4 style={{ margin: "0 0 0.25rem" }}>{step.title}</h4>
      <p style={{ marginTop: 0 }}>{step.prompt}</p>
      <div className="row step-actions">
        <move.fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value="move-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || move.busy} aria-label={`Move "${step.title}" up`}>↑</button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || move.busy} aria-label={`Move "${step.title}" down`}>↓</button>
        </move.fetcher.Form>
        <remove.fetcher.Form method="post">
          <input type="hidden" name="intent" value="remove-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${step.title}"`}>Remove</button>
        </remove.fetcher.Form>
      </div>
      <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
        <summary className="tap">Edit<span className="visually-hidden"> "{step.title}"</span></summary>
        <edit.fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value="edit-step" />
          <input type="hidden" name="templateId" value={templateId} />
          <input type="hidden" name="stepId" value={step.id} />
          <StepFields prefix={`edit-${step.id}`} step={step} errors={edit.errors} />
          <button type="submit" disabled={edit.busy}>{edit.busy ? "Saving…" : "Save step"}</button>
        </edit.fetcher.Form>
        <FormMessage error={edit.errors.form} done={edit.done} />
      </details>
    </li>
  );
}
