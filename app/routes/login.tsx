import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { forgetCachedDocuments } from "~/realtime/use-collab-document";
import type { SignInAnswer } from "~/actions/sign-in.server";
import { getUser, homeFor } from "~/utils/auth.server";
import { getDeviceId } from "~/utils/device.server";
import type { FieldErrors } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: "Sign in · Circle" }];

// A throttled attempt says when to try again in the page and, for clients that read it, in Retry-After.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(context);
  if (user) throw redirect(homeFor(user));
  const { setCookie } = getDeviceId(request);
  return json({}, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export { action } from "~/actions/sign-in.server";

export default function Login() {
  const data = useActionData<SignInAnswer>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = data?.errors ?? {};
  const invite = params.get("invite") === "1";
  // Nobody is signed in on this device now: drop any cached letter (a letter's author may have
  // been signed out because it was closed or destroyed; a letter leaves no copy behind).
  useEffect(() => {
    void forgetCachedDocuments("letter:", new Set());
  }, []);
  return (
    <main className="page narrow" id="main">
      <div className="card">
        <h1>{invite ? "Start with your invite code" : "Sign in to Circle"}</h1>
        <p className="hint">
          {invite
            ? "Your facilitator gave you a username and a one-time code. Choose a password you will remember."
            : "For restorative justice practitioners of your service, and people writing a letter with them."}
        </p>
        {errors.form ? (
          <div className="alert error" role="alert">
            {errors.form}
          </div>
        ) : null}
        {invite ? (
          <RedeemForm errors={errors} username={data?.username} busy={busy} />
        ) : (
          <SignInForm errors={errors} email={data?.email} busy={busy} redirectTo={params.get("redirectTo") ?? ""} />
        )}
        <p>
          <Link className="tap" to={invite ? "/login" : "/login?invite=1"}>
            {invite ? "I already have a password" : "I have an invite code from my facilitator"}
          </Link>
        </p>
      </div>
    </main>
  );
}

function Input(p: { id: string; label: string; type: string; autoComplete: string; error?: string; defaultValue?: string; hint?: string }) {
  const described = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint ? (
        <p className="field-hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <input
        id={p.id}
        name={p.id}
        type={p.type}
        autoComplete={p.autoComplete}
        required
        defaultValue={p.defaultValue}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={described}
      />
      {p.error ? (
        <p className="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

function SignInForm({ errors, email, busy, redirectTo }: { errors: FieldErrors; email?: string; busy: boolean; redirectTo: string }) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {/* type=email keeps the tablet's @ keyboard for staff; noValidate lets a username through. */}
      <Input id="email" label="Email or username" type="email" autoComplete="username" error={errors.email} defaultValue={email} />
      <Input id="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </Form>
  );
}

function RedeemForm({ errors, username, busy }: { errors: FieldErrors; username?: string; busy: boolean }) {
  return (
    <Form method="post" action="/login?invite=1" noValidate>
      <input type="hidden" name="intent" value="redeem" />
      <Input id="username" label="Username" type="text" autoComplete="username" error={errors.username} defaultValue={username} />
      <Input id="code" label="Invite code" type="text" autoComplete="one-time-code" error={errors.code} />
      <Input id="password" label="New password" type="password" autoComplete="new-password" error={errors.password} hint="At least 12 characters." />
      <Input id="confirm" label="New password again" type="password" autoComplete="new-password" error={errors.confirm} />
      <button type="submit" disabled={busy}>
        {busy ? "Starting…" : "Set my password and start"}
      </button>
    </Form>
  );
}
