import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/schemas";
import { moveOnePlace, STANDARD_SCRIPT_NAME, STANDARD_TEMPLATE_ID } from "./script-library";
import type { TemplateActionInput } from "./script-schemas";

/** What a change to the templates answers: a sentence for the manager, or why nothing changed. */
export type TemplateOutcome = { ok: true; done: string; templateId: string } | { ok: false; errors: FieldErrors };

/** The service's own templates with their steps (the manager's page), and the built-in one's name and size (shown, never edited). */
export async function listServiceTemplates(serviceId: string) {
  const [templates, standard] = await Promise.all([
    db.scriptTemplate.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true, description: true, steps: { orderBy: { position: "asc" }, select: { id: true, phase: true, title: true, prompt: true, addressTo: true } } },
    }),
    db.scriptTemplate.findUnique({ where: { id: STANDARD_TEMPLATE_ID }, select: { name: true, _count: { select: { steps: true } } } }),
  ]);
  return { templates, standard: { name: standard?.name ?? STANDARD_SCRIPT_NAME, steps: standard?._count.steps ?? 0 } };
}

/** The standard script's steps, to copy into a new template. */
const standardSteps = () =>
  db.scriptTemplateStep.findMany({
    where: { templateId: STANDARD_TEMPLATE_ID },
    orderBy: { position: "asc" },
    select: { phase: true, title: true, prompt: true, addressTo: true, position: true },
  });

/** Makes, archives or edits a template of the manager's service; every change is one transaction. */
export async function changeTemplate(manager: { id: string; serviceId: string }, input: TemplateActionInput): Promise<TemplateOutcome> {
  if (input.intent === "create") {
    const steps = input.basedOn === "standard" ? await standardSteps() : [];
    const created = await db.scriptTemplate.create({
      data: {
        serviceId: manager.serviceId,
        name: input.name,
        description: input.description,
        createdById: manager.id,
        steps: { create: steps },
      },
      select: { id: true },
    });
    return { ok: true, done: `Created "${input.name}". Facilitators can now choose it when they prepare a script.`, templateId: created.id };
  }
  // Every other intent names a template of this service, and a step of that template. The
  // standard script belongs to no service, so it is never found here: nobody edits or archives it.
  if (input.templateId === STANDARD_TEMPLATE_ID) return { ok: false, errors: { form: "The standard script cannot be changed. Add a template that starts from a copy of it." } };
  const template = await db.scriptTemplate.findFirst({ where: { id: input.templateId, serviceId: manager.serviceId, archivedAt: null }, select: { id: true, name: true } });
  if (!template) return { ok: false, errors: { form: "That template does not exist in your service." } };
  if ("stepId" in input && (await db.scriptTemplateStep.count({ where: { id: input.stepId, templateId: template.id } })) !== 1) {
    return { ok: false, errors: { form: "That step is not in this template." } };
  }
  const done = await db.$transaction((tx) => changeSteps(tx, template, input));
  return { ok: true, done, templateId: template.id };
}

async function changeSteps(tx: Prisma.TransactionClient, template: { id: string; name: string }, input: Exclude<TemplateActionInput, { intent: "create" }>): Promise<string> {
  const templateId = template.id;
  switch (input.intent) {
    case "archive":
      await tx.scriptTemplate.update({ where: { id: templateId }, data: { archivedAt: new Date() } });
      return `Archived "${template.name}". Scripts already prepared from it are unchanged.`;
    case "add-step": {
      const count = await tx.scriptTemplateStep.count({ where: { templateId } });
      const { phase, title, prompt, addressTo } = input;
      await tx.scriptTemplateStep.create({ data: { templateId, position: count, phase, title, prompt, addressTo } });
      return "Step added.";
    }
    case "edit-step": {
      const { phase, title, prompt, addressTo } = input;
      await tx.scriptTemplateStep.update({ where: { id: input.stepId }, data: { phase, title, prompt, addressTo } });
      return "Step saved.";
    }
    case "move-step": {
      const ordered = await templateStepIds(tx, templateId);
      const moved = moveOnePlace(ordered, ordered.indexOf(input.stepId), input.direction);
      if (!moved) return "Already there.";
      await renumberTemplateSteps(tx, moved);
      return "Step moved.";
    }
    case "remove-step":
      await tx.scriptTemplateStep.delete({ where: { id: input.stepId } });
      await renumberTemplateSteps(tx, await templateStepIds(tx, templateId));
      return "Step removed.";
  }
}

const templateStepIds = async (tx: Prisma.TransactionClient, templateId: string) =>
  (await tx.scriptTemplateStep.findMany({ where: { templateId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);

async function renumberTemplateSteps(tx: Prisma.TransactionClient, ordered: string[]) {
  for (const [position, id] of ordered.entries()) await tx.scriptTemplateStep.update({ where: { id }, data: { position } });
}
