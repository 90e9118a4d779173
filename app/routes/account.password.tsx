import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { changeOwnPassword, WrongPasswordError } from "~/models/user.server";
import { ChangePasswordSchema } from "~/utils/admin-schemas";
import { audit } from "~/utils/audit.server";
import { homeFor, notFound, requireSession, safeRedirect } from "~/utils/auth.server";
import { isLetterAuthor } from "~/utils/permissions";
import { fieldErrors, type FieldErrors } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: "Choose your password · Circle" }];

/**
 * A person's own password. Someone who signed in with a one-time password (the setup command's)
 * or one a manager set is sent here before any other page, socket or document opens to them.
 */
/** Staff only: a letter author's password is set with their facilitator (invite code), like every other staff page answers them 404. */
async function requireStaffSession(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireSession(request, context);
  if (isLetterAuthor(user)) throw notFound();
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaffSession(request, context);
  return json({ required: user.mustChangePassword });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaffSession(request, context);
  const body = await request.formData().catch(() => null);
  if (!body) return json<{ errors: FieldErrors }>({ errors: { form: "That form could not be read. Please send it again." } }, { status: 400 });
  const parsed = ChangePasswordSchema.safeParse(Object.fromEntries(body));
  if (!parsed.success) return json<{ errors: FieldErrors }>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    await changeOwnPassword({ userId: user.id, sessionId: user.sessionId, current: parsed.data.current, next: parsed.data.password });
  } catch (error) {
    if (!(error instanceof WrongPasswordError)) throw error;
    await audit({ actor: user, action: "user.change-password.refused", target: `user:${user.id}`, ip: context.clientIp });
    return json<{ errors: FieldErrors }>({ errors: { current: error.message } }, { status: 400 });
  }
  // Other devices signed in as this person are signed out (their sessions ended in the change).
  context.realtime.disconnectUser(user.id, "Your password was changed");
  await audit({ actor: user, action: "user.change-password", target: `user:${user.id}`, ip: context.clientIp, details: { required: user.mustChangePassword } });
  const redirectTo = String(body.get("redirectTo") ?? "");
  throw redirect(redirectTo ? safeRedirect(redirectTo, homeFor(user)) : homeFor(user));
}

export default function ChangePassword() {
  const { required } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = data?.errors ?? {};
  return (
    <main className="page narrow" id="main">
      <div className="card">
        <h1>{required ? "Choose your own password" : "Change your password"}</h1>
        <p className="hint">
          {required ? "You signed in with a password someone else chose. Choose one only you know before you go on." : "Your other devices will be signed out."}
        </p>
        {errors.form ? (
          <div className="alert error" role="alert">
            {errors.form}
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field
            id="current"
            name="current"
            label={required ? "The password you were given" : "Current password"}
            type="password"
            autoComplete="current-password"
            error={errors.current}
          />
          <Field id="password" name="password" label="New password" hint="At least 12 characters." type="password" autoComplete="new-password" error={errors.password} />
          <Field id="confirm" name="confirm" label="New password again" type="password" autoComplete="new-password" error={errors.confirm} />
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save my password"}
          </button>
        </Form>
      </div>
    </main>
  );
}
