import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { RedeemInviteSchema } from "~/models/letter-schemas";
import { redeemInvite, signIn, type SignInResult } from "~/models/sign-in.server";
import { auditRequest } from "~/utils/audit.server";
import { getUser, homeFor, safeRedirect } from "~/utils/auth.server";
import { deviceCookie, getDeviceId } from "~/utils/device.server";
import type { StaffRole } from "~/utils/roles";
import { fieldErrors, LoginSchema, type FieldErrors } from "~/utils/schemas";
import { createSession } from "~/utils/session.server";

/** What the sign-in page gets back: the messages, and the name typed, to fill it in again. */
export type SignInAnswer = { errors: FieldErrors; email?: string; username?: string };

/**
 * Sign-in and a letter author's invite code (app/routes/login.tsx). Not the action pipeline: nobody
 * is signed in yet, the intent picks one of two schemas, and a refused form gives back the name
 * typed. Every attempt is audited, failures too, with the request's address (auditRequest).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  // A tablet handed to a participant signs nobody in: getUser sends it back to the participant's page.
  await getUser(context);
  const body = await request.formData().catch(() => null);
  if (!body) return json<SignInAnswer>({ errors: { form: "That form could not be read. Please send it again." } }, { status: 400 });
  const form = Object.fromEntries(body);
  const { deviceId, setCookie: newDevice } = getDeviceId(request);
  // The sign-in limits count attempts per address too (app/models/sign-in.server.ts).
  const client = { deviceId, ip: context.clientIp };
  const headers = newDevice ? { "Set-Cookie": newDevice } : undefined;
  let result: SignInResult;
  let redirectTo: string | undefined;
  let echo: Pick<SignInAnswer, "email" | "username">;
  if (form.intent === "redeem") {
    // A letter author's one-time invite code: they choose their password and are signed in.
    const parsed = RedeemInviteSchema.safeParse(form);
    if (!parsed.success) return json<SignInAnswer>({ errors: fieldErrors(parsed.error), username: String(form.username ?? "") }, { status: 400 });
    echo = { username: parsed.data.username };
    result = await redeemInvite(parsed.data.username, parsed.data.code, parsed.data.password, client);
    if (result.ok)
      await auditRequest(context, { actor: { id: result.userId, role: result.role as StaffRole }, action: "letter.author.invite-redeemed", target: `user:${result.userId}` });
  } else {
    const parsed = LoginSchema.safeParse(form);
    if (!parsed.success) return json<SignInAnswer>({ errors: fieldErrors(parsed.error), email: String(form.email ?? "") }, { status: 400 });
    echo = { email: parsed.data.email };
    redirectTo = parsed.data.redirectTo;
    result = await signIn(parsed.data.email, parsed.data.password, client);
  }
  if (!result.ok) {
    // Every failure, throttled ones too: the name tried (never the password), whether it is an account, why.
    const tried = form.intent === "redeem" ? { email: echo.username ?? "", method: "invite" } : { email: echo.email ?? "", method: "password" };
    await auditRequest(context, {
      actor: null,
      action: "auth.sign-in.failed",
      target: result.userId ? `user:${result.userId}` : "account:unknown",
      details: { ...tried, accountExists: result.accountExists, reason: result.reason },
    });
    const status = result.reason === "disabled" ? 403 : result.reason === "invalid" ? 400 : 429;
    const out = new Headers(headers);
    if (result.retryAfterSeconds) out.set("Retry-After", String(result.retryAfterSeconds));
    return json<SignInAnswer>({ errors: { form: result.message }, ...echo }, { status, headers: out });
  }
  const session = await createSession(result.userId, { ip: context.clientIp, userAgent: request.headers.get("User-Agent") });
  await auditRequest(context, { actor: { id: result.userId, role: result.role as StaffRole }, action: "auth.sign-in", target: "session" });
  const out = new Headers({ "Set-Cookie": session.cookie });
  // Renewed at every sign-in: this browser stays known to the account while it is in use.
  out.append("Set-Cookie", deviceCookie(deviceId));
  // A letter author only ever lands on their letters, whatever redirectTo says.
  const home = homeFor({ role: result.role });
  throw redirect(home === "/letters" ? "/letters" : safeRedirect(redirectTo, home), { headers: out });
}
