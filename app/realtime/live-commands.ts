import { z } from "zod";
import { RecordIdSchema } from "~/utils/schemas";

/**
 * A live command as a tablet sends it (live-machine.ts applies it), validated on the server before
 * the state machine sees it. Every command names the version it was made against.
 */
const base = { expectedVersion: z.number().int().min(0).max(1_000_000_000) };
export const LiveCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), ...base }).strict(),
  z.object({ type: z.literal("pause"), ...base }).strict(),
  z.object({ type: z.literal("resume"), ...base }).strict(),
  z.object({ type: z.literal("end"), ...base }).strict(),
  z.object({ type: z.literal("next"), ...base }).strict(),
  z.object({ type: z.literal("jump"), stepId: RecordIdSchema, ...base }).strict(),
  z.object({ type: z.literal("mark"), stepId: RecordIdSchema, status: z.enum(["PENDING", "ASKED", "SKIPPED"]), ...base }).strict(),
  z.object({ type: z.literal("speaker"), participantId: RecordIdSchema.nullable(), ...base }).strict(),
  z.object({ type: z.literal("break"), ...base }).strict(),
  z.object({ type: z.literal("lock-seating"), locked: z.boolean(), ...base }).strict(),
]);
export type LiveCommand = z.infer<typeof LiveCommandSchema>;
export type LiveCommandType = LiveCommand["type"];
