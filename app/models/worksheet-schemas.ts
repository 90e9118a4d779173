import { z } from "zod";
import { cleanText, RecordIdSchema } from "~/utils/schemas";

export * from "./worksheet-labels";

/**
 * The author's worksheet form (/worksheets): the answers in the order of their prompts, each beside
 * its answer's id (`answerId[]` and `answer[]`, as many of each), saved as they are or sent to the
 * facilitator. Which answers belong to the worksheet is checked by the model.
 */
const answers = {
  worksheetId: RecordIdSchema,
  "answerId[]": z.array(RecordIdSchema, { error: "Reload the page and try again" }).min(1, "Reload the page and try again").max(12),
  "answer[]": z.array(z.string().overwrite(cleanText).trim().max(8000, "Use at most 8,000 characters for each answer"), { error: "Reload the page and try again" }),
};

const sameLength = (v: { "answerId[]": string[]; "answer[]": string[] }) => v["answerId[]"].length === v["answer[]"].length;

export const WorksheetActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("save"), ...answers }).refine(sameLength, { message: "Reload the page and try again", path: ["form"] }),
    z.object({ intent: z.literal("submit"), ...answers }).refine(sameLength, { message: "Reload the page and try again", path: ["form"] }),
  ],
  { error: "Unknown action" },
);
export type WorksheetAction = z.infer<typeof WorksheetActionSchema>;
