import { json } from "@remix-run/node";
import { createCase } from "~/models/case-record.server";
import { CaseIntakeSchema } from "~/models/case-record-schemas";
import { formAction, onService } from "~/utils/action.server";
import type { FormFields } from "~/utils/forms.server";
import type { FieldErrors } from "~/utils/schemas";

/** What was typed, echoed back beside the errors so the form keeps it, even without JavaScript. */
function typed(form: FormFields | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form ?? {})) if (typeof value === "string" && key.length < 40) values[key] = value.slice(0, 5000);
  return values;
}

const refused = (errors: FieldErrors, form: FormFields | null) => json({ errors, values: typed(form) }, { status: 400 });

/** Recording a referral (routes/cases.new.tsx): facilitators and the service manager; anyone else gets 404 before the form is parsed. */
export const action = formAction({
  authorize: onService("service:create-case"),
  schema: CaseIntakeSchema,
  invalid: refused,
  run: async ({ user, input, form }) => {
    const outcome = await createCase(user, input);
    if (!outcome.ok) return { errors: outcome.errors, data: { values: typed(form) } };
    const details = {
      reference: outcome.reference,
      stage: "REFERRAL",
      referrerType: input.referrerType,
      offenceType: input.offenceType,
      youth: input.ageGroup === "YOUTH",
      sensitive: input.sensitive,
      receivedOn: input.receivedOn,
      team: { lead: input.leadId, coFacilitator: input.coFacilitatorId, supervisor: input.supervisorId },
    };
    return {
      done: `Recorded as ${outcome.reference}.`,
      // Categories and people, not the words of the referral; in the new case's own trail.
      audit: { action: "case.created", target: `case:${outcome.id}`, caseId: outcome.id, details },
      // The manager is never on a case team: they land on the case's record instead of its page.
      redirectTo: user.role === "ADMIN" ? `/admin/cases/${outcome.id}?recorded=1` : `/cases/${outcome.id}?recorded=1`,
    };
  },
});
