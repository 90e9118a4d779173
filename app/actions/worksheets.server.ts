import { notify } from "~/models/notifications.server";
import { requireOwnWorksheet, saveOwnWorksheet } from "~/models/worksheet-author.server";
import { WorksheetActionSchema } from "~/models/worksheet-schemas";
import { formAction } from "~/utils/action.server";
import { requireLetterAuthor } from "~/utils/auth.server";

/**
 * The person responsible's own worksheets (app/routes/worksheets.tsx): they save their answers, or
 * send the worksheet to their facilitator. Posted by an author (`requireLetterAuthor`: staff get
 * 404) with `worksheet:write-own` on the worksheet the form names (404 for anyone else's, or a
 * closed one) before the form is read. Sending it tells the case's facilitators.
 */
export const action = formAction({
  signedIn: requireLetterAuthor,
  authorize: (user, _args, _intent, form) => requireOwnWorksheet(user, typeof form?.worksheetId === "string" ? form.worksheetId : undefined),
  schema: WorksheetActionSchema,
  run: async ({ user, access, input }) => {
    const submit = input.intent === "submit";
    const saved = await saveOwnWorksheet(access.worksheetId, input, submit);
    return {
      done: submit ? "Sent to your facilitator. They will read it and may leave you a comment here." : "Saved.",
      id: saved.id,
      audit: { action: submit ? "programme.worksheet.own.submit" : "programme.worksheet.own.save", target: `programme-worksheet:${saved.id}` },
      data: { savedAt: saved.savedAt.toISOString() },
      // The case's facilitators are told a worksheet waits for them (never what it says).
      afterwards: submit
        ? async () => {
            await notify({ kind: "WORKSHEET_SUBMITTED", caseId: saved.caseId, subject: saved.id, actorId: user.id });
          }
        : undefined,
    };
  },
});
