import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCaseAction } from "~/models/case-access.server";
import { changeConsentAndTell, previewWithdrawal } from "~/models/consent.server";
import { WithdrawConsentSchema, WithdrawTargetSchema, type WithdrawalPreview } from "~/models/people-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import peopleStyles from "~/styles/people.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];
export const meta: MetaFunction = () => [{ title: "Withdraw consent · Circle" }];

/**
 * Withdrawing a yes, as a page: the question the case screen asks in a dialog, for a browser
 * without JavaScript (the Withdraw button is a plain form that opens this page) or a link. It
 * says what the withdrawal will do to a booked or running conference before anything changes;
 * only "Withdraw consent", which sends back the token of exactly that, makes it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const target = WithdrawTargetSchema.safeParse(query);
  if (!target.success) throw json("This page needs to be opened from a Withdraw button on the case screen.", { status: 400 });
  const answer = await previewWithdrawal(caseId, target.data);
  await audit({
    actor: user,
    action: "consent.withdraw.ask",
    target: `participant:${target.data.participantId}`,
    caseId,
    ip: context.clientIp,
    details: { element: target.data.element },
  });
  if (!answer.ok) return json({ caseId, preview: null, message: answer.errors.form ?? answer.errors.participantId ?? "There is nothing to withdraw." });
  return json({ caseId, preview: answer.preview, message: null });
}

type ActionData = { done: string } | { preview: WithdrawalPreview; changed: boolean } | { error: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, WithdrawConsentSchema);
  if ("response" in parsed) return json<ActionData>({ error: "That form could not be read. Go back to the case and try again." }, { status: 400 });
  const input = parsed.data;
  const outcome = await changeConsentAndTell(user, caseId, input, context);
  if (outcome.ok) return json<ActionData>({ done: outcome.done });
  // What it would do changed since the question was shown (say, the conference started): ask again.
  if ("confirm" in outcome) return json<ActionData>({ preview: outcome.confirm, changed: input.confirm !== "" }, { status: 409 });
  return json<ActionData>({ error: outcome.errors.form ?? outcome.errors.participantId ?? "Nothing was withdrawn." }, { status: 400 });
}

export default function WithdrawConsentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const back = `/cases/${data.caseId}#participants`;
  if (result && "done" in result) {
    return (
      <main className="page narrow" id="main">
        <h1>Consent withdrawn</h1>
        <p className="alert info" role="status" data-testid="withdraw-result">
          {result.done}
        </p>
        <p>
          <Link to={back} className="button">
            Back to the case
          </Link>
        </p>
      </main>
    );
  }
  const preview = result && "preview" in result ? result.preview : data.preview;
  const error = result && "error" in result ? result.error : data.message;
  return (
    <main className="page narrow" id="main">
      {preview ? (
        <>
          <h1>{preview.question}</h1>
          {result && "changed" in result && result.changed ? (
            <p className="alert warn" role="alert">
              What this would do has changed since you were asked. Read it again before you decide.
            </p>
          ) : null}
          {error ? (
            <p className="alert error" role="alert">
              {error}
            </p>
          ) : null}
          <ul className="withdraw-effects" data-testid="withdraw-effects">
            {preview.effects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="participantId" value={preview.participantId} />
            {preview.guardianId ? <input type="hidden" name="guardianId" value={preview.guardianId} /> : null}
            <input type="hidden" name="element" value={preview.element} />
            <input type="hidden" name="sharedWith" value={preview.sharedWith} />
            <input type="hidden" name="confirm" value={preview.token} />
            <button type="submit" className="danger" disabled={busy}>
              Withdraw consent
            </button>
            <Link to={back} className="button secondary">
              Keep consent
            </Link>
          </Form>
        </>
      ) : (
        <>
          <h1>Withdraw consent</h1>
          <p className="alert error" role="alert">
            {error}
          </p>
          <p>
            <Link to={back} className="button">
              Back to the case
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
