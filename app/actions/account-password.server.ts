import { changeOwnPassword } from "~/models/user.server";
import { formAction, onOwnAccount } from "~/utils/action.server";
import { ChangePasswordSchema } from "~/utils/admin-schemas";
import { homeFor, requireStaffSession, safeRedirect } from "~/utils/auth.server";

/**
 * A person's own password (app/routes/account.password.tsx). Posted by a staff member who may
 * still have to choose one (`requireStaffSession`: the person `requireUser` sends here instead of
 * letting through). A wrong current password is audited; other devices signed in as this person
 * are signed out (their sessions ended in the change), and their open sockets are closed.
 */
export const action = formAction({
  signedIn: requireStaffSession,
  authorize: onOwnAccount,
  schema: ChangePasswordSchema,
  refused: ({ user }) => ({ action: "user.change-password.refused", target: `user:${user.id}` }),
  run: async ({ user, input: { current, password, redirectTo }, context }) => {
    await changeOwnPassword({ userId: user.id, sessionId: user.sessionId, current, next: password });
    return {
      done: "Your password is changed.",
      audit: { action: "user.change-password", target: `user:${user.id}`, details: { required: user.mustChangePassword } },
      redirectTo: redirectTo ? safeRedirect(redirectTo, homeFor(user)) : homeFor(user),
      afterwards: () => context.realtime.disconnectUser(user.id, "Your password was changed"),
    };
  },
});
