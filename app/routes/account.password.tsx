import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import type { FormAnswer } from "~/components/ui/use-form-fetcher";
import { requireStaffSession } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Choose your password · Circle" }];

/**
 * A person's own password. Someone who signed in with a one-time password (the setup command's)
 * or one a manager set is sent here before any other page, socket or document opens to them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaffSession(request, context);
  return json({ required: user.mustChangePassword });
}

export { action } from "~/actions/account-password.server";

export default function ChangePassword() {
  const { required } = useLoaderData<typeof loader>();
  const data = useActionData<FormAnswer>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = data && !data.ok ? data.errors : {};
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
