import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { changeOwnPassword } from "~/models/user.server";
import { ChangePasswordSchema } from "~/utils/admin-schemas";
import { auditRequest } from "~/utils/audit.server";
import { homeFor, requireStaffSession, safeRedirect } from "~/utils/auth.server";
import { parseForm, refusalAnswer } from "~/utils/forms.server";
import { isRefusal } from "~/utils/refusal";

/**
 * A person's own password (app/routes/account.password.tsx). Not the action pipeline: the person
 * who must choose a password is exactly who requireUser sends here instead of letting through, and
 * a wrong current password is audited. Same order all the same: session, staff only, the form
 * parsed with its schema (400), one model call, the audit entry, the answer.
 */

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaffSession(request, context);
  const parsed = await parseForm(request, ChangePasswordSchema);
  if ("response" in parsed) return parsed.response;
  const { current, password, redirectTo } = parsed.data;
  try {
    await changeOwnPassword({ userId: user.id, sessionId: user.sessionId, current, next: password });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    await auditRequest(context, { actor: user, action: "user.change-password.refused", target: `user:${user.id}` });
    return refusalAnswer(error);
  }
  // Other devices signed in as this person are signed out (their sessions ended in the change).
  context.realtime.disconnectUser(user.id, "Your password was changed");
  await auditRequest(context, { actor: user, action: "user.change-password", target: `user:${user.id}`, details: { required: user.mustChangePassword } });
  throw redirect(redirectTo ? safeRedirect(redirectTo, homeFor(user)) : homeFor(user));
}
