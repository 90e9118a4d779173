import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { StageMoveSchema } from "~/models/safety-schemas";
import { moveStage } from "~/models/stage.server";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formsOnly, parseForm, refusable } from "~/utils/forms.server";
import { STAGE_LABELS } from "~/utils/roles";


export const loader = formsOnly;
/** "Move the case on": facilitators only; the stage gate is re-checked inside the transaction. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, StageMoveSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await refusable(input.intent, (tx) => moveStage(tx, caseId, input, user.id));
  if ("response" in outcome) return outcome.response;
  const { from, to } = outcome.value;
  await audit({
    actor: user,
    action: "case.stage",
    target: `case:${caseId}`,
    caseId,
    ip: context.clientIp,
    details: { from, to, ...(to === "CLOSED" ? { closureReason: input.closureReason, closureNote: input.closureNote } : {}) },
  });
  return formDone(`The case moved to ${STAGE_LABELS[to].toLowerCase()}.`, input.intent);
}
