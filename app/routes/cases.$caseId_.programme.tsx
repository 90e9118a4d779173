import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddSessionForm, JudgementForm, OverrideForm, StartProgrammeForm } from "~/components/programme/programme-forms";
import { ProgrammeHistory } from "~/components/programme/programme-history";
import { ProgrammeSessionCard } from "~/components/programme/programme-session";
import { ProgrammeSummary } from "~/components/programme/programme-summary";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseHeading } from "~/models/case.server";
import { getCaseProgramme } from "~/models/programme.server";
import { getCaseWorksheets, worksheetSignInOf } from "~/models/programme-worksheets.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { can } from "~/utils/permissions";
import styles from "~/styles/programme.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Programme · ${data.heading.reference} · Circle` : "Programme · Circle" }];

/** The person responsible's intervention programme: the case team reads it; its facilitators run it; the case supervisor may decide the case goes ahead without it complete. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "programme:read");
  const [heading, data, worksheets, signIn] = await Promise.all([
    getCaseHeading(resource.caseId),
    getCaseProgramme(resource.caseId, resource.serviceId),
    getCaseWorksheets(resource.caseId),
    worksheetSignInOf(resource.caseId),
  ]);
  if (!heading) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.programme.view", target: `case:${resource.caseId}`, caseId: resource.caseId });
  return json({ heading, ...data, worksheets, signIn, canRecord: can(user, "programme:record", resource), canOverride: can(user, "programme:override", resource) });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/programme.server";

export default function CaseProgramme() {
  const { heading, programme, start, team, worksheets, signIn, canRecord, canOverride } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={`/cases/${heading.id}`} className="tap">
          <span aria-hidden="true">←</span> Back to the case
        </Link>
      </p>
      <p className="eyebrow">
        {heading.reference} · {heading.title}
      </p>
      <h1>Programme</h1>
      {!programme ? (
        <section className="card" aria-labelledby="start-heading">
          <h2 id="start-heading">Start the programme</h2>
          <p className="hint">
            Sessions with the person responsible on understanding the offence, its consequences, empathy, shame and feelings, and making amends, with the letter of apology last.
            Once it is started, a letter from them is released and a conference booked only when it is complete or the case supervisor records why not.
          </p>
          {canRecord && start ? <StartProgrammeForm people={start.people} templates={start.templates} /> : <p className="empty">No programme has been started on this case.</p>}
        </section>
      ) : (
        <>
          <p className="hint">
            For {programme.person}, from &ldquo;{programme.templateName}&rdquo;, started by {programme.startedBy} on {formatDate(programme.createdAt)}.
          </p>
          <section className="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">Progress</h2>
            <ProgrammeSummary summary={programme} headingLevel={3} />
            {canRecord ? (
              <>
                <h3 className="programme-subheading">The facilitators&rsquo; judgement</h3>
                <JudgementForm />
              </>
            ) : null}
            {canOverride ? (
              <>
                <h3 className="programme-subheading">Go ahead without a complete programme</h3>
                <OverrideForm />
              </>
            ) : null}
          </section>
          <section className="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            <ol className="programme-sessions">
              {programme.sessions.map((s, i) => (
                <ProgrammeSessionCard
                  key={s.id}
                  session={s}
                  number={i + 1}
                  count={programme.sessions.length}
                  canRecord={canRecord}
                  team={team}
                  worksheets={worksheets.filter((w) => w.sessionId === s.id)}
                  person={programme.person}
                  signIn={signIn}
                />
              ))}
            </ol>
            {canRecord ? <AddSessionForm /> : null}
          </section>
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">Changes and judgements</h2>
            <ProgrammeHistory changes={programme.changes} judgements={programme.judgements} />
          </section>
        </>
      )}
    </main>
  );
}
