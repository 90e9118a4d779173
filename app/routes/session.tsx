import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getSessionStatus, sessionIdFromCookieHeader, touchSession } from "~/utils/session.server";

/**
 * The caller's own session: live until when, or why it ended. Read without counting as activity,
 * so the idle warning can ask it without keeping an unattended tablet signed in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await getSessionStatus(request.headers.get("Cookie")));
}

/**
 * "Stay signed in": renews a live session's idle timer (an ended one stays ended), as any page
 * load does. Not audited, like the page loads that renew a session every minute.
 */
export async function action({ request }: ActionFunctionArgs) {
  const body = await request.formData().catch(() => null);
  if (body?.get("intent") !== "renew") return json({ error: "Nothing to do." }, { status: 400 });
  const cookie = request.headers.get("Cookie");
  const id = sessionIdFromCookieHeader(cookie);
  if (id) await touchSession(id);
  const status = await getSessionStatus(cookie);
  return json(status, { status: status.state === "active" ? 200 : 401 });
}
