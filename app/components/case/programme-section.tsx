import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ProgrammeSummary } from "~/components/programme/programme-summary";
import type { getProgrammeSummary } from "~/models/programme.server";

export type ProgrammeSummaryData = SerializeFrom<Awaited<ReturnType<typeof getProgrammeSummary>>>;

/** The case screen's programme card: progress and the readiness judgement, or that none was started, with the way to the programme page. */
export function ProgrammeSection({ caseId, programme }: { caseId: string; programme: ProgrammeSummaryData }) {
  return (
    <section className="card case-section" id="programme" aria-labelledby="programme-section-heading">
      <h2 id="programme-section-heading">Programme with the person responsible</h2>
      {programme ? <ProgrammeSummary summary={programme} headingLevel={3} /> : <p className="hint">No programme has been started on this case.</p>}
      <p>
        <Link className="button secondary" to={`/cases/${caseId}/programme`}>
          {programme ? "Open the programme" : "Programme"}
        </Link>
      </p>
    </section>
  );
}
