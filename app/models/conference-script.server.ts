import type { Prisma } from "@prisma/client";
import { displayName, type ParticipantRole } from "~/utils/preparation";
import { fillPrompt, STANDARD_SCRIPT, type AddressTo, type ScriptStepSeed } from "./script-library";

/** The built-in template's id: it lives in code (script-library.ts), not in the database. */
export const STANDARD_TEMPLATE_ID = "standard";

type Attendee = { id: string; role: ParticipantRole; name: string; preferredName: string; supportsId: string | null };

/**
 * Turns template steps into a conference's own steps: each question is addressed to the attendees
 * with the step's role, and `{name}` is filled with their preferred names. A supporters' step is
 * repeated for each supporter attending (in the order of the people they support), and skipped
 * when no supporter attends.
 */
export function tailorSteps(template: ScriptStepSeed[], attendees: Attendee[]) {
  const byRole = (role: ParticipantRole) => attendees.filter((a) => a.role === role);
  const out: { phase: string; title: string; prompt: string; addressedTo: string[] }[] = [];
  for (const step of template) {
    const to = step.addressTo as AddressTo;
    if (to === "SUPPORTER") {
      for (const s of byRole("SUPPORTER")) {
        out.push({ phase: step.phase, title: `${step.title}: ${displayName(s)}`, prompt: fillPrompt(step.prompt, [displayName(s)]), addressedTo: [s.id] });
      }
      continue;
    }
    const people = to === "PERSON_HARMED" || to === "PERSON_RESPONSIBLE" ? byRole(to) : [];
    out.push({ phase: step.phase, title: step.title, prompt: fillPrompt(step.prompt, people.map(displayName)), addressedTo: people.map((p) => p.id) });
  }
  return out;
}

/** The template's steps: the built-in standard script, or a service template's rows. */
export async function templateSteps(tx: Prisma.TransactionClient, templateId: string, serviceId: string): Promise<ScriptStepSeed[] | null> {
  if (templateId === STANDARD_TEMPLATE_ID) return STANDARD_SCRIPT;
  const template = await tx.scriptTemplate.findFirst({
    where: { id: templateId, serviceId, archivedAt: null },
    select: { steps: { orderBy: { position: "asc" }, select: { phase: true, title: true, prompt: true, addressTo: true } } },
  });
  return template ? (template.steps as ScriptStepSeed[]) : null;
}

/**
 * Replaces a conference's script with a tailored copy of a template. Refused (returns false)
 * once the conference has started: the script then belongs to the live record.
 */
export async function prepareScriptFromTemplate(tx: Prisma.TransactionClient, conferenceId: string, templateId: string, serviceId: string): Promise<boolean> {
  const live = await tx.conferenceLive.findUnique({ where: { conferenceId }, select: { status: true } });
  if (live && live.status !== "READY") return false;
  const steps = await templateSteps(tx, templateId, serviceId);
  if (!steps) return false;
  const attendees = await tx.participant.findMany({
    where: { removedAt: null, conferences: { some: { conferenceId } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, name: true, preferredName: true, supportsId: true },
  });
  const tailored = tailorSteps(steps, attendees as Attendee[]);
  await tx.conferenceStep.deleteMany({ where: { conferenceId } });
  await tx.conferenceStep.createMany({
    data: tailored.map((s, position) => ({ conferenceId, position, phase: s.phase, title: s.title, prompt: s.prompt, addressedTo: JSON.stringify(s.addressedTo) })),
  });
  await tx.conference.update({ where: { id: conferenceId }, data: { scriptTemplateId: templateId } });
  return true;
}

/** Gives a conference the standard script when it has none yet (e.g. started without tailoring). */
export async function ensureConferenceScript(tx: Prisma.TransactionClient, conferenceId: string, serviceId: string): Promise<void> {
  if ((await tx.conferenceStep.count({ where: { conferenceId } })) > 0) return;
  await prepareScriptFromTemplate(tx, conferenceId, STANDARD_TEMPLATE_ID, serviceId);
}
