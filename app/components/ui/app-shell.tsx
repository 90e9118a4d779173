import { Form, Link, NavLink } from "@remix-run/react";
import type { StaffRole } from "~/utils/roles";

type ShellUser = { name: string; role: StaffRole | string; awaitingApproval?: number | null } | null;

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={user ? (user.role === "LETTER_AUTHOR" ? "/letters" : user.role === "ADMIN" ? "/admin" : "/cases") : "/login"} className="brand" aria-label="Circle home">
          <span aria-hidden="true" className="brand-mark">◯</span> Circle
        </Link>
        {user?.role === "LETTER_AUTHOR" ? (
          // The person responsible sees their letter and nothing else of Circle.
          <nav aria-label="Main" className="topnav">
            <NavLink to="/letters">My letter</NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="button secondary">
                Sign out
              </button>
            </Form>
          </nav>
        ) : user ? (
          <nav aria-label="Main" className="topnav">
            {/* The manager is never on a case team, so their own list would always be empty. */}
            {user.role === "ADMIN" ? (
              <NavLink to="/admin" end>
                Overview
              </NavLink>
            ) : (
              <NavLink to="/cases">My cases</NavLink>
            )}
            {user.role === "SUPERVISOR" ? (
              <>
                <NavLink to="/approvals">
                  Approvals{user.awaitingApproval ? <span className="badge count" aria-label={`, ${user.awaitingApproval} waiting`}>{user.awaitingApproval}</span> : null}
                </NavLink>
                <NavLink to="/reviews">Agreements</NavLink>
              </>
            ) : null}
            {user.role === "ADMIN" ? (
              <>
                <NavLink to="/admin/users">Users</NavLink>
                <NavLink to="/admin/cases">Case teams</NavLink>
                <NavLink to="/admin/scripts">Scripts</NavLink>
              </>
            ) : null}
            <span className="who">
              <span className="visually-hidden">Signed in as </span>
              {user.name}
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="button secondary">
                Sign out
              </button>
            </Form>
          </nav>
        ) : null}
      </header>
      {children}
    </>
  );
}
