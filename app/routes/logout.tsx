import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { auditRequest } from "~/utils/audit.server";
import { getUser } from "~/utils/auth.server";
import { clearSessionCookie, revokeSession } from "~/utils/session.server";

export async function loader() {
  // Sign-out changes state, so it is a POST (a link or prefetch must not sign anyone out).
  return redirect("/cases");
}

export async function action({ context }: ActionFunctionArgs) {
  const user = await getUser(context);
  if (user) {
    await revokeSession(user.sessionId);
    context.realtime.disconnectSession(user.sessionId, "You signed out");
    await auditRequest(context, { actor: user, action: "auth.sign-out", target: "session" });
  }
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}
