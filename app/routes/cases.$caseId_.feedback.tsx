import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseSectionHeader } from "~/components/case/case-section-header";
import { FeedbackForms } from "~/components/feedback/feedback-forms";
import { FeedbackList } from "~/components/feedback/feedback-list";
import { requireCaseAction } from "~/models/case-access.server";
import { serviceDate } from "~/models/case-record-dates";
import { getCaseHeading } from "~/models/case.server";
import { getCaseFeedback } from "~/models/feedback.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import styles from "~/styles/feedback.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Feedback · ${data.heading.reference} · Circle` : "Feedback · Circle" }];

/** What the case's participants said of the service: the case team reads it, its facilitators take it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "feedback:read");
  const [heading, feedback] = await Promise.all([getCaseHeading(resource.caseId), getCaseFeedback(resource.caseId)]);
  if (!heading) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.feedback.view", target: `case:${resource.caseId}`, caseId: resource.caseId });
  const canRecord = can(user, "feedback:record", resource);
  return json({ heading, items: feedback.items, canRecord, participants: canRecord ? feedback.participants : [], occasions: feedback.occasions, today: serviceDate() });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/feedback.server";

export default function CaseFeedback() {
  const { heading, items, canRecord, participants, occasions, today } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <CaseSectionHeader heading={heading} title="Feedback" />
      {canRecord ? (
        <section className="card" aria-labelledby="take-heading">
          <h2 id="take-heading">Ask for feedback</h2>
          <FeedbackForms caseId={heading.id} participants={participants} occasions={occasions} today={today} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="given-heading">
        <h2 id="given-heading">Feedback given</h2>
        <FeedbackList items={items} />
      </section>
    </main>
  );
}
