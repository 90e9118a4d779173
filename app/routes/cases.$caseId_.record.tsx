import { notifyConferencesHeld } from "~/models/notifications.server";
import { requireCaseAction } from "~/models/case-access.server";
import { reopenCase, updateCaseDetails } from "~/models/case-record.server";
import { RecordActionSchema } from "~/models/case-record-schemas";
import { moveStage } from "~/models/stage.server";
import { formAction, type Changed } from "~/utils/action.server";
import { notFound } from "~/utils/auth.server";
import { formsOnly } from "~/utils/forms.server";
import { can, type CaseAction } from "~/utils/permissions";
import { RECORD_FIELD_LABELS } from "~/utils/referral";
import { STAGE_LABELS } from "~/utils/roles";

export const loader = formsOnly;

/** Which permission each intent needs (all of them imply case:edit-details, checked first). */
const NEEDS: Record<string, CaseAction> = { details: "case:edit-details", close: "case:close", reopen: "case:reopen" };

/**
 * The case's record: edit the referral details (the case's facilitators and the service manager),
 * close it with a reason (the same), reopen it with a reason (the manager). Posted from the case
 * page and from the manager's record page (/admin/cases/:caseId). Anyone else gets 404 before the
 * form is parsed; an intent someone may not use is a 404 too (an unknown one is a 400).
 */
export const action = formAction({
  authorize: async (user, { params }, intent) => {
    const resource = await requireCaseAction(user, params.caseId, "case:edit-details");
    const needs = Object.hasOwn(NEEDS, intent) ? NEEDS[intent] : undefined;
    if (needs && !can(user, needs, resource)) throw notFound("Case not found");
    return resource;
  },
  schema: RecordActionSchema,
  run: async ({ user, access: { caseId }, input, transaction }): Promise<Changed> => {
    const target = `case:${caseId}`;
    if (input.intent === "details") {
      const { changed, held } = await updateCaseDetails(caseId, input, user.id);
      if (changed.length === 0) return { done: "Nothing changed: the details were already as shown.", audit: [] };
      if (held) await notifyConferencesHeld(caseId, user.id);
      const what = changed.map((f) => RECORD_FIELD_LABELS[f].toLowerCase()).join(", ");
      return {
        done: `Saved. Changed: ${what}.${held ? " The booked conference is on hold: a sensitive case needs the supervisor's approval first." : ""}`,
        audit: { action: "case.details.update", target, details: { fields: changed, ...(held ? { bookingsHeld: true } : {}) } },
      };
    }
    if (input.intent === "close") {
      // The same move and rules as the case page's "Close the case" (moveStage).
      const { closureReason, closureNote } = input;
      const { from, to, completedBy } = await transaction((tx) => moveStage(tx, caseId, { to: "CLOSED", closureReason, closureNote, completedBy: input.completedBy }, user.id));
      return { done: "The case is closed.", audit: { action: "case.stage", target, details: { from, to, closureReason, closureNote, ...(completedBy ? { completedBy } : {}) } } };
    }
    const { to } = await transaction((tx) => reopenCase(tx, caseId, input.reason, user.id));
    return {
      done: `The case is open again, at ${STAGE_LABELS[to].toLowerCase()}.`,
      audit: { action: "case.reopen", target, details: { from: "CLOSED", to, reason: input.reason } },
    };
  },
});
