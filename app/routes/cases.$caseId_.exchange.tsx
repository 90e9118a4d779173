import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseSectionHeader } from "~/components/case/case-section-header";
import { ChoiceForm, RecordMessageForm } from "~/components/exchange/exchange-forms";
import { ExchangeTimeline } from "~/components/exchange/exchange-timeline";
import { requireCaseAction } from "~/models/case-access.server";
import { serviceDate } from "~/models/case-record-dates";
import { getCaseHeading } from "~/models/case.server";
import { EXCHANGE_CHOICE_LABELS, type ExchangeChoice } from "~/models/exchange-labels";
import { getCaseExchange } from "~/models/exchange.server";
import { getCaseWriters, partiesWithLetterSignIn } from "~/models/exchange-writer.server";
import { WriterAccess } from "~/components/exchange/writer-access";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";
import { can } from "~/utils/permissions";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import styles from "~/styles/exchange.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Messages between the parties · ${data.heading.reference} · Circle` : "Messages between the parties · Circle" },
];

/** Shuttle communication: the case team reads the exchange; its facilitators record, review and pass on the messages. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "exchange:read");
  const today = serviceDate();
  const canRecord = can(user, "exchange:record", resource);
  const [heading, exchange, writers, letterSignIns] = await Promise.all([
    getCaseHeading(resource.caseId),
    getCaseExchange(resource.caseId, today),
    getCaseWriters(resource.caseId),
    canRecord ? partiesWithLetterSignIn(resource.caseId) : {},
  ]);
  if (!heading) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.exchange.view", target: `case:${resource.caseId}`, caseId: resource.caseId });
  return json({ heading, ...exchange, writers, letterSignIns, canRecord, today });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/exchange.server";

export default function CaseExchange() {
  const { heading, timeline, parties, openQuestions, writers, letterSignIns, canRecord, today } = useLoaderData<typeof loader>();
  const workspaces = writers.filter((w) => w.open).map((w) => w.participantId);
  return (
    <main className="page" id="main">
      <CaseSectionHeader heading={heading} title="Messages between the parties" />
      <p className="hint">
        Questions, answers and messages one party wants the other to have. Nothing is passed on until the sender has agreed, a facilitator has approved it and the recipient has
        chosen to receive it.
      </p>
      <section className="card" aria-labelledby="parties-heading">
        <h2 id="parties-heading">The parties and their choices</h2>
        {parties.length === 0 ? (
          <p className="empty">Neither the person harmed nor the person responsible is recorded on this case yet.</p>
        ) : (
          <ul className="exchange-parties">
            {parties.map((p) => (
              <li key={p.id} className="exchange-party">
                <p>
                  <strong>{p.name}</strong> <span className="hint">({PARTICIPANT_ROLE_LABELS[p.role]})</span>
                </p>
                <p>
                  {p.choice
                    ? `Messages for them: ${EXCHANGE_CHOICE_LABELS[p.choice.choice as ExchangeChoice].toLowerCase()}${p.choice.deliverAfter ? ` (${formatDay(p.choice.deliverAfter)})` : ""}, recorded ${formatDay(p.choice.createdAt)}.`
                    : "They have not yet said whether they want to receive messages."}
                </p>
                {canRecord ? (
                  <>
                    <p>
                      <Link className="tap" to={`/cases/${heading.id}/exchange/pack?for=${p.id}`}>
                        Printable pack for {p.name}
                      </Link>
                    </p>
                    <details className="panel add-panel">
                      <summary>Record {p.name}&rsquo;s choice</summary>
                      <ChoiceForm caseId={heading.id} party={p} />
                    </details>
                    <WriterAccess caseId={heading.id} party={p} parties={parties} writers={writers} letterSignIn={(letterSignIns as Record<string, string>)[p.id] ?? null} />
                  </>
                ) : workspaces.includes(p.id) ? (
                  <p className="hint">They write their own messages in a workspace of their own.</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canRecord && parties.length > 1 ? (
        <section className="card" aria-labelledby="record-heading">
          <h2 id="record-heading">Record a message</h2>
          <RecordMessageForm caseId={heading.id} parties={parties} questions={openQuestions} today={today} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">The exchange</h2>
        <ExchangeTimeline timeline={timeline} caseId={heading.id} canRecord={canRecord} today={today} workspaces={workspaces} />
      </section>
    </main>
  );
}
