import { setAuditPeriod } from "~/models/audit-retention.server";
import { changeRetentionRule } from "~/models/retention-rules.server";
import { RetentionRuleActionSchema } from "~/models/retention-schemas";
import { formAction, onService } from "~/utils/action.server";

/**
 * The retention page's forms (routes/admin.retention.tsx): the service manager adds, changes or
 * removes a rule, or sets how long the audit trail is kept.
 */
export const action = formAction({
  authorize: onService("service:manage-retention"),
  schema: RetentionRuleActionSchema,
  run: async ({ user, input, context, transaction }) => {
    if (input.intent === "audit-period") {
      // The job is not asked to run at once: a period shortened by mistake can be set back before
      // the next scheduled run deletes anything.
      const change = await transaction((tx) => setAuditPeriod(tx, user, input));
      return { done: change.done, audit: change.audit };
    }
    const change = await transaction((tx) => changeRetentionRule(tx, user, input));
    // The list of cases due follows the new rule at once rather than at the next hourly check.
    return { done: change.done, id: change.ruleId, audit: change.audit, afterwards: () => context.retention.recheck() };
  },
});
