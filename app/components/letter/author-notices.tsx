import { Link } from "@remix-run/react";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

type Notice = { id: string; link: string; text: string; createdAt: string };

/**
 * The letter author's unread notifications ("Your facilitator replied about your letter"), shown
 * when their workspace loads: they have no live connection. Each says nothing but that, and links
 * to their letter; "Got it" marks it read.
 */
export function AuthorNotices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notification-list" aria-label="From your facilitator">
      {notices.map((n) => (
        <AuthorNotice key={n.id} n={n} />
      ))}
    </ul>
  );
}

function AuthorNotice({ n }: { n: Notice }) {
  const read = useFormFetcher();
  return (
    <li className="notification unread">
      <Link to={n.link}>{n.text}</Link>
      <read.fetcher.Form method="post">
        <input type="hidden" name="intent" value="read" />
        <input type="hidden" name="id" value={n.id} />
        <button type="submit" className="button secondary" disabled={read.busy}>
          Got it
        </button>
      </read.fetcher.Form>
    </li>
  );
}
