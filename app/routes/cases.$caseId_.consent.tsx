import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { changeConsentAndTell } from "~/models/consent.server";
import { ConsentActionSchema, type ConsentFormResult } from "~/models/people-schemas";
import { requireUser } from "~/utils/auth.server";
import { formDone, formError, formsOnly, parseForm } from "~/utils/forms.server";

export const loader = formsOnly;
/**
 * The consent ledger: record an answer, or withdraw a yes. Each request adds at most one entry; a
 * withdrawal that breaks a booked (or running) conference's gate puts it on hold in the same
 * transaction. A withdrawal without the confirmation of what it will do changes nothing and
 * answers 409 with the question to ask (the case screen shows it in a dialog; without
 * JavaScript the Withdraw button opens the same question as a page, /cases/:id/consent/withdraw).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, ConsentActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await changeConsentAndTell(user, caseId, input, context);
  if (!outcome.ok) {
    if ("confirm" in outcome) return json<ConsentFormResult>({ ok: false, errors: {}, intent: input.intent, confirm: outcome.confirm }, { status: 409 });
    return formError(outcome.errors, input.intent);
  }
  return formDone(outcome.done, input.intent, outcome.id);
}
