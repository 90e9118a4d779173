import type { z } from "zod";
import { markRead, notificationLinkOf, saveNotificationSettings } from "~/models/notifications.server";
import { NotificationPreferencesSchema, NotificationReadSchema } from "~/models/notification-schemas";
import { STAFF_KINDS } from "~/models/notification-kinds";
import { formAction, onOwnAccount } from "~/utils/action.server";
import { requireLetterAuthor } from "~/utils/auth.server";
import { smtpConfigured } from "~/utils/env.server";

/**
 * A person's own notifications (app/routes/notifications.tsx, and the letter author's workspace):
 * marking read touches only their own rows (markRead's `where` is theirs), so the only permission
 * is being signed in; an id of someone else's notification marks nothing.
 */
const readSpec = {
  authorize: onOwnAccount,
  schema: NotificationReadSchema,
  run: async ({ user, input }: { user: { id: string; role: string }; input: z.infer<typeof NotificationReadSchema> }) => {
    // Opening one goes where the row says, never where the form says (no open redirect).
    const link = input.intent === "open" ? await notificationLinkOf(user, input.id) : null;
    if (input.intent === "open" && !link) return { errors: { form: "That notification is no longer there. Go back to your notifications." } };
    const count = await markRead(user, input.intent === "read-all" ? "all" : { id: input.id });
    return {
      done: input.intent === "read-all" ? "All marked as read." : "Marked as read.",
      audit: { action: "notification.read" as const, target: `user:${user.id}`, details: input.intent === "read-all" ? { all: true, count } : { notificationId: input.id, count } },
      ...(link ? { redirectTo: link } : {}),
    };
  },
};

export const action = formAction(readSpec);

/** The same for a letter author, from their workspace (`/letters`). */
export const authorAction = formAction({ ...readSpec, signedIn: requireLetterAuthor });

/** The notification settings page: kinds on or off; the email digest only when SMTP is configured. */
export const settingsAction = formAction({
  authorize: onOwnAccount,
  schema: NotificationPreferencesSchema,
  run: async ({ user, input }) => {
    const digest = smtpConfigured() ? input.digest === "on" : null;
    const { off } = await saveNotificationSettings(user.id, STAFF_KINDS, input["on[]"], digest);
    return {
      done: "Your notification settings are saved.",
      audit: { action: "notification.preferences.change", target: `user:${user.id}`, details: { off, ...(digest === null ? {} : { digest }) } },
    };
  },
});
