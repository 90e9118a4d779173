import { changeRetentionRule } from "~/models/retention-rules.server";
import { RetentionRuleActionSchema } from "~/models/retention-schemas";
import { formAction, onService } from "~/utils/action.server";

/** The retention page's forms (routes/admin.retention.tsx): the service manager adds, changes or removes a rule. */
export const action = formAction({
  authorize: onService("service:manage-retention"),
  schema: RetentionRuleActionSchema,
  run: async ({ user, input, context, transaction }) => {
    const change = await transaction((tx) => changeRetentionRule(tx, user, input));
    // The list of cases due follows the new rule at once rather than at the next hourly check.
    return { done: change.done, id: change.ruleId, audit: change.audit, afterwards: () => context.retention.recheck() };
  },
});
