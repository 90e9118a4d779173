import { WriterActionSchema } from "~/models/exchange-schemas";
import { agreeToEdit, requireOwnWorkspace, writeOwnMessage } from "~/models/exchange-writer.server";
import { notify } from "~/models/notifications.server";
import { formAction } from "~/utils/action.server";
import { requireLetterAuthor } from "~/utils/auth.server";

/**
 * A party's own message workspace (app/routes/messages.tsx): they write a question, an answer or
 * something they want the other to know, or agree to a change proposed for safety. Posted by an
 * author (`requireLetterAuthor`: staff get 404) with `exchange:write-own` on the workspace the form
 * names (404 for anyone else's, or a closed one) before the form is read. What they write waits for
 * the case's facilitators, who are told.
 */
export const action = formAction({
  signedIn: requireLetterAuthor,
  authorize: (user, _args, _intent, form) => requireOwnWorkspace(user, typeof form?.writerId === "string" ? form.writerId : undefined),
  schema: WriterActionSchema,
  run: async ({ user, access, input }) => {
    if (input.intent === "write") {
      const created = await writeOwnMessage(access.writerId, input, user.id);
      return {
        done: "Sent to your facilitator. They will read it before anything is passed on.",
        id: created.id,
        audit: { action: "exchange.own.write", target: `exchange:${created.id}`, details: { kind: input.kind } },
        afterwards: async () => {
          await notify({ kind: "EXCHANGE_WRITTEN", caseId: created.caseId, subject: created.id, actorId: user.id });
        },
      };
    }
    const agreed = await agreeToEdit(access.writerId, input.messageId, user.id);
    return { done: "Thank you. Your facilitator can now pass it on as changed.", id: agreed.id, audit: { action: "exchange.own.agree", target: `exchange:${agreed.id}` } };
  },
});
