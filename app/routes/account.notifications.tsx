import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckboxField, FormMessage } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { NOTIFICATION_KIND_LABELS, STAFF_KINDS } from "~/models/notification-kinds";
import { notificationSettings } from "~/models/notifications.server";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { smtpConfigured } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Notification settings · Circle" }];

/** Which kinds of notification reach this person, and the daily email when the service has set up email. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const settings = await notificationSettings(user.id);
  await auditRequest(context, { actor: user, action: "notification.preferences.view", target: `user:${user.id}` });
  return json({ off: settings.off, digest: settings.digest, emailOffered: smtpConfigured() });
}

export { settingsAction as action } from "~/actions/notifications.server";

export default function NotificationSettings() {
  const { off, digest, emailOffered } = useLoaderData<typeof loader>();
  const save = useFormFetcher();
  const isOff = new Set(off);
  return (
    <main className="page narrow" id="main">
      <div className="page-heading">
        <h1>Notification settings</h1>
        <Link to="/notifications" className="tap">
          Back to notifications
        </Link>
      </div>
      <save.fetcher.Form method="post" className="card">
        <fieldset>
          <legend>Tell me when</legend>
          {STAFF_KINDS.map((kind) => (
            <CheckboxField key={kind} id={`kind-${kind}`} name="on[]" value={kind} label={NOTIFICATION_KIND_LABELS[kind]} defaultChecked={!isOff.has(kind)} />
          ))}
        </fieldset>
        {emailOffered ? (
          <fieldset>
            <legend>Email</legend>
            <CheckboxField
              id="digest"
              name="digest"
              label="Send me a daily email when I have new notifications"
              hint="It says only how many there are, never anything about a case."
              defaultChecked={digest}
            />
          </fieldset>
        ) : null}
        <FormMessage error={save.formError} done={save.done} />
        <button type="submit" disabled={save.busy}>
          {save.busy ? "Saving…" : "Save"}
        </button>
      </save.fetcher.Form>
    </main>
  );
}
