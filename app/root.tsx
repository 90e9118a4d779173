import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { AppShell } from "~/components/ui/app-shell";
import { getUser } from "~/utils/auth.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Circle" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({ user: user ? { name: user.name, role: user.role } : null });
}

export function Layout({ children }: { children: React.ReactNode }) {
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
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}

/** No stack trace ever reaches a browser: known responses get their own words, anything else a generic apology. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? "Page not found" : status < 500 ? "That request could not be completed" : "Something went wrong";
  const detail =
    status === 404
      ? "There is nothing here, or you do not have access to it."
      : isRouteErrorResponse(error) && typeof error.data === "string" && status < 500
        ? error.data
        : "Please try again. If it keeps happening, tell your service manager what you were doing.";
  return (
    <AppShell user={null}>
      <main className="page narrow" id="main">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <a className="button" href="/cases">
            Go to my cases
          </a>
        </p>
      </main>
    </AppShell>
  );
}
