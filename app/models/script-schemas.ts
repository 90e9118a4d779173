import { z } from "zod";
import { RecordIdSchema } from "~/utils/schemas";
import { ADDRESS_TO, SCRIPT_PHASES } from "./script-library";

/** The forms of the script screens: a conference's own script, and the service's templates (docs/conventions.md §4). */

const title = z.string({ error: "Give the step a title" }).trim().min(1, "Give the step a title").max(120, "Use at most 120 characters");
const phase = z.enum(SCRIPT_PHASES, { error: "Choose the part of the conference" });
const prompt = z.string({ error: "Write what the chair says or asks" }).trim().min(1, "Write what the chair says or asks").max(1000, "Use at most 1,000 characters");
const direction = z.enum(["up", "down"]);

/** A conference's step is addressed to people attending (each once: they are rows keyed by person); a template's to a kind of person. */
const addressedTo = z
  .array(RecordIdSchema)
  .max(30)
  .optional()
  .default([])
  .transform((ids) => [...new Set(ids)]);
const conferenceStep = { phase, title, prompt, "addressedTo[]": addressedTo };

export const ScriptActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("use-template"), templateId: z.string({ error: "Choose a script" }).min(1, "Choose a script").max(40) }),
  z.object({ intent: z.literal("move"), stepId: RecordIdSchema, direction }),
  z.object({ intent: z.literal("remove"), stepId: RecordIdSchema }),
  z.object({ intent: z.literal("edit"), stepId: RecordIdSchema, ...conferenceStep }),
  z.object({ intent: z.literal("add"), ...conferenceStep }),
  z.object({ intent: z.literal("speaker"), participantId: RecordIdSchema, direction }),
]);
export type ScriptActionInput = z.infer<typeof ScriptActionSchema>;

const templateStep = {
  phase,
  title: z.string({ error: "Give it a title" }).trim().min(1, "Give it a title").max(120, "Use at most 120 characters"),
  prompt,
  addressTo: z.enum(ADDRESS_TO, { error: "Choose who the step is for" }),
};

export const TemplateActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string({ error: "Name the template" }).trim().min(1, "Name the template").max(120, "Use at most 120 characters"),
    description: z.string().trim().max(500, "Use at most 500 characters").optional().default(""),
    basedOn: z.enum(["standard", "empty"], { error: "Choose where to start" }),
  }),
  z.object({ intent: z.literal("archive"), templateId: RecordIdSchema }),
  z.object({ intent: z.literal("add-step"), templateId: RecordIdSchema, ...templateStep }),
  z.object({ intent: z.literal("edit-step"), templateId: RecordIdSchema, stepId: RecordIdSchema, ...templateStep }),
  z.object({ intent: z.literal("move-step"), templateId: RecordIdSchema, stepId: RecordIdSchema, direction }),
  z.object({ intent: z.literal("remove-step"), templateId: RecordIdSchema, stepId: RecordIdSchema }),
]);
export type TemplateActionInput = z.infer<typeof TemplateActionSchema>;
