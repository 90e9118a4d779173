import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaseDetailsFields, type DetailValues } from "~/components/case/case-details-fields";
import { Field } from "~/components/ui/field";
import { SelectField } from "~/components/ui/form-controls";
import { requireServiceAction } from "~/models/case-access.server";
import { listIntakeStaff, nextFreeReference } from "~/models/case-record.server";
import { serviceDate } from "~/models/case-record-dates";
import { requireUser } from "~/utils/auth.server";
import type { FieldErrors } from "~/utils/schemas";

import safetyStyles from "~/styles/safety.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: safetyStyles }];

export const meta: MetaFunction = () => [{ title: "Record a referral · Circle" }];

/** Facilitators and the service manager record referrals; anyone else gets 404 (the page is not advertised). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requireServiceAction(user, "service:create-case");
  const [reference, staff] = await Promise.all([nextFreeReference(user.serviceId), listIntakeStaff(user.serviceId)]);
  return json({
    reference,
    staff,
    today: serviceDate(),
    // A facilitator recording a referral usually leads it: prefilled, and changeable.
    defaultLead: user.role === "FACILITATOR" ? user.id : "",
    isManager: user.role === "ADMIN",
  });
}

type Values = DetailValues & Partial<Record<"reference" | "leadId" | "coFacilitatorId" | "supervisorId", string>>;
/** A refused referral: the errors, and what was typed so the form keeps it. */
type ActionData = { errors: FieldErrors; values: Values };

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/case-intake.server";

export default function NewCase() {
  const { reference, staff, today, defaultLead, isManager } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const errors = data?.errors ?? {};
  const values: Values = data?.values ?? { reference, leadId: defaultLead, receivedOn: today };
  const facilitators = Object.fromEntries(staff.facilitators.map((u) => [u.id, u.name]));
  const supervisors = Object.fromEntries(staff.supervisors.map((u) => [u.id, u.name]));
  const fieldCount = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={isManager ? "/admin" : "/cases"} className="tap">
          <span aria-hidden="true">←</span> {isManager ? "Service overview" : "My cases"}
        </Link>
      </p>
      <h1>Record a referral</h1>
      <p className="hint">The case starts at the referral stage. Everything here can be changed later; the history keeps what it was.</p>
      {errors.form ? (
        <p className="alert error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {fieldCount > 0 && !errors.form ? (
        <p className="alert error" role="alert">
          Nothing was saved. Please check the {fieldCount === 1 ? "answer" : `${fieldCount} answers`} marked below.
        </p>
      ) : null}
      <Form method="post" noValidate className="card intake-form">
        <div className="grid-2">
          <Field
            id="intake-reference"
            name="reference"
            label="Case reference"
            hint="The next free number is filled in. Change it only if this case already has a reference of this kind, on paper for example."
            autoComplete="off"
            defaultValue={values.reference}
            error={errors.reference}
          />
        </div>
        <CaseDetailsFields id="intake" values={values} errors={errors} today={today} />
        <fieldset className="form-group">
          <legend>The team</legend>
          <p className="field-hint">
            {isManager
              ? "Leave the lead empty to assign the case later: it shows on your overview as unassigned."
              : "You lead cases you record, or co-facilitate them. The service manager can change the team later."}
          </p>
          <div className="grid-2">
            <SelectField
              id="intake-lead"
              name="leadId"
              label="Lead facilitator"
              options={staff.facilitators.map((u) => u.id)}
              labels={facilitators}
              placeholder={isManager ? "Not yet assigned" : "Choose the lead"}
              defaultValue={values.leadId ?? ""}
              error={errors.leadId}
            />
            <SelectField
              id="intake-co"
              name="coFacilitatorId"
              label="Co-facilitator (optional)"
              options={staff.facilitators.map((u) => u.id)}
              labels={facilitators}
              placeholder="Nobody yet"
              defaultValue={values.coFacilitatorId ?? ""}
              error={errors.coFacilitatorId}
            />
            <SelectField
              id="intake-supervisor"
              name="supervisorId"
              label="Case supervisor (optional)"
              options={staff.supervisors.map((u) => u.id)}
              labels={supervisors}
              placeholder="Nobody yet"
              defaultValue={values.supervisorId ?? ""}
              error={errors.supervisorId}
            />
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Record the referral"}
          </button>
          <Link to={isManager ? "/admin" : "/cases"} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </main>
  );
}
