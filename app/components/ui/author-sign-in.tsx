import { useState } from "react";
import { Field } from "~/components/ui/field";

/** How a party signs in to what a facilitator opens for them (a letter, a message workspace, a worksheet). */
export type AuthorAccess = "existing" | "invite" | "password";

type Part = "existing" | "invite" | "password" | "username" | "password-field";

/**
 * "How they sign in", the same wherever staff open something for a party to write: the sign-in
 * they already have (when they have one), a one-time invite code they redeem to choose their own
 * password, or a password the facilitator sets and tells them in person. Username and password
 * fields show only for the choices that need them. The form's action reads `access`, `username`
 * and `password`.
 */
export function AuthorSignInFields({
  id,
  existing = null,
  initial,
  order = ["invite", "password"],
  errors,
  labelSuffix = "",
  fieldsClassName = "grid-2",
}: {
  /** The element id of each part (kept stable for each form's earlier markup). */
  id: (part: Part) => string;
  /** The username they already sign in with, if any: offered first and chosen to begin with. */
  existing?: string | null;
  initial?: AuthorAccess;
  /** The order of the two new-account choices. */
  order?: ["invite", "password"] | ["password", "invite"];
  errors: Partial<Record<string, string>>;
  /** Added to the field labels, e.g. " for the author". */
  labelSuffix?: string;
  fieldsClassName?: string;
}) {
  const [access, setAccess] = useState<AuthorAccess>(initial ?? (existing ? "existing" : order[0]));
  const choice = (value: AuthorAccess, label: string) => (
    <div className="field check" key={value}>
      <input type="radio" id={id(value)} name="access" value={value} checked={access === value} onChange={() => setAccess(value)} />
      <label htmlFor={id(value)}>{label}</label>
    </div>
  );
  const labels: Record<"invite" | "password", string> = {
    invite: "Give them a one-time invite code to choose their own password",
    password: "I set a password now",
  };
  return (
    <>
      <fieldset className="field">
        <legend>How they sign in</legend>
        {existing ? choice("existing", `With the sign-in they already have (${existing})`) : null}
        {order.map((value) => choice(value, labels[value]))}
        {errors.access ? <p className="field-error">{errors.access}</p> : null}
      </fieldset>
      {access !== "existing" ? (
        <div className={fieldsClassName}>
          <Field id={id("username")} name="username" label={`Username${labelSuffix}`} hint="Letters, digits, dots or underscores, e.g. dan_price." error={errors.username} />
          {access === "password" ? (
            <Field
              id={id("password-field")}
              name="password"
              type="password"
              label={`Password${labelSuffix}`}
              hint="At least 12 characters. Tell them in person."
              error={errors.password}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The one-time code, shown once after opening or renewing, to hand over in person with the username. */
export function InviteCodeNotice({ username, inviteCode, findIt }: { username?: string; inviteCode: string; findIt: string }) {
  return (
    <div className="card section-gap" role="status">
      <p>
        <strong>Hand over this invite code in person.</strong> It is shown only once and works for 14 days.
        {username ? (
          <>
            {" "}
            Username: <strong>{username}</strong>.
          </>
        ) : null}
      </p>
      <p className="invite-code" data-testid="invite-code">
        {inviteCode}
      </p>
      <p className="hint">They sign in at Circle&rsquo;s sign-in page with &ldquo;I have an invite code&rdquo;, and {findIt}.</p>
    </div>
  );
}
