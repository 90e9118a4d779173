import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { changeConsent } from "~/models/consent.server";
import { ConsentActionSchema } from "~/models/people-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formError, formsOnly, parseForm } from "~/utils/forms.server";


export const loader = formsOnly;
/**
 * The consent ledger: record an answer, or withdraw a yes in one tap. Each request adds
 * one entry; a withdrawal that breaks a booked conference's gate puts it on hold in the same transaction.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, ConsentActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await changeConsent(caseId, input, user.id);
  if (!outcome.ok) return formError(outcome.errors, input.intent);
  await audit({
    actor: user,
    action: input.intent === "withdraw" ? "consent.withdraw" : "consent.record",
    target: `consent:${outcome.id}`,
    caseId,
    ip: context.clientIp,
    details: {
      participantId: input.participantId,
      // A parent or guardian's answer for the participant: who gave it.
      ...(input.guardianId ? { guardianId: input.guardianId } : {}),
      element: input.element,
      answer: input.intent === "withdraw" ? "WITHDRAWN" : input.answer,
      held: outcome.held,
    },
  });
  return formDone(outcome.done, input.intent, outcome.id);
}
