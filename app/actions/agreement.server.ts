import { announce, runAgreementAction } from "~/models/agreement-actions.server";
import { AgreementActionSchema } from "~/models/agreement-schemas";
import { formAction, onCase } from "~/utils/action.server";

/**
 * The agreement workspace's forms (routes/cases.$caseId_.agreement.tsx). Every case member gets as
 * far as the form; `runAgreementAction` then asks the permission of the intent (the supervisor
 * reviews, the facilitators draft). An attempt to change an approved agreement is refused and
 * audited; a change is announced to the workspace's other open screens once it is recorded.
 */
export const action = formAction({
  authorize: onCase("agreement:read"),
  schema: AgreementActionSchema,
  run: async ({ user, access, input, context }) => {
    const outcome = await runAgreementAction(context, user, access.resource, input);
    const { change } = outcome;
    return {
      done: outcome.done,
      id: outcome.id,
      audit: { action: `agreement.${input.intent}`, target: `case:${access.caseId}`, details: outcome.details ?? {} },
      afterwards: change ? () => announce(context.realtime, access.caseId, change, user.name) : undefined,
    };
  },
  refused: ({ access, input, refusal }) =>
    refusal.tamper ? { action: "agreement.change.refused", target: `case:${access.caseId}`, details: { intent: input.intent, reason: "approved" } } : undefined,
});
