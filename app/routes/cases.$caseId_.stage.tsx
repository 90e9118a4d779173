import { StageMoveSchema } from "~/models/safety-schemas";
import { moveStage } from "~/models/stage.server";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";
import { STAGE_LABELS } from "~/utils/roles";

export const loader = formsOnly;
/** "Move the case on": facilitators only; the stage gate is re-checked inside the transaction. */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: StageMoveSchema,
  run: async ({ user, access: { caseId }, input, transaction }) => {
    const { from, to, completedBy } = await transaction((tx) => moveStage(tx, caseId, input, user.id));
    const details = { from, to, ...(to === "CLOSED" ? { closureReason: input.closureReason, closureNote: input.closureNote, ...(completedBy ? { completedBy } : {}) } : {}) };
    return { done: `The case moved to ${STAGE_LABELS[to].toLowerCase()}.`, audit: { action: "case.stage", target: `case:${caseId}`, details } };
  },
});
