import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementSection } from "~/components/case/agreement-section";
import { ConferenceSection } from "~/components/case/conference-section";
import { ContactsSection } from "~/components/case/contacts-section";
import { LettersSection } from "~/components/case/letters-section";
import { ParticipantsSection } from "~/components/case/participants-section";
import { ProgrammeSection } from "~/components/case/programme-section";
import { RectificationSection } from "~/components/case/rectification-section";
import { RecordSection } from "~/components/case/record-section";
import { RiskSection } from "~/components/case/risk-section";
import { StageSection } from "~/components/case/stage-section";
import type { SectionProps } from "~/components/case/types";
import { CaseNotes } from "~/components/editor/case-notes";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseOverview } from "~/models/case.server";
import { getCaseRecord } from "~/models/case-record.server";
import { serviceDate } from "~/models/case-record-dates";
import { getAgreementSummary } from "~/models/agreement.server";
import { getLettersSummary } from "~/models/letter.server";
import { getPreparation } from "~/models/preparation.server";
import { getProgrammeSummary } from "~/models/programme.server";
import { getRectifications } from "~/models/rectification.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { CASE_ROLE_LABELS, CASE_ROLES, STAGE_LABELS, STAGE_NEXT_STEPS, STAGES } from "~/utils/roles";

import peopleStyles from "~/styles/people.css";
import safetyStyles from "~/styles/safety.css";
import programmeStyles from "~/styles/programme.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: safetyStyles },
  { rel: "stylesheet", href: programmeStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.case.reference} · Circle` : "Case · Circle" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:view");
  const [overview, prep, agreement, letters, record, rectifications, programme] = await Promise.all([
    getCaseOverview(resource.caseId),
    getPreparation(resource.caseId),
    getAgreementSummary(resource.caseId),
    getLettersSummary(resource.caseId),
    getCaseRecord(resource.caseId),
    getRectifications(resource.caseId),
    can(user, "programme:read", resource) ? getProgrammeSummary(resource.caseId) : null,
  ]);
  if (!overview || !prep || !record) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.view", target: `case:${overview.id}`, caseId: overview.id });
  return json({
    case: overview,
    myRole: resource.membership,
    canEdit: can(user, "case:edit", resource),
    canEditDetails: can(user, "case:edit-details", resource),
    record,
    today: serviceDate(),
    canApprove: can(user, "case:approve", resource),
    me: { id: user.id, name: user.name },
    prep,
    agreement,
    letters,
    notes: { readOnly: !can(user, "notes:write", resource) },
    rectifications,
    canRectify: can(user, "case:rectify", resource),
    programme,
  });
}

export default function CaseOverview() {
  const {
    case: c,
    myRole,
    notes,
    prep,
    canEdit,
    canApprove,
    me,
    agreement,
    letters,
    record,
    canEditDetails,
    today,
    rectifications,
    canRectify,
    programme,
  } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const section: SectionProps = { caseId: c.id, prep, canEdit, canApprove, me };
  const currentIndex = STAGES.indexOf(c.stage);
  const reachedAt = new Map(c.stageEvents.map((e) => [e.stage, e.at]));
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to="/cases" className="tap">
          <span aria-hidden="true">←</span> My cases
        </Link>
      </p>
      {params.get("recorded") === "1" ? (
        <p className="alert success" role="status">
          Referral {c.reference} recorded. Next: add the person harmed under People and offer them information about restorative justice.
        </p>
      ) : null}
      <p className="eyebrow">{c.reference}</p>
      <h1>{c.title}</h1>
      <div className="meta page-meta">
        <span className="badge">{STAGE_LABELS[c.stage]}</span>
        {c.sensitive ? <span className="badge sensitive">Sensitive or complex</span> : null}
        {record.details.youth ? <span className="badge muted">Youth case</span> : null}
        {myRole ? <span>You are {CASE_ROLE_LABELS[myRole].toLowerCase()}</span> : null}
      </div>
      <nav className="section-nav" aria-label="Case sections">
        <a href="#referral" className="tap">
          Referral
        </a>
        <a href="#participants" className="tap">
          People and consent
        </a>
        <a href="#contacts" className="tap">
          Contacts
        </a>
        <a href="#risk" className="tap">
          Risk
        </a>
        <a href="#conference" className="tap">
          Conference
        </a>
        <a href="#agreement" className="tap">
          Agreement
        </a>
        <a href="#programme" className="tap">
          Programme
        </a>
        <a href="#letters" className="tap">
          Letters
        </a>
        <a href="#notes-heading" className="tap">
          Notes
        </a>
        <Link to={`/cases/${c.id}/exchange`} className="tap">
          Messages between the parties
        </Link>
        <Link to={`/cases/${c.id}/feedback`} className="tap">
          Feedback
        </Link>
        <a href="#corrections" className="tap">
          Corrections
        </a>
      </nav>
      <div className="case-grid">
        <section className="card area-next" aria-labelledby="next-heading">
          <h2 id="next-heading">What comes next</h2>
          <p>{STAGE_NEXT_STEPS[c.stage]}</p>
          {c.nextConference ? (
            <p>
              <strong>Conference:</strong> {formatDateTime(c.nextConference.at)}
              {c.nextConference.venue ? `, ${c.nextConference.venue}` : ""}
            </p>
          ) : (
            <p className="hint">No conference is booked.</p>
          )}
          <StageSection {...section} />
          <h2>What happened</h2>
          <p>{c.offenceSummary}</p>
        </section>
        <section className="card area-timeline" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Stage timeline</h2>
          <ol className="timeline">
            {STAGES.map((s, i) => {
              const state = i < currentIndex ? "done" : i === currentIndex ? "current" : "todo";
              const at = reachedAt.get(s);
              return (
                <li key={s} className={state} aria-current={state === "current" ? "step" : undefined}>
                  <span className="dot" aria-hidden="true" />
                  <span>
                    {STAGE_LABELS[s]}
                    {at && state !== "todo" ? <span className="hint"> · {formatDate(at)}</span> : null}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
        <section className="card area-team" aria-labelledby="team-heading">
          <h2 id="team-heading">Case team</h2>
          {c.members.length === 0 ? (
            <p className="hint">Nobody is assigned yet.</p>
          ) : (
            <ul className="people">
              {[...c.members]
                .sort((a, b) => CASE_ROLES.indexOf(a.role) - CASE_ROLES.indexOf(b.role))
                .map((m) => (
                  <li key={m.user.id}>
                    <strong>{m.user.name}</strong>
                    <span className="visually-hidden"> — </span>
                    <span className="hint">{CASE_ROLE_LABELS[m.role]}</span>
                  </li>
                ))}
            </ul>
          )}
        </section>
      </div>
      <RecordSection record={record} canEditDetails={canEditDetails} today={today} />
      <ParticipantsSection {...section} />
      <ContactsSection {...section} />
      <RiskSection {...section} />
      <ConferenceSection {...section} />
      <AgreementSection {...section} agreement={agreement} />
      <ProgrammeSection caseId={c.id} programme={programme} />
      <LettersSection {...section} letters={letters} />
      <RectificationSection caseId={c.id} data={rectifications} canRectify={canRectify} today={today} />
      <section className="card case-section notes-section" aria-labelledby="notes-heading">
        <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
          <h2 id="notes-heading" style={{ margin: 0 }}>
            Case notes
          </h2>
          <Link to={`/cases/${c.id}/notes`} className="button secondary">
            Full screen<span className="visually-hidden"> notes</span>
          </Link>
        </div>
        <CaseNotes caseId={c.id} readOnly={notes.readOnly} />
      </section>
    </main>
  );
}
