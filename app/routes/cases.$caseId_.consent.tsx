import { runConsentChange } from "~/actions/consent.server";
import { ConsentActionSchema } from "~/models/people-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";

export const loader = formsOnly;
/**
 * The consent ledger: record an answer, or withdraw a yes. Each request adds at most one entry; a
 * withdrawal that breaks a booked (or running) conference's gate puts it on hold in the same
 * transaction. A withdrawal without the confirmation of what it will do changes nothing and
 * answers 409 with the question to ask (the case screen shows it in a dialog; without
 * JavaScript the Withdraw button opens the same question as a page, /cases/:id/consent/withdraw).
 */
export const action = formAction({ authorize: onCase("case:edit"), schema: ConsentActionSchema, run: runConsentChange });
