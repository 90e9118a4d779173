import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { AgreementBanner } from "~/components/agreement/agreement-banner";
import { MonitoringPanel } from "~/components/agreement/monitoring-panel";
import { NarrativeSection } from "~/components/agreement/narrative-section";
import { ReviewPanel } from "~/components/agreement/review-panel";
import { SigningPanel } from "~/components/agreement/signing-panel";
import { StartAgreement, TermsSection } from "~/components/agreement/terms-section";
import { VersionsList } from "~/components/agreement/versions-list";
import { CaseSectionHeader } from "~/components/case/case-section-header";
import { getAgreementWorkspace } from "~/models/agreement.server";
import { AGREEMENT_STATUS_LABELS } from "~/models/agreement-labels";
import { draftContent } from "~/models/agreement-workflow.server";
import { requireCaseAction } from "~/models/case-access.server";
import { useCaseEvents } from "~/realtime/use-case-events";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import styles from "~/styles/agreement.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Agreement · ${data.heading.reference} · Circle` : "Agreement · Circle" }];

/** The outcome agreement workspace: facilitators draft, take signatures and submit; the case supervisor reviews. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "agreement:read");
  const workspace = await getAgreementWorkspace(resource.caseId);
  if (!workspace) throw notFound("Case not found");
  const canDraft = can(user, "agreement:draft", resource);
  // Whether the version being signed is still exactly the draft (someone may have edited since).
  const open = workspace.versions.find((v) => v.state === "SIGNING");
  const openIsCurrent = open && workspace.agreement ? (await draftContent(context, workspace.agreement.id)).hash === open.contentHash : false;
  await auditRequest(context, { actor: user, action: "agreement.view", target: `case:${resource.caseId}`, caseId: resource.caseId });
  return json({ ...workspace, canDraft, canReview: can(user, "agreement:review", resource), openIsCurrent, me: { id: user.id, name: user.name } });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/agreement.server";

export default function AgreementWorkspace() {
  const data = useLoaderData<typeof loader>();
  const { heading, agreement, canDraft, canReview, versions } = data;
  const revalidator = useRevalidator();
  const events = useCaseEvents(heading.id, () => revalidator.revalidate());
  const drafting = agreement?.status === "DRAFTING";
  const submitted = versions.find((v) => v.state === "SUBMITTED");
  const lastDecision = versions.find((v) => v.state === "CHANGES_REQUESTED" || v.state === "APPROVED");
  const signing = versions.find((v) => v.state === "SIGNING");
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const onDraftChange = useCallback(() => revalidate.current(), []);
  return (
    <main className="page agreement-page" id="main">
      <CaseSectionHeader
        heading={heading}
        title="Outcome agreement"
        aside={agreement ? <span className={`badge agreement-status status-${agreement.status.toLowerCase()}`}>{AGREEMENT_STATUS_LABELS[agreement.status]}</span> : null}
      />
      <AgreementBanner notice={events.notice} onDismiss={events.dismiss} />
      {!agreement ? (
        <StartAgreement canDraft={canDraft} />
      ) : (
        <>
          {drafting && lastDecision?.state === "CHANGES_REQUESTED" ? (
            <div className="alert warn changes-requested" role="status">
              <strong>
                {lastDecision.decidedBy ?? "The supervisor"} asked for changes to version {lastDecision.number}:
              </strong>{" "}
              {lastDecision.decisionReason}
              {lastDecision.comments.length ? (
                <span>
                  {" "}
                  ({lastDecision.comments.length} comment{lastDecision.comments.length === 1 ? "" : "s"} below, in the versions.)
                </span>
              ) : null}
            </div>
          ) : null}
          {submitted && !canReview ? (
            <p className="alert info" role="status">
              Version {submitted.number} is with the supervisor for review. The draft is read-only until they decide.
            </p>
          ) : null}
          {canReview && submitted ? <ReviewPanel version={submitted} /> : null}
          <TermsSection data={data} editable={canDraft && drafting} />
          <NarrativeSection
            agreementId={agreement.id}
            editable={canDraft && drafting}
            signing={canDraft && drafting && signing && data.openIsCurrent ? { number: signing.number, onDraftChange } : undefined}
          />
          {canDraft && drafting ? <SigningPanel data={data} /> : null}
          {data.monitoring ? <MonitoringPanel data={data} editable={canDraft && agreement.status === "APPROVED"} /> : null}
          <VersionsList caseId={heading.id} versions={versions} participants={data.participants} />
        </>
      )}
      {revalidator.state === "loading" ? (
        <p className="visually-hidden" role="status">
          Updating…
        </p>
      ) : null}
    </main>
  );
}
