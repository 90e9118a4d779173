import { openLetter } from "~/models/letter-author.server";
import { OpenLetterSchema } from "~/models/letter-schemas";
import { formAction, onCase } from "~/utils/action.server";

/**
 * Opening a letter or a reply (routes/cases.$caseId_.letters._index.tsx): the case's facilitators,
 * behind the letter gate and the writer's own consent, whose reasons come back as a 409 with nothing
 * opened; a writer, recipient or reply the rules refuse is a 400 beside its field.
 */
export const action = formAction({
  authorize: onCase("letter:open"),
  schema: OpenLetterSchema,
  run: async ({ user, access: { caseId, resource }, input }) => {
    const result = await openLetter(caseId, resource.serviceId, user.id, input);
    if (!result.ok) return { errors: result.errors, status: result.reasons ? 409 : 400, data: { reasons: result.reasons ?? [] } };
    const audit = { action: "letter.open", target: `letter:${result.letterId}`, details: { username: input.username, access: input.access, replyToId: input.replyToId } } as const;
    // The invite code is shown once, here, to hand over in person; it is stored only as a hash.
    if (result.inviteCode)
      return { done: "Letter opened.", id: result.letterId, audit, data: { letterId: result.letterId, inviteCode: result.inviteCode, username: input.username } };
    return { done: "Letter opened.", audit, redirectTo: `/cases/${caseId}/letters/${result.letterId}` };
  },
});
