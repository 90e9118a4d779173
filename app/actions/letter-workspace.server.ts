import { requireLetterAction } from "~/models/letter.server";
import { AuthorActionSchema } from "~/models/letter-schemas";
import { submitLetter } from "~/models/letter-workflow.server";
import { answerLetterSuggestion } from "~/models/letter-comments.server";
import { formAction } from "~/utils/action.server";
import { requireLetterAuthor } from "~/utils/auth.server";

/**
 * The letter author's forms (app/routes/letters.$letterId.tsx): submit the letter, answer a
 * suggestion. Posted by the author (`requireLetterAuthor`: staff get 404), with `letter:write` on
 * their own letter (404 for any other) before the form is read.
 */
export const action = formAction({
  signedIn: requireLetterAuthor,
  authorize: (user, { params }) => requireLetterAction(user, params.letterId, "letter:write"),
  schema: AuthorActionSchema,
  run: async ({ access, input, context }) => {
    const target = `letter:${access.letterId}`;
    if (input.intent === "submit") {
      const version = await submitLetter(context, access.letterId);
      return {
        done: "Sent to your facilitator. They will read it and come back to you.",
        audit: { action: "letter.submit", target, details: { version: version.number, hash: version.hash } },
      };
    }
    // The editor in the author's browser has already replaced the words (or left them); this records the answer.
    const status = input.intent === "accept-suggestion" ? "ACCEPTED" : "REJECTED";
    if (!(await answerLetterSuggestion(access.letterId, input.suggestionId, status))) return { errors: { form: "That suggestion has already been answered." }, status: 409 };
    return {
      done: status === "ACCEPTED" ? "Suggestion used." : "Suggestion left out.",
      audit: { action: status === "ACCEPTED" ? "letter.suggestion.accepted" : "letter.suggestion.rejected", target, details: { suggestionId: input.suggestionId } },
    };
  },
});
