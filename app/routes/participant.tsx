import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FeedbackQuestions } from "~/components/feedback/answer-choices";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { getParticipantGreeting } from "~/models/feedback.server";
import { auditRequest } from "~/utils/audit.server";
import { requireParticipantMode } from "~/utils/auth.server";
import { PARTICIPANT_LEAVE_PATH } from "~/utils/participant-paths";
import styles from "~/styles/feedback.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Your feedback" }];

/**
 * The participant's page in participant mode: their first or preferred name, the questions, and
 * nothing else of the case or of Circle (the layout shows no navigation for such a session). Every
 * other page sends this session back here (app/utils/auth.server.ts), so a refresh or a typed
 * address keeps the participant here until the facilitator takes the tablet back.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireParticipantMode(request, context);
  const mode = user.participantMode;
  const name = await getParticipantGreeting(mode);
  await auditRequest(context, { actor: user, action: "feedback.participant-mode.view", target: `participant:${mode.participantId}`, caseId: mode.caseId });
  return json({ name, answered: mode.answered });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/participant.server";

export default function ParticipantFeedback() {
  const { name, answered } = useLoaderData<typeof loader>();
  const { fetcher, errors, formError, busy } = useFormFetcher({ key: "participant-feedback" });
  return (
    <main className="participant" id="main">
      {answered ? (
        <section className="participant-thanks" aria-labelledby="thanks-heading">
          <h1 id="thanks-heading">Thank you{name ? `, ${name}` : ""}</h1>
          <p>Your answers are saved. Please hand the tablet back to your facilitator.</p>
        </section>
      ) : (
        <>
          <h1>Hello{name ? ` ${name}` : ""}</h1>
          <p className="participant-lead">We would like to know how it was for you. Answer as many questions as you like: there are no right or wrong answers.</p>
          <fetcher.Form method="post" noValidate className="participant-form">
            <FeedbackQuestions idPrefix="participant" errors={errors} voice="participant" />
            {formError ? (
              <p className="alert error" role="alert">
                {formError}
              </p>
            ) : null}
            <div className="participant-actions">
              <button type="submit" name="intent" value="answer" disabled={busy}>
                Send my answers
              </button>
              <button type="submit" name="intent" value="decline" className="secondary" disabled={busy}>
                I&rsquo;d rather not say
              </button>
            </div>
          </fetcher.Form>
        </>
      )}
      <p className="participant-leave">
        <Link to={PARTICIPANT_LEAVE_PATH}>For the facilitator: take the tablet back</Link>
      </p>
    </main>
  );
}
