import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { newWords, type AuthorNews } from "~/models/author-news";
import { useNotificationCount } from "~/realtime/use-notifications";
import type { Capabilities } from "~/utils/permissions";

/**
 * What the root loader tells the shell about the signed-in person. The links come from
 * `capabilities` (can() on the server), never from the role: a link shows exactly when its page opens.
 */
export type ShellUser = {
  name: string;
  home: string;
  letterAuthor: boolean;
  /** The author also has their own message workspace open (messages passed to and from the other party). */
  authorMessages?: boolean;
  /** The author has a letter to show (false only for someone who writes messages and no letter). */
  authorLetters?: boolean;
  /** The author (the person responsible) has programme worksheets open. */
  authorWorksheets?: boolean;
  /** What is new on each of the author's pages since they last opened it (null for staff). */
  authorNews?: AuthorNews | null;
  mustChangePassword: boolean;
  /** null while the password must be changed, and for a letter author. */
  capabilities: Capabilities | null;
  awaitingApproval: number | null;
  /** Unread notifications, for staff free to work (null otherwise); kept live in the header. */
  unreadNotifications: number | null;
} | null;

export function AppShell({ user, demo = false, children }: { user: ShellUser; demo?: boolean; children: React.ReactNode }) {
  const may = user?.capabilities;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {demo ? (
        // On every page of the seeded demo, so nobody mistakes it for a service holding real cases.
        <p className="demo-banner" role="note">
          <strong>Demo service.</strong> Practice data only: do not enter real people or cases.
        </p>
      ) : null}
      <header className="topbar">
        <Link to={user ? user.home : "/login"} className="brand" aria-label="Circle home">
          <span aria-hidden="true" className="brand-mark">
            ◯
          </span>{" "}
          Circle
        </Link>
        {user?.mustChangePassword ? (
          // Nothing else opens until the person has chosen their own password.
          <nav aria-label="Main" className="topnav">
            <SignOut />
          </nav>
        ) : user?.letterAuthor ? (
          // An author sees their letter (and their messages, when they write them) and nothing else of Circle.
          <nav aria-label="Main" className="topnav">
            {user.authorLetters !== false ? <AuthorLink to="/letters" label="My letter" count={user.authorNews?.letters ?? 0} shownOn={/^\/letters\/./} /> : null}
            {user.authorMessages ? <AuthorLink to="/messages" label="My messages" count={user.authorNews?.messages ?? 0} shownOn={/^\/messages$/} /> : null}
            {user.authorWorksheets ? <AuthorLink to="/worksheets" label="My worksheets" count={user.authorNews?.worksheets ?? 0} shownOn={/^\/worksheets$/} /> : null}
            <SignOut />
          </nav>
        ) : user ? (
          <nav aria-label="Main" className="topnav">
            {/* The manager is never on a case team, so their own list would always be empty. */}
            {may?.overview ? (
              <NavLink to="/admin" end>
                Overview
              </NavLink>
            ) : (
              <CasesLink />
            )}
            {may?.approvals ? (
              <NavLink to="/approvals">
                Approvals
                {user.awaitingApproval ? (
                  <span className="badge count" aria-label={`, ${user.awaitingApproval} waiting`}>
                    {user.awaitingApproval}
                  </span>
                ) : null}
              </NavLink>
            ) : null}
            {may?.reviews ? <NavLink to="/reviews">Agreements</NavLink> : null}
            {may?.users ? <NavLink to="/admin/users">Users</NavLink> : null}
            {may?.caseTeams ? <NavLink to="/admin/cases">Case teams</NavLink> : null}
            {may?.scripts ? <NavLink to="/admin/scripts">Scripts</NavLink> : null}
            {may?.programmes ? <NavLink to="/admin/programmes">Programmes</NavLink> : null}
            {may?.signIns ? <NavLink to="/admin/sign-ins">Failed sign-ins</NavLink> : null}
            {may?.disposals ? <NavLink to="/admin/disposals">Disposals</NavLink> : null}
            {may?.retention ? <NavLink to="/admin/retention">Retention</NavLink> : null}
            {may?.reports ? <NavLink to="/reports">Reports</NavLink> : null}
            {user.unreadNotifications !== null ? <NotificationBell initial={user.unreadNotifications} /> : null}
            <span className="who">
              <span className="visually-hidden">Signed in as </span>
              {user.name}
            </span>
            <SignOut />
          </nav>
        ) : null}
      </header>
      {children}
    </>
  );
}

/**
 * An author's link to one of their pages, with how many things are new there since they last opened
 * it ("My messages, 1 new"). Not while they are on the page that shows them (`shownOn`): it marks
 * them "New" itself, and opening it records them as seen (app/models/author-news.server.ts).
 */
function AuthorLink({ to, label, count, shownOn }: { to: string; label: string; count: number; shownOn: RegExp }) {
  const { pathname } = useLocation();
  const news = shownOn.test(pathname) ? null : newWords(count);
  return (
    <NavLink to={to} aria-label={news ? `${label}, ${news}` : undefined}>
      {label}
      {news ? (
        <span className="badge count" data-testid="new-count" aria-hidden="true">
          {news}
        </span>
      ) : null}
    </NavLink>
  );
}

/** The header's link to the notifications, with the unread count, live over the person's own socket room. */
function NotificationBell({ initial }: { initial: number }) {
  const unread = useNotificationCount(initial);
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}>
      {/* Drawn, not an emoji: the tablets' fonts may have no emoji. */}
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="bell-icon"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span className="badge count" data-testid="unread-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </NavLink>
  );
}

function SignOut() {
  return (
    <Form method="post" action="/logout">
      <button type="submit" className="button secondary">
        Sign out
      </button>
    </Form>
  );
}

/**
 * "My cases" stays lit on every page of a case, the conference's seating, script and live pages
 * (under /conferences/) included: they are opened from the case, and its link is the way back.
 */
function CasesLink() {
  const { pathname } = useLocation();
  const here = /^\/(cases|conferences)(\/|$)/.test(pathname);
  return (
    <Link to="/cases" className={here ? "active" : undefined} aria-current={here ? "page" : undefined}>
      My cases
    </Link>
  );
}
