import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { requireParticipantMode } from "~/utils/auth.server";
import { PARTICIPANT_PATH } from "~/utils/participant-paths";
import styles from "~/styles/feedback.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Take the tablet back" }];

/** The facilitator's way out of participant mode: their own password, nothing shown of them or the case. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireParticipantMode(request, context);
  return json({});
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/participant-leave.server";

export default function LeaveParticipantMode() {
  const { fetcher, errors, formError, busy } = useFormFetcher({ key: "participant-leave" });
  const message = errors.password ?? formError;
  return (
    <main className="participant" id="main">
      <h1>Take the tablet back</h1>
      <p className="participant-lead">Facilitator: enter your password to leave participant mode.</p>
      <fetcher.Form method="post" noValidate className="participant-form">
        <div className="field">
          <label htmlFor="leave-password">Your password</label>
          <input
            id="leave-password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? "leave-error" : undefined}
          />
          {message ? (
            <p className="field-error" id="leave-error" role="alert">
              {message}
            </p>
          ) : null}
        </div>
        <div className="participant-actions">
          <button type="submit" disabled={busy}>
            Take the tablet back
          </button>
        </div>
      </fetcher.Form>
      <p className="participant-leave">
        <Link to={PARTICIPANT_PATH}>Back to the questions</Link>
      </p>
    </main>
  );
}
