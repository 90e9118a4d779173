import type { ActionFunctionArgs } from "@remix-run/node";
import { decideApproval } from "~/models/approval.server";
import { requireCaseAction } from "~/models/case-access.server";
import { ApprovalSchema } from "~/models/safety-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formsOnly, parseForm, refusable } from "~/utils/forms.server";


export const loader = formsOnly;
/** The case supervisor approves or declines the current risk assessment. Anyone else: 404. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:approve");
  const parsed = await parseForm(request, ApprovalSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await refusable(input.intent, (tx) => decideApproval(tx, caseId, input, user.id));
  if ("response" in outcome) return outcome.response;
  const { id, held } = outcome.value;
  await audit({
    actor: user,
    action: input.decision === "APPROVED" ? "approval.approve" : "approval.decline",
    target: `approval:${id}`,
    caseId,
    ip: context.clientIp,
    details: { riskAssessmentId: input.assessmentId, decision: input.decision, heldBooking: held !== null },
  });
  if (held) context.realtime.conferencesChanged(caseId);
  const done = input.decision === "APPROVED" ? "You approved the current risk assessment." : "You declined the current risk assessment; the facilitators will see your comments.";
  return formDone(held ? `${done} The booked conference is on hold.` : done, input.intent, id);
}
