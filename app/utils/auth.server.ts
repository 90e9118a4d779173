import { redirect, type AppLoadContext } from "@remix-run/node";
import { can, isLetterAuthor, type ServiceAction } from "./permissions";
import { PARTICIPANT_PATH } from "./participant-paths";
import type { ParticipantModeState, SessionUser } from "./session.server";

export { PARTICIPANT_LEAVE_PATH, PARTICIPANT_PATH } from "./participant-paths";

/**
 * The signed-in user; with the load context, one session lookup serves every loader of a request.
 * A session handed to a participant (participant mode) is sent to the participant's page instead,
 * from every loader and action that asks who is signed in: this is the one place that decides it,
 * so a route added later is closed to the participant without knowing about them (deny by
 * default; README, Decisions, "Participant mode is a state of the session, kept on the server").
 * Only the layout and the two participant pages read the session past it (`getSessionState`).
 */
export async function getUser(context: AppLoadContext): Promise<SessionUser | null> {
  const user = await context.sessionUser();
  if (user?.participantMode) throw redirect(PARTICIPANT_PATH);
  return user;
}

/** The session as it is, participant mode included: for the layout (which then shows no navigation) and the participant's pages only. */
export async function getSessionState(context: AppLoadContext): Promise<SessionUser | null> {
  return context.sessionUser();
}

export type ParticipantModeUser = SessionUser & { participantMode: ParticipantModeState };

/**
 * The session in participant mode, for the participant's page and the leave page; anyone else is
 * sent where they belong (sign-in, or their own home).
 */
export async function requireParticipantMode(request: Request, context: AppLoadContext): Promise<ParticipantModeUser> {
  const user = await context.sessionUser();
  if (!user) throw redirect("/login");
  if (!user.participantMode) throw redirect(homeFor(user));
  return user as ParticipantModeUser;
}

/** Where the person must choose their own password before anything else. */
export const CHANGE_PASSWORD_PATH = "/account/password";

/**
 * The signed-in person, whatever their password state: only the change-password page uses it
 * directly. Everything else goes through requireSignedIn.
 */
export async function requireSession(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(context);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

async function requireSignedIn(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireSession(request, context);
  if (user.mustChangePassword) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`${CHANGE_PASSWORD_PATH}?${params}`);
  }
  return user;
}

/**
 * The signed-in staff member, or a redirect to sign-in that comes back here afterwards. Every staff
 * route calls this, so a letter author gets 404 from all of them (deny by default, docs/architecture.md §4).
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireSignedIn(request, context);
  if (isLetterAuthor(user)) throw notFound();
  return user;
}

/**
 * A signed-in staff member, also one who must still choose their own password (the password page
 * itself); a letter author's password is set with their facilitator (invite code), so they get 404.
 */
export async function requireStaffSession(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireSession(request, context);
  if (isLetterAuthor(user)) throw notFound();
  return user;
}

/** The signed-in letter author (the person responsible); staff get 404 from the author's pages. */
export async function requireLetterAuthor(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireSignedIn(request, context);
  if (!isLetterAuthor(user)) throw notFound();
  return user;
}

/** Where a signed-in person starts: authors at their letters, the service manager at the service overview, other staff at their cases. */
export const homeFor = (user: { role: string }) => (isLetterAuthor(user) ? "/letters" : user.role === "ADMIN" ? "/admin" : "/cases");

/**
 * The signed-in staff member who may do a service-level action (the admin pages, the supervisors'
 * queues); everyone else gets 404, so those pages are not advertised (docs/architecture.md §4).
 */
export async function requireServiceUser(request: Request, context: AppLoadContext, action: ServiceAction): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user, action, { kind: "service", serviceId: user.serviceId })) throw notFound();
  return user;
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** Only same-site relative paths, so redirectTo cannot send a user to another site. */
const SELF = "http://circle.invalid";

/**
 * A redirect target only if it stays on this site, judged as a browser will read it: URL parsing
 * drops tabs and newlines and turns backslashes into slashes, so "/\t/evil.example" is
 * "//evil.example", another host. The target is returned as the parsed path (never the raw text),
 * so what was checked is what the browser gets.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/cases"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, SELF);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== SELF || !path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  return path;
}
