import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createUser, DuplicateEmailError, findServiceUser, listServiceUsers, resetPassword, setUserDisabled } from "~/models/user.server";
import { Field } from "~/components/ui/field";
import { audit } from "~/utils/audit.server";
import { UserAdminSchema } from "~/utils/admin-schemas";
import { notFound, requireServiceUser } from "~/utils/auth.server";
import { CASE_ROLE_LABELS, STAFF_ROLE_LABELS, STAFF_ROLES } from "~/utils/roles";
import { fieldErrors, type FieldErrors } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: "Users · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-users");
  return json({ users: await listServiceUsers(admin.serviceId), me: admin.id });
}

type ActionData = { errors?: FieldErrors; intent?: string; userId?: string; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-users");
  const body = await request.formData().catch(() => null);
  if (!body) return json<ActionData>({ errors: { form: "That form could not be read. Please send it again." } }, { status: 400 });
  const form = Object.fromEntries(body);
  const parsed = UserAdminSchema.safeParse(form);
  if (!parsed.success) {
    return json<ActionData>({ errors: fieldErrors(parsed.error), intent: String(form.intent ?? ""), userId: String(form.userId ?? "") }, { status: 400 });
  }
  const input = parsed.data;
  const ip = context.clientIp;
  if (input.intent === "create") {
    try {
      const user = await createUser({ ...input, serviceId: admin.serviceId });
      await audit({ actor: admin, action: "user.create", target: `user:${user.id}`, ip, details: { role: input.role } });
      return json<ActionData>({ done: `Created ${user.email}. Give them their password in person.`, intent: "create" });
    } catch (error) {
      if (error instanceof DuplicateEmailError) return json<ActionData>({ errors: { email: error.message }, intent: "create" }, { status: 400 });
      throw error;
    }
  }
  const target = await findServiceUser(admin.serviceId, input.userId);
  if (!target) throw notFound("User not found");
  if (input.intent === "disable") {
    if (target.id === admin.id) return json<ActionData>({ errors: { form: "You cannot disable your own account." }, intent: input.intent, userId: target.id }, { status: 400 });
    await setUserDisabled(target.id, true);
    context.realtime.disconnectUser(target.id, "Your account has been disabled");
    await audit({ actor: admin, action: "user.disable", target: `user:${target.id}`, ip });
    return json<ActionData>({ done: `Disabled ${target.email}. Their sessions have ended.`, userId: target.id });
  }
  if (input.intent === "enable") {
    await setUserDisabled(target.id, false);
    await audit({ actor: admin, action: "user.enable", target: `user:${target.id}`, ip });
    return json<ActionData>({ done: `Enabled ${target.email}.`, userId: target.id });
  }
  await resetPassword(target.id, input.password);
  context.realtime.disconnectUser(target.id, "Your password was reset");
  await audit({ actor: admin, action: "user.reset-password", target: `user:${target.id}`, ip });
  return json<ActionData>({ done: `Password reset for ${target.email}. They must sign in again.`, userId: target.id });
}

export default function AdminUsers() {
  const { users, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const createErrors = data?.intent === "create" ? (data.errors ?? {}) : {};
  return (
    <main className="page" id="main">
      <h1>Users of your service</h1>
      {data?.done ? (
        <p className="alert success" role="status">
          {data.done}
        </p>
      ) : null}
      {data?.errors?.form ? (
        <p className="alert error" role="alert">
          {data.errors.form}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Cases</th>
              <th scope="col">Status</th>
              <th scope="col" className="actions-col">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" className="person">
                  <strong>{u.name}</strong>
                  <span className="hint break">{u.email}</span>
                  <span>{STAFF_ROLE_LABELS[u.role]}</span>
                </th>
                <td>
                  {u.memberships.length === 0 ? (
                    <span className="hint">None</span>
                  ) : (
                    <ul className="plain">
                      {u.memberships.map((m) => (
                        <li key={m.caseId}>
                          <span className="nowrap">{m.reference}</span> · <span className="nowrap">{CASE_ROLE_LABELS[m.role]}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{u.disabled ? <span className="badge muted">Disabled</span> : <span className="badge">Active</span>}</td>
                <td>
                  <div className="stack actions">
                    {u.id === me ? (
                      <span className="hint">This is you</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="userId" value={u.id} />
                        <button type="submit" name="intent" value={u.disabled ? "enable" : "disable"} className={u.disabled ? "secondary" : "danger"} disabled={busy}>
                          {u.disabled ? "Enable" : "Disable"}
                          <span className="visually-hidden"> {u.name}</span>
                        </button>
                      </Form>
                    )}
                    <details>
                      <summary>
                        Reset password<span className="visually-hidden"> for {u.name}</span>
                      </summary>
                      <Form method="post" className="reset-form">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="visually-hidden" htmlFor={`pw-${u.id}`}>
                          New password for {u.name}
                        </label>
                        <input id={`pw-${u.id}`} name="password" type="password" autoComplete="new-password" minLength={12} required />
                        <button type="submit" name="intent" value="reset-password" className="secondary" disabled={busy}>
                          Set password
                        </button>
                      </Form>
                      {data?.userId === u.id && data.errors?.password ? <p className="field-error">{data.errors.password}</p> : null}
                    </details>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card section-gap" aria-labelledby="create-heading">
        <h2 id="create-heading">Add a user</h2>
        <Form method="post" noValidate className="grid-2">
          <input type="hidden" name="intent" value="create" />
          <Field id="new-name" name="name" label="Full name" error={createErrors.name} autoComplete="off" />
          <Field id="new-email" name="email" label="Email" type="email" error={createErrors.email} autoComplete="off" />
          <div className="field">
            <label htmlFor="new-role">Staff role</label>
            <select id="new-role" name="role" defaultValue="FACILITATOR">
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {STAFF_ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {createErrors.role ? <p className="field-error">{createErrors.role}</p> : null}
          </div>
          <Field
            id="new-password"
            name="password"
            label="First password"
            hint="At least 12 characters."
            type="password"
            error={createErrors.password}
            autoComplete="new-password"
          />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Add user"}
            </button>
          </div>
        </Form>
      </section>
    </main>
  );
}
