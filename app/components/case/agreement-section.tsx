import { Link } from "@remix-run/react";
import type { AgreementSummary } from "~/models/agreement.server";
import { AGREEMENT_STATUS_LABELS, VERSION_STATE_LABELS } from "~/models/agreement-labels";
import type { SectionProps } from "./types";

type Props = Pick<SectionProps, "caseId" | "canEdit"> &
  Partial<Omit<SectionProps, "caseId" | "canEdit">> & {
    /** getAgreementSummary(caseId) from app/models/agreement.server.ts, serialized (null: no agreement yet). */
    agreement: AgreementSummary | null;
  };

/** The case screen's link card to the outcome agreement: its status and what is due. */
export function AgreementSection({ caseId, canEdit, agreement }: Props) {
  return (
    <section className="card case-section" id="agreement" aria-labelledby="agreement-section-heading">
      <h2 id="agreement-section-heading">Outcome agreement</h2>
      {agreement ? (
        <>
          <p className="row">
            <span className="badge">{AGREEMENT_STATUS_LABELS[agreement.status]}</span>
            <span>
              {agreement.terms} term{agreement.terms === 1 ? "" : "s"}
            </span>
            {agreement.latestVersion ? (
              <span>
                Version {agreement.latestVersion.number}: {VERSION_STATE_LABELS[agreement.latestVersion.state].toLowerCase()}
              </span>
            ) : null}
          </p>
          {agreement.overdue || agreement.due ? (
            <p className="alert warn">
              {agreement.overdue ? `${agreement.overdue} term${agreement.overdue === 1 ? "" : "s"} overdue` : ""}
              {agreement.overdue && agreement.due ? " · " : ""}
              {agreement.due ? `${agreement.due} due in the next two weeks` : ""}
            </p>
          ) : null}
        </>
      ) : (
        <p className="empty">No agreement yet.{canEdit ? " Start it during the conference, with the participants." : ""}</p>
      )}
      <Link to={`/cases/${caseId}/agreement`} className="button secondary">
        {agreement ? "Open the agreement" : canEdit ? "Start the agreement" : "Open the agreement"}
      </Link>
    </section>
  );
}
