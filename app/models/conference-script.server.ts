import type { Prisma } from "@prisma/client";
import { displayName, type ParticipantRole } from "~/utils/preparation";
import { db } from "~/utils/db.server";
import { fillPrompt, STANDARD_TEMPLATE_ID, type AddressTo, type ScriptStepSeed } from "./script-library";

export { STANDARD_TEMPLATE_ID };

/** The templates every service may use: its own, and the standard script (the row with no service). */
const usableBy = (serviceId: string) => ({ archivedAt: null, OR: [{ serviceId }, { serviceId: null }] });

/** A step's addressees in the case's order of people, the order tailoring addresses them in (ties: by id). */
export const stepAddressees = {
  select: { participantId: true },
  orderBy: [{ participant: { createdAt: "asc" } }, { participantId: "asc" }],
} satisfies Prisma.ConferenceStep$addresseesArgs;

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

/** The template's steps: the standard script's or the service's own template's (null: not one this service may use). */
export async function templateSteps(tx: Prisma.TransactionClient, templateId: string, serviceId: string): Promise<ScriptStepSeed[] | null> {
  const template = await tx.scriptTemplate.findFirst({
    where: { id: templateId, ...usableBy(serviceId) },
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
  const created = await tx.conferenceStep.createManyAndReturn({
    data: tailored.map((s, position) => ({ conferenceId, position, phase: s.phase, title: s.title, prompt: s.prompt })),
    select: { id: true, position: true },
  });
  await tx.conferenceStepAddressee.createMany({
    data: created.flatMap((step) => tailored[step.position]!.addressedTo.map((participantId) => ({ stepId: step.id, participantId }))),
  });
  await tx.conference.update({ where: { id: conferenceId }, data: { scriptTemplateId: templateId } });
  return true;
}

/** Gives a conference the standard script when it has none yet (e.g. started without tailoring). */
export async function ensureConferenceScript(tx: Prisma.TransactionClient, conferenceId: string, serviceId: string): Promise<void> {
  if ((await tx.conferenceStep.count({ where: { conferenceId } })) > 0) return;
  await prepareScriptFromTemplate(tx, conferenceId, STANDARD_TEMPLATE_ID, serviceId);
}

/** The templates a service may use: the built-in standard script first, then the service's own by name. */
export async function listScriptTemplates(serviceId: string) {
  const rows = await db.scriptTemplate.findMany({
    where: usableBy(serviceId),
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, serviceId: true, _count: { select: { steps: true } } },
  });
  const all = rows.map((t) => ({ id: t.id, name: t.name, description: t.description, steps: t._count.steps, builtIn: t.serviceId === null }));
  return [...all.filter((t) => t.builtIn), ...all.filter((t) => !t.builtIn)];
}

type AttendeeRow = { participant: { id: string; name: string; preferredName: string; role: string; supportsId: string | null; removedAt: Date | null } };

/** The people attending a conference who are still on the case, named as they prefer (script and live screens). */
export function activeAttendees(rows: AttendeeRow[]) {
  return rows
    .map((a) => a.participant)
    .filter((p) => p.removedAt === null)
    .map((p) => ({ id: p.id, name: displayName(p), fullName: p.name, role: p.role as ParticipantRole, supportsId: p.supportsId }));
}

/** A conference's script for the tailoring screen: steps, attendees, speaking order, and whether it may still change. */
export async function getConferenceScript(conferenceId: string) {
  const c = await db.conference.findUnique({
    where: { id: conferenceId },
    select: {
      id: true,
      caseId: true,
      scheduledAt: true,
      venue: true,
      room: true,
      status: true,
      speakers: { orderBy: { position: "asc" }, select: { participantId: true } },
      scriptTemplateId: true,
      case: { select: { reference: true, title: true } },
      live: { select: { status: true } },
      steps: { orderBy: { position: "asc" }, select: { id: true, position: true, phase: true, title: true, prompt: true, addressees: stepAddressees } },
      attendees: { select: { participant: { select: { id: true, name: true, preferredName: true, role: true, supportsId: true, removedAt: true } } } },
    },
  });
  if (!c) return null;
  const attendees = activeAttendees(c.attendees);
  const known = new Set(attendees.map((a) => a.id));
  const order = c.speakers.map((s) => s.participantId).filter((id) => known.has(id));
  // Everyone attending appears in the speaking order: those not yet ordered follow in list order.
  const speakingOrder = [...order, ...attendees.map((a) => a.id).filter((id) => !order.includes(id))];
  return {
    id: c.id,
    caseId: c.caseId,
    reference: c.case.reference,
    title: c.case.title,
    scheduledAt: c.scheduledAt.toISOString(),
    venue: [c.venue, c.room].filter(Boolean).join(", "),
    status: c.status,
    templateId: c.scriptTemplateId,
    started: (c.live?.status ?? "READY") !== "READY",
    steps: c.steps.map(({ addressees, ...s }) => ({ ...s, addressedTo: addressees.map((a) => a.participantId).filter((id) => known.has(id)) })),
    attendees,
    speakingOrder,
  };
}
