import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { countUnread, listNotifications, type NotificationRow } from "~/models/notifications.server";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Notifications · Circle" }];

/**
 * A staff member's notifications, newest first, each linking to what it is about. Only their own,
 * and only about cases they are still on (listNotifications); a letter author sees theirs in their
 * workspace, so this page is 404 to them like every staff page.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [notifications, unread] = await Promise.all([listNotifications(user), countUnread(user)]);
  await auditRequest(context, { actor: user, action: "notification.list.view", target: `user:${user.id}`, details: { unread } });
  return json({ notifications, unread });
}

export { action } from "~/actions/notifications.server";

export default function Notifications() {
  const { notifications, unread } = useLoaderData<typeof loader>();
  const all = useFormFetcher();
  return (
    <main className="page narrow" id="main">
      <div className="page-heading">
        <h1>Notifications</h1>
        <Link to="/account/notifications" className="tap">
          Choose what you are told
        </Link>
      </div>
      {notifications.length === 0 ? (
        <div className="empty">
          <p>Nothing yet. You will be told here when something on your cases needs you.</p>
        </div>
      ) : (
        <>
          <all.fetcher.Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button secondary" disabled={all.busy || unread === 0}>
              Mark all as read
            </button>
            {all.formError ? (
              <span className="field-error" role="alert">
                {all.formError}
              </span>
            ) : null}
          </all.fetcher.Form>
          <ul className="notification-list" aria-label="Notifications">
            {notifications.map((n) => (
              <NotificationItem key={n.id} n={n} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

function NotificationItem({ n }: { n: NotificationRow }) {
  const read = useFormFetcher();
  const submit = useSubmit();
  // Following one marks it read on the way (the action redirects to the row's own link); the
  // href stays for a new tab, and for a page without JavaScript, where it is a plain link.
  const open = (event: React.MouseEvent) => {
    if (n.read || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    submit({ intent: "open", id: n.id }, { method: "post" });
  };
  return (
    <li className={n.read ? "notification" : "notification unread"}>
      <Link to={n.link} onClick={open}>
        {n.read ? null : <span className="badge">New</span>} <span className="notification-text">{n.text}</span>
      </Link>
      <span className="meta">{formatDateTime(n.createdAt)}</span>
      {n.read ? null : (
        <read.fetcher.Form method="post">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={n.id} />
          <button type="submit" className="button secondary" disabled={read.busy}>
            Mark as read
          </button>
        </read.fetcher.Form>
      )}
    </li>
  );
}
