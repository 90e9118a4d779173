import type { AppLoadContext } from "@remix-run/node";
import { addLetterComment, addLetterSuggestion, requireOpenLetter, resolveLetterComment } from "~/models/letter-comments.server";
import { renewInvite } from "~/models/letter-author.server";
import { requireLetterAction } from "~/models/letter.server";
import { OversightActionSchema, type OversightActionInput } from "~/models/letter-schemas";
import { closeLetter, decideLetter, destroyLetter, recordChoice, releaseLetter, setLocked } from "~/models/letter-workflow.server";
import { formAction, type ActionAudit, type Changed } from "~/utils/action.server";
import type { AuditAction } from "~/utils/audit-actions";

/** The intents that moderate (the case's facilitators); the rest deliver or destroy (letter:release). */
const MODERATE = new Set(["comment", "resolve-comment", "suggest", "lock", "unlock", "request-changes", "approve", "new-invite", "close", "choice"]);

type ModerateInput = Exclude<OversightActionInput, { intent: "choice" | "release" | "destroy" }>;
type Step = { letterId: string; userId: string; context: AppLoadContext; entry: (action: AuditAction, details?: Record<string, unknown>) => ActionAudit };

/** A letter's oversight page (routes/cases.$caseId_.letters.$letterId.tsx): facilitators moderate and deliver; anyone else gets 404 before the form is parsed. */
export const action = formAction({
  authorize: (user, { params }, intent) => requireLetterAction(user, params.letterId, MODERATE.has(intent) ? "letter:moderate" : "letter:release", params.caseId),
  schema: OversightActionSchema,
  run: async ({ user, access: { letterId }, input, context }): Promise<Changed> => {
    const entry = (action: AuditAction, details: Record<string, unknown> = {}): ActionAudit => ({ action, target: `letter:${letterId}`, details });
    switch (input.intent) {
      case "choice": {
        const { choice, deliverAfter, redactSignature, redactFirstName, tellAuthor, method } = input;
        await recordChoice(letterId, user.id, { choice, deliverAfter, redactSignature, redactFirstName, tellAuthor, method });
        return { done: "The recipient's choice is recorded.", audit: entry("letter.choice", { choice }) };
      }
      case "release": {
        const version = await releaseLetter(letterId, user.id, input.method);
        return { done: "Delivered as the recipient chose. The delivery is recorded.", audit: entry("letter.release", { versionId: version.id, method: input.method }) };
      }
      case "destroy":
        await destroyLetter(context, letterId);
        return { done: "The letter has been destroyed. Its author's access has ended.", audit: entry("letter.destroy") };
      default:
        return moderate(input, { letterId, userId: user.id, context, entry });
    }
  },
});

/** Moderation needs an open letter: a closed one is refused before anything changes. */
async function moderate(input: ModerateInput, { letterId, userId, context, entry }: Step): Promise<Changed> {
  await requireOpenLetter(letterId);
  switch (input.intent) {
    case "comment":
      await addLetterComment(letterId, userId, input);
      return { done: "Comment added. The author sees it beside their letter.", audit: entry("letter.comment") };
    case "resolve-comment":
      await resolveLetterComment(letterId, input.commentId);
      return { done: "Comment resolved.", audit: entry("letter.comment.resolve", { commentId: input.commentId }) };
    case "suggest":
      await addLetterSuggestion(letterId, userId, input);
      return { done: "Suggestion sent. The author can use it or keep their words.", audit: entry("letter.suggest") };
    case "lock":
    case "unlock":
      await setLocked(context, letterId, input.intent === "lock");
      return { done: input.intent === "lock" ? "Editing paused." : "Editing unlocked.", audit: entry(`letter.${input.intent}`) };
    case "request-changes":
    case "approve": {
      const decision = input.intent === "approve" ? "APPROVED" : "CHANGES_REQUESTED";
      const version = await decideLetter(context, letterId, userId, decision, input.intent === "request-changes" ? input.reason : null);
      const done = decision === "APPROVED" ? `Version ${version.number} approved.` : "Changes requested. The author can edit again.";
      return { done, audit: entry(`letter.${input.intent}`, { version: version.number }) };
    }
    case "new-invite": {
      const inviteCode = await renewInvite(letterId);
      return { done: "New invite code made. The old one no longer works.", audit: entry("letter.invite.renew"), data: { inviteCode } };
    }
    case "close":
      await closeLetter(context, letterId);
      return { done: "The letter is closed and its author can no longer sign in.", audit: entry("letter.close") };
  }
}
