import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { createRiskAssessment } from "~/models/risk.server";
import { RiskAssessmentSchema } from "~/models/safety-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formsOnly, parseForm, refusable } from "~/utils/forms.server";
import { RECOMMENDATION_LABELS } from "~/utils/preparation";


export const loader = formsOnly;
/** Records a risk assessment (posted by the case screen's risk form). Facilitators of the case only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, RiskAssessmentSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await refusable(input.intent, (tx) => createRiskAssessment(tx, caseId, input, user.id));
  if ("response" in outcome) return outcome.response;
  const saved = outcome.value;
  await audit({
    actor: user,
    action: "risk.create",
    target: `risk:${saved.id}`,
    caseId,
    ip: context.clientIp,
    details: { stage: saved.stage, overall: input.overall, recommendation: input.recommendation, sensitive: input.sensitive, markedSensitive: saved.markedSensitive, heldBooking: saved.held !== null },
  });
  if (saved.held) context.realtime.conferencesChanged(caseId);
  const notes = [
    `Risk assessment saved: ${RECOMMENDATION_LABELS[input.recommendation].toLowerCase()}.`,
    saved.markedSensitive ? "The case is now marked sensitive or complex: the case supervisor must approve before a conference." : "",
    saved.held ? `The booked conference is on hold: ${saved.held.join(" ")}` : "",
  ];
  return formDone(notes.filter(Boolean).join(" "), input.intent, saved.id);
}
