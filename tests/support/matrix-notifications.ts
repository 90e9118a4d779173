import type { RouteRow } from "./matrix";

/**
 * A person's own notifications and their settings: every signed-in staff member has their own
 * (nothing of anyone else's is reachable: the rows are chosen by the session's user), a letter
 * author gets 404 like on every staff page, a signed-out person is sent to sign in.
 */
const mine = (value: number) => ({ anonymous: 302, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: 404 });

export const NOTIFICATION_ROUTES: Record<string, RouteRow> = {
  // No intent: a 400 with its message, nothing marked.
  "routes/notifications": {
    pattern: "/notifications",
    exports: { loader: true, action: true },
    get: { expect: mine(200) },
    post: { body: {}, expect: mine(400) },
  },
  // A kind that does not exist: a 400, nothing saved.
  "routes/account.notifications": {
    pattern: "/account/notifications",
    exports: { loader: true, action: true },
    get: { expect: mine(200) },
    post: { body: { "on[]": "NO_SUCH_KIND" }, expect: mine(400) },
  },
};
