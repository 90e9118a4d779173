import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { listServiceUsers } from "~/models/user.server";
import { Field } from "~/components/ui/field";
import type { FormAnswer } from "~/components/ui/use-form-fetcher";
import { requireServiceUser } from "~/utils/auth.server";
import { CASE_ROLE_LABELS, STAFF_ROLE_LABELS, STAFF_ROLES } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Users · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-users");
  return json({ users: await listServiceUsers(admin.serviceId), me: admin.id });
}

export { action } from "~/actions/admin-users.server";

export default function AdminUsers() {
  const { users, me } = useLoaderData<typeof loader>();
  const data = useActionData<FormAnswer>();
  const busy = useNavigation().state === "submitting";
  // A form the server could not parse is answered without naming the account, so the page
  // remembers whose "Set password" was sent, to show the message in that row.
  const [resetFor, setResetFor] = useState<string | null>(null);
  const errors = data && !data.ok ? data.errors : {};
  const createErrors = data?.intent === "create" ? errors : {};
  const resetError = data?.intent === "reset-password" ? errors.password : undefined;
  return (
    <main className="page" id="main">
      <h1>Users of your service</h1>
      {data?.ok ? (
        <p className="alert success" role="status">
          {data.done}
        </p>
      ) : null}
      {errors.form || (resetError && !resetFor) ? (
        <p className="alert error" role="alert">
          {errors.form ?? resetError}
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
                      <Form method="post" className="reset-form" onSubmit={() => setResetFor(u.id)}>
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="visually-hidden" htmlFor={`pw-${u.id}`}>
                          New password for {u.name}
                        </label>
                        <input id={`pw-${u.id}`} name="password" type="password" autoComplete="new-password" minLength={12} required />
                        <button type="submit" name="intent" value="reset-password" className="secondary" disabled={busy}>
                          Set password
                        </button>
                      </Form>
                      {resetError && resetFor === u.id ? <p className="field-error">{resetError}</p> : null}
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
