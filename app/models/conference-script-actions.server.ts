import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import type { FieldErrors } from "~/utils/schemas";
import { getConferenceScript, prepareScriptFromTemplate } from "./conference-script.server";
import { moveOnePlace } from "./script-library";
import type { ScriptActionInput } from "./script-schemas";

/** The conference whose script is being tailored, from requireConferenceAction. */
type ScriptTarget = { conferenceId: string; serviceId: string };

/** What a script change answers: a sentence for the facilitator, or why nothing changed. */
export type ScriptOutcome = { ok: true; done: string } | { ok: false; errors: FieldErrors };

/**
 * Tailors a conference's script (docs/architecture.md §3, live conference): one transaction that
 * first re-reads whether the conference has started (then a Refusal: the script belongs to the live
 * record). Steps and people named must be this conference's.
 */
export async function changeConferenceScript({ conferenceId, serviceId }: ScriptTarget, input: ScriptActionInput): Promise<ScriptOutcome> {
  const attendees = new Set(
    (await db.conferenceAttendee.findMany({ where: { conferenceId, participant: { removedAt: null } }, select: { participantId: true } })).map((a) => a.participantId),
  );
  if ("addressedTo[]" in input && input["addressedTo[]"].some((id) => !attendees.has(id))) {
    return { ok: false, errors: { addressedTo: "Address questions only to people attending this conference." } };
  }
  if ("stepId" in input && (await db.conferenceStep.count({ where: { id: input.stepId, conferenceId } })) !== 1) {
    return { ok: false, errors: { form: "That step is not in this conference's script." } };
  }
  if (input.intent === "speaker" && !attendees.has(input.participantId)) return { ok: false, errors: { form: "That person is not attending this conference." } };

  return db.$transaction(async (tx) => {
    const live = await tx.conferenceLive.findUnique({ where: { conferenceId }, select: { status: true } });
    if (live && live.status !== "READY") throw new Refusal("The conference has started: its script can no longer be changed.");
    return applyChange(tx, conferenceId, serviceId, input);
  });
}

async function applyChange(tx: Prisma.TransactionClient, conferenceId: string, serviceId: string, input: ScriptActionInput): Promise<ScriptOutcome> {
  const done = (text: string): ScriptOutcome => ({ ok: true, done: text });
  switch (input.intent) {
    case "use-template":
      if (!(await prepareScriptFromTemplate(tx, conferenceId, input.templateId, serviceId))) {
        return { ok: false, errors: { templateId: "That script is not available to your service." } };
      }
      return done("The script was prepared from the template, with everyone's preferred names.");
    case "move": {
      const ids = await stepIds(tx, conferenceId);
      const order = moveOnePlace(ids, ids.indexOf(input.stepId), input.direction);
      if (!order) return done(`That step is already at the ${input.direction === "up" ? "top" : "end"}.`);
      await renumber(tx, order);
      return done("Step moved.");
    }
    case "remove":
      await tx.conferenceStep.delete({ where: { id: input.stepId } });
      await renumber(tx, await stepIds(tx, conferenceId));
      return done("Step removed.");
    case "edit":
      await tx.conferenceStep.update({
        where: { id: input.stepId },
        data: { phase: input.phase, title: input.title, prompt: input.prompt, addressees: { deleteMany: {}, create: addressees(input["addressedTo[]"]) } },
      });
      return done("Step saved.");
    case "add": {
      const count = await tx.conferenceStep.count({ where: { conferenceId } });
      await tx.conferenceStep.create({
        data: { conferenceId, position: count, phase: input.phase, title: input.title, prompt: input.prompt, addressees: { create: addressees(input["addressedTo[]"]) } },
      });
      return done("Step added at the end of the script.");
    }
    case "speaker": {
      const order = (await getConferenceScript(conferenceId))?.speakingOrder ?? [];
      const moved = moveOnePlace(order, order.indexOf(input.participantId), input.direction);
      if (!moved) return done("Already there.");
      // The whole order is written: positions are unique per conference, so rows are replaced, not shuffled.
      await tx.conferenceSpeaker.deleteMany({ where: { conferenceId } });
      await tx.conferenceSpeaker.createMany({ data: moved.map((participantId, position) => ({ conferenceId, participantId, position })) });
      return done("Speaking order saved.");
    }
  }
}

const addressees = (participantIds: string[]) => participantIds.map((participantId) => ({ participantId }));

const stepIds = async (tx: Prisma.TransactionClient, conferenceId: string) =>
  (await tx.conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);

/** Positions 0..n-1 in the given order, writing only the rows whose position changes. */
async function renumber(tx: Prisma.TransactionClient, ordered: string[]) {
  const current = await tx.conferenceStep.findMany({ where: { id: { in: ordered } }, select: { id: true, position: true } });
  const was = new Map(current.map((s) => [s.id, s.position]));
  for (const [position, id] of ordered.entries()) {
    if (was.get(id) !== position) await tx.conferenceStep.update({ where: { id }, data: { position } });
  }
}
