import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCaseAction } from "~/models/case-access.server";
import { previewWithdrawal, withdrawTargetOf } from "~/models/consent.server";
import type { WithdrawalPreview } from "~/models/people-schemas";
import { auditRequest } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import type { FieldErrors } from "~/utils/schemas";
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
  const target = withdrawTargetOf(new URL(request.url));
  if (!target) throw json("This page needs to be opened from a Withdraw button on the case screen.", { status: 400 });
  const answer = await previewWithdrawal(caseId, target);
  await auditRequest(context, {
    actor: user,
    action: "consent.withdraw.ask",
    target: `participant:${target.participantId}`,
    caseId,
    details: { element: target.element },
  });
  if (!answer.ok) return json({ caseId, preview: null, message: answer.errors.form ?? answer.errors.participantId ?? "There is nothing to withdraw." });
  return json({ caseId, preview: answer.preview, message: null });
}

/** The answers of the page's form: done, the question again (409, `changed` when it was asked before), or one sentence. */
type ActionData = { ok: true; done: string } | { ok: false; errors: FieldErrors; confirm?: WithdrawalPreview; changed?: boolean } | { error: string };

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/consent-withdraw.server";

export default function WithdrawConsentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
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
  const preview = result && "confirm" in result && result.confirm ? result.confirm : data.preview;
  const error = result && "error" in result ? result.error : ((result && "errors" in result ? result.errors.form : undefined) ?? data.message);
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
