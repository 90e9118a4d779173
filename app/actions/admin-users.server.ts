import type { ActionFunctionArgs } from "@remix-run/node";
import { createUser, findServiceUser, resetPassword, setUserDisabled } from "~/models/user.server";
import { formAction, onService } from "~/utils/action.server";
import { UserAdminSchema } from "~/utils/admin-schemas";
import { notFound } from "~/utils/auth.server";
import { Refusal } from "~/utils/refusal";

/**
 * The users page's forms (app/routes/admin.users.tsx): add an account, disable or enable one, set a
 * new password. A module of its own, so the pipeline and the schemas stay out of the page's
 * browser bundle (docs/conventions.md §2). A success names the account it changed (`id`).
 */
export const action = (args: ActionFunctionArgs) => userAdminAction()(args);

const userAdminAction = () =>
  formAction({
    authorize: onService("service:manage-users"),
    schema: UserAdminSchema,
    run: async ({ user: admin, input, context }) => {
      if (input.intent === "create") {
        // An email already in use is a Refusal beside the email field.
        const created = await createUser({ ...input, serviceId: admin.serviceId });
        return {
          done: `Created ${created.email}. Give them their password in person.`,
          audit: { action: "user.create", target: `user:${created.id}`, details: { role: input.role } },
        };
      }
      // Only the manager's own service's accounts: another service's is "not found", like a missing one.
      const target = await findServiceUser(admin.serviceId, input.userId);
      if (!target) throw notFound("User not found");
      const changed = (done: string, action: "user.disable" | "user.enable" | "user.reset-password") => ({ done, id: target.id, audit: { action, target: `user:${target.id}` } });
      if (input.intent === "disable") {
        if (target.id === admin.id) throw new Refusal("You cannot disable your own account.", { status: 400 });
        await setUserDisabled(target.id, true);
        context.realtime.disconnectUser(target.id, "Your account has been disabled");
        return changed(`Disabled ${target.email}. Their sessions have ended.`, "user.disable");
      }
      if (input.intent === "enable") {
        await setUserDisabled(target.id, false);
        return changed(`Enabled ${target.email}.`, "user.enable");
      }
      await resetPassword(target.id, input.password);
      context.realtime.disconnectUser(target.id, "Your password was reset");
      return changed(`Password reset for ${target.email}. They must sign in again.`, "user.reset-password");
    },
  });
