import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { signIn } from "~/models/sign-in.server";
import { audit } from "~/utils/audit.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { getDeviceId } from "~/utils/device.server";
import { fieldErrors, LoginSchema, type FieldErrors } from "~/utils/schemas";
import { createSession } from "~/utils/session.server";
import type { StaffRole } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Sign in · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(context)) throw redirect("/cases");
  const { setCookie } = getDeviceId(request);
  return json({}, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

type ActionData = { errors: FieldErrors; email?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const body = await request.formData().catch(() => null);
  if (!body) return json<ActionData>({ errors: { form: "That form could not be read. Please send it again." } }, { status: 400 });
  const form = Object.fromEntries(body);
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) {
    return json<ActionData>({ errors: fieldErrors(parsed.error), email: String(form.email ?? "") }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const { deviceId, setCookie: deviceCookie } = getDeviceId(request);
  const ip = context.clientIp;
  const result = await signIn(email, password, { deviceId, ip });
  if (!result.ok) {
    await audit({ actor: null, action: "auth.sign-in.failed", target: result.userId ? `user:${result.userId}` : "account:unknown", ip, details: { reason: result.reason } });
    const headers = deviceCookie ? { "Set-Cookie": deviceCookie } : undefined;
    const status = result.reason === "invalid" ? 400 : 429;
    return json<ActionData>({ errors: { form: result.message }, email }, { status: result.reason === "disabled" ? 403 : status, headers });
  }
  const session = await createSession(result.userId, { ip, userAgent: request.headers.get("User-Agent") });
  await audit({ actor: { id: result.userId, role: result.role as StaffRole }, action: "auth.sign-in", target: "session", ip });
  const headers = new Headers({ "Set-Cookie": session.cookie });
  if (deviceCookie) headers.append("Set-Cookie", deviceCookie);
  throw redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = data?.errors ?? {};
  return (
    <main className="page narrow" id="main">
      <div className="card">
        <h1>Sign in to Circle</h1>
        <p className="hint">For restorative justice practitioners of your service.</p>
        {errors.form ? (
          <div className="alert error" role="alert">
            {errors.form}
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/cases"} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required defaultValue={data?.email} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "email-error" : undefined} />
            {errors.email ? <p className="field-error" id="email-error">{errors.email}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={errors.password ? true : undefined} aria-describedby={errors.password ? "password-error" : undefined} />
            {errors.password ? <p className="field-error" id="password-error">{errors.password}</p> : null}
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
      </div>
    </main>
  );
}
