import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { reopenCase, updateCaseDetails } from "~/models/case-record.server";
import { CaseDetailsSchema, ReopenSchema } from "~/models/case-record-schemas";
import { StageMoveSchema } from "~/models/safety-schemas";
import { moveStage } from "~/models/stage.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formDone, formError, formsOnly, refusable, refusalAnswer } from "~/utils/forms.server";
import { Refusal } from "~/utils/refusal";
import { can, type CaseAction } from "~/utils/permissions";
import { RECORD_FIELD_LABELS } from "~/utils/referral";
import { STAGE_LABELS } from "~/utils/roles";
import { fieldErrors } from "~/utils/schemas";

export const loader = formsOnly;

/** Which permission each intent needs (all of them imply case:edit-details, checked first). */
const NEEDS: Record<string, CaseAction> = { details: "case:edit-details", close: "case:close", reopen: "case:reopen" };

/**
 * The case's record: edit the referral details (the case's facilitators and the service manager),
 * close it with a reason (the same), reopen it with a reason (the manager). Posted from the case
 * page and from the manager's record page (/admin/cases/:caseId). Anyone else gets 404 before the
 * form is read; an intent someone may not use is a 404 too.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:edit-details");
  const { caseId } = resource;
  const body = await request.formData().catch(() => null);
  if (!body) return formError({ form: "That form could not be read. Please send it again." });
  const raw: Record<string, string> = {};
  for (const [key, value] of body) if (typeof value === "string") raw[key] = value;
  const intent = raw.intent ?? "";
  const needs = Object.hasOwn(NEEDS, intent) ? NEEDS[intent] : undefined;
  if (!needs) return formError({ intent: "Unknown action" });
  if (!can(user, needs, resource)) throw notFound("Case not found");

  if (intent === "details") {
    const parsed = CaseDetailsSchema.safeParse(raw);
    if (!parsed.success) return formError(fieldErrors(parsed.error), intent);
    let outcome: Awaited<ReturnType<typeof updateCaseDetails>>;
    try {
      outcome = await updateCaseDetails(caseId, parsed.data, user.id);
    } catch (error) {
      if (error instanceof Refusal) return refusalAnswer(error, intent);
      throw error;
    }
    const { changed, held } = outcome;
    if (changed.length === 0) return formDone("Nothing changed: the details were already as shown.", intent);
    await audit({
      actor: user,
      action: "case.details.update",
      target: `case:${caseId}`,
      caseId,
      ip: context.clientIp,
      details: { fields: changed, ...(held ? { bookingsHeld: true } : {}) },
    });
    const what = changed.map((f) => RECORD_FIELD_LABELS[f].toLowerCase()).join(", ");
    return formDone(`Saved. Changed: ${what}.${held ? " The booked conference is on hold: a sensitive case needs the supervisor's approval first." : ""}`, intent);
  }

  if (intent === "close") {
    // The same form and rules as the case page's "Close the case" (StageMoveSchema, moveStage).
    const parsed = StageMoveSchema.safeParse({ ...raw, intent: "move", to: "CLOSED" });
    if (!parsed.success) return formError(fieldErrors(parsed.error), intent);
    const input = parsed.data;
    const outcome = await refusable(intent, (tx) => moveStage(tx, caseId, input, user.id));
    if ("response" in outcome) return outcome.response;
    const { from, to } = outcome.value;
    await audit({
      actor: user,
      action: "case.stage",
      target: `case:${caseId}`,
      caseId,
      ip: context.clientIp,
      details: { from, to, closureReason: input.closureReason, closureNote: input.closureNote },
    });
    return formDone("The case is closed.", intent);
  }

  const parsed = ReopenSchema.safeParse(raw);
  if (!parsed.success) return formError(fieldErrors(parsed.error), intent);
  const outcome = await refusable(intent, (tx) => reopenCase(tx, caseId, parsed.data.reason, user.id));
  if ("response" in outcome) return outcome.response;
  const { to } = outcome.value;
  await audit({ actor: user, action: "case.reopen", target: `case:${caseId}`, caseId, ip: context.clientIp, details: { from: "CLOSED", to, reason: parsed.data.reason } });
  return formDone(`The case is open again, at ${STAGE_LABELS[to].toLowerCase()}.`, intent);
}
