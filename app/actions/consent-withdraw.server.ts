import { json } from "@remix-run/node";
import { WithdrawConsentSchema } from "~/models/people-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { runConsentChange } from "./consent.server";

/**
 * The withdrawal page's form (routes/cases.$caseId_.consent_.withdraw.tsx): the same change as the
 * case screen's dialog, answered for a page without JavaScript, which shows one sentence rather
 * than field errors.
 */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: WithdrawConsentSchema,
  invalid: () => json({ error: "That form could not be read. Go back to the case and try again." }, { status: 400 }),
  run: async (call) => {
    const outcome = await runConsentChange(call);
    if (!("errors" in outcome)) return outcome;
    // What it would do changed since the question was shown (say, the conference started): ask again.
    if (outcome.status === 409) return { ...outcome, data: { ...outcome.data, changed: call.input.confirm !== "" } };
    return { errors: { form: outcome.errors.form ?? outcome.errors.participantId ?? "Nothing was withdrawn." } };
  },
});
