import type { ActionFunctionArgs } from "@remix-run/node";
import { requireLetterAction } from "~/models/letter.server";
import { AuthorActionSchema } from "~/models/letter-schemas";
import { submitLetter } from "~/models/letter-workflow.server";
import { answerLetterSuggestion } from "~/models/letter-comments.server";
import type { AuditAction } from "~/utils/audit-actions";
import { auditRequest } from "~/utils/audit.server";
import { requireLetterAuthor } from "~/utils/auth.server";
import { formDone, formError, parseForm, refusalAnswer } from "~/utils/forms.server";
import { Refusal } from "~/utils/refusal";

/**
 * The letter author's forms (app/routes/letters.$letterId.tsx): submit the letter, answer a
 * suggestion. Not the action pipeline, which serves staff (a letter author gets 404 from its first
 * step); the same order all the same: the author, `letter:write` on their letter (404) before the
 * form is read, the schema (400), one model call, the audit entry, the answer.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:write");
  const parsed = await parseForm(request, AuthorActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const log = (action: AuditAction, details: Record<string, unknown>) =>
    auditRequest(context, { actor: user, action, target: `letter:${access.letterId}`, caseId: access.caseId, details });
  if (input.intent === "submit") {
    try {
      const version = await submitLetter(context, access.letterId);
      await log("letter.submit", { version: version.number, hash: version.hash });
      return formDone("Sent to your facilitator. They will read it and come back to you.", input.intent);
    } catch (error) {
      if (error instanceof Refusal) return refusalAnswer(error, input.intent);
      throw error;
    }
  }
  // The editor in the author's browser has already replaced the words (or left them); this records the answer.
  const status = input.intent === "accept-suggestion" ? "ACCEPTED" : "REJECTED";
  if (!(await answerLetterSuggestion(access.letterId, input.suggestionId, status))) return formError({ form: "That suggestion has already been answered." }, input.intent, 409);
  await log(status === "ACCEPTED" ? "letter.suggestion.accepted" : "letter.suggestion.rejected", { suggestionId: input.suggestionId });
  return formDone(status === "ACCEPTED" ? "Suggestion used." : "Suggestion left out.", input.intent);
}
