import { addContact } from "~/models/contacts.server";
import { AddContactSchema } from "~/models/people-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";

export const loader = formsOnly;
/** The preparation contact log: visits, calls, letters and emails. Action only. */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: AddContactSchema,
  run: async ({ user, access, input }) => {
    const outcome = await addContact(access.caseId, input, user.id);
    if (!outcome.ok) return { errors: outcome.errors };
    const details = { participantId: input.participantId, kind: input.kind, status: input.status };
    return { done: outcome.done, id: outcome.id, audit: { action: "contact.create", target: `contact:${outcome.id}`, details } };
  },
});
