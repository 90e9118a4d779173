import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { SessionTimeout } from "~/components/session-timeout";
import { AppShell } from "~/components/ui/app-shell";
import { countAwaitingApproval } from "~/models/approval.server";
import { countUnread } from "~/models/notifications.server";
import { disposedDocumentNames } from "~/models/disposal-list.server";
import { hasDemoService } from "~/models/service.server";
import { useForgetDisposedDocuments } from "~/realtime/forget-disposed";
import { getSessionState, homeFor } from "~/utils/auth.server";
import { capabilitiesOf, isLetterAuthor } from "~/utils/permissions";
import { getAuthorNews } from "~/models/author-news.server";
import { getAuthorWriterIds } from "~/models/exchange-writer.server";
import { getAuthorLetters } from "~/models/letter.server";
import { getAuthorWorksheetIds } from "~/models/worksheet-author.server";
import { useNonce } from "~/utils/nonce";
import { PARTICIPANT_PATH } from "~/utils/participant-paths";
import styles from "~/styles/app.css";

// An icon of its own, so a browser does not ask for /favicon.ico (a 404 in every tablet's console).
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Error pages get a title that says what happened (a tab or screen reader announces it). */
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: "Circle" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${status === 404 ? "Page not found" : "Something went wrong"} · Circle` }];
};

export async function loader({ context }: LoaderFunctionArgs) {
  const session = await getSessionState(context);
  // A tablet handed to a participant shows no navigation, no name and nothing of the service: its
  // pages are the participant's own (app/routes/participant.tsx), full screen.
  if (session?.participantMode) return json({ demo: false, user: null, disposedDocuments: [] as string[], participantMode: true });
  const user = session;
  // Until the password is changed nothing else opens, so nothing else is offered.
  const capabilities = user && !user.mustChangePassword && !isLetterAuthor(user) ? capabilitiesOf(user) : null;
  // Whoever has the approval queue sees how many risk assessments wait for their decision.
  const awaitingApproval = user && capabilities?.approvals ? await countAwaitingApproval(user.id) : null;
  const unreadNotifications = user && capabilities ? await countUnread(user) : null;
  const demo = user ? user.demoService : await hasDemoService();
  // An author who writes messages to the other party as well as (or instead of) a letter sees both in their navigation.
  const authorMessages = user && isLetterAuthor(user) && !user.mustChangePassword ? (await getAuthorWriterIds(user.id)).length > 0 : false;
  // The person responsible's own programme worksheets, likewise.
  const authorWorksheets = user && isLetterAuthor(user) && !user.mustChangePassword ? (await getAuthorWorksheetIds(user.id)).length > 0 : false;
  // "My letter" is offered to an author with a letter open, or with nothing else to show them.
  const authorLetters = user && isLetterAuthor(user) ? !(authorMessages || authorWorksheets) || (await getAuthorLetters(user.id)).length > 0 : false;
  // How much is new on each of their pages since they last opened it (only the counts reach the browser).
  const news = user && isLetterAuthor(user) && !user.mustChangePassword ? await getAuthorNews(user.id) : null;
  const authorNews = news ? { letters: news.letters, messages: news.messages, worksheets: news.worksheets } : null;
  const shell = user
    ? {
        name: user.name,
        home: homeFor(user),
        letterAuthor: isLetterAuthor(user),
        authorMessages,
        authorLetters,
        authorWorksheets,
        authorNews,
        mustChangePassword: user.mustChangePassword,
        capabilities,
        awaitingApproval,
        unreadNotifications,
      }
    : null;
  // Tablets delete their copies of disposed cases' documents (app/realtime/forget-disposed.ts).
  const disposedDocuments = user && !isLetterAuthor(user) ? await disposedDocumentNames(user.serviceId) : [];
  return json({ demo, user: shell, disposedDocuments, participantMode: false });
}

/** An author's own pages: opening one records what they have seen there. */
const AUTHOR_PAGES = /^\/(?:letters|messages|worksheets)(?:\/|$)/;

/**
 * The root's data is otherwise read again only after a form is sent, so an author's counts of what
 * is new would still tell of what they have just seen: it is read again on every move to or from
 * one of their pages. Staff never open those pages, so their navigation is as before.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || (currentUrl.pathname !== nextUrl.pathname && (AUTHOR_PAGES.test(currentUrl.pathname) || AUTHOR_PAGES.test(nextUrl.pathname)));

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  // Marks the page as interactive once React has hydrated (end-to-end tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, demo, disposedDocuments, participantMode } = useLoaderData<typeof loader>();
  useForgetDisposedDocuments(disposedDocuments);
  if (participantMode) return <Outlet />;
  return (
    <AppShell user={user} demo={demo}>
      <Outlet />
      {user ? <SessionTimeout /> : null}
    </AppShell>
  );
}

/** No stack trace ever reaches a browser: known responses get their own words, anything else a generic apology. */
export function ErrorBoundary() {
  const error = useRouteError();
  // A signed-in user keeps their navigation on error pages (root data is there when a child route failed).
  const rootData = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // In participant mode an error page offers the way back to the participant's page, and nothing else.
  if (rootData?.participantMode) {
    return (
      <main className="page narrow participant" id="main">
        <h1>Something went wrong</h1>
        <p>
          <a className="button" href={PARTICIPANT_PATH}>
            Back to the questions
          </a>
        </p>
      </main>
    );
  }
  const title = status === 404 ? "Page not found" : status < 500 ? "That request could not be completed" : "Something went wrong";
  const detail =
    status === 404
      ? "There is nothing here, or you do not have access to it."
      : isRouteErrorResponse(error) && typeof error.data === "string" && status < 500
        ? error.data
        : "Please try again. If it keeps happening, tell your service manager what you were doing.";
  return (
    <AppShell user={rootData?.user ?? null} demo={rootData?.demo ?? false}>
      <main className="page narrow" id="main">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          {rootData?.user?.letterAuthor ? (
            <a className="button" href="/letters">
              Go to my letter
            </a>
          ) : (
            <a className="button" href="/cases">
              Go to my cases
            </a>
          )}
        </p>
      </main>
    </AppShell>
  );
}
