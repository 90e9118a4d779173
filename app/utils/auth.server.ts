import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "./session.server";

/** The signed-in user; with the load context, one session lookup serves every loader of a request. */
export async function getUser(context: AppLoadContext): Promise<SessionUser | null> {
  return context.sessionUser();
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(context);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/** Admin pages answer 404 to everyone else: their existence is not advertised. */
export async function requireAdmin(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (user.role !== "ADMIN") throw notFound();
  return user;
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** Only same-site relative paths, so redirectTo cannot send a user to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/cases"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
