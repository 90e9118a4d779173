import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { addContact } from "~/models/contacts.server";
import { AddContactSchema } from "~/models/people-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formError, formsOnly, parseForm } from "~/utils/forms.server";


export const loader = formsOnly;
/** The preparation contact log: visits, calls, letters and emails. Action only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, AddContactSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await addContact(caseId, input, user.id);
  if (!outcome.ok) return formError(outcome.errors, input.intent);
  await audit({
    actor: user,
    action: "contact.create",
    target: `contact:${outcome.id}`,
    caseId,
    ip: context.clientIp,
    details: { participantId: input.participantId, kind: input.kind, status: input.status },
  });
  return formDone(outcome.done, input.intent, outcome.id);
}
