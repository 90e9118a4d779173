import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OpenLetterForm } from "~/components/letter/open-letter-form";
import { LETTER_STATUS_LABELS } from "~/models/letter-labels";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseHeading } from "~/models/case.server";
import { letterGate } from "~/models/gates";
import { letterCandidates, replyDraftOf } from "~/models/letter-author.server";
import { getLettersSummary } from "~/models/letter.server";
import { loadGateFacts } from "~/models/preparation.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Letters · ${data.heading.reference} · Circle` : "Letters · Circle" }];

/** The case's letters, and (for its facilitators) opening a new one behind the letter gate; `?replyTo=` prepares a reply. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:view");
  const [heading, letters, facts, candidates, reply] = await Promise.all([
    getCaseHeading(resource.caseId),
    getLettersSummary(resource.caseId),
    loadGateFacts(resource.caseId),
    letterCandidates(resource.caseId),
    replyDraftOf(resource.caseId, request.url),
  ]);
  if (!heading || !facts) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.letters.view", target: `case:${resource.caseId}`, caseId: resource.caseId });
  return json({ heading, letters, gate: letterGate(facts), candidates, reply, canOpen: can(user, "letter:open", resource) });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/letter-open.server";

export default function CaseLetters() {
  const { heading, letters, gate, candidates, reply, canOpen } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={`/cases/${heading.id}#letters`} className="tap">
          <span aria-hidden="true">←</span> Back to the case
        </Link>
      </p>
      <p className="eyebrow">
        {heading.reference} · {heading.title}
      </p>
      <h1>Letters</h1>
      <section className="card" aria-labelledby="letters-heading">
        <h2 id="letters-heading">Letters on this case</h2>
        {letters.length === 0 ? (
          <p className="hint">No letter has been opened yet.</p>
        ) : (
          <ul className="plain">
            {letters.map((l) => (
              <li key={l.id}>
                <Link className="tap" to={`/cases/${heading.id}/letters/${l.id}`}>
                  {l.replyTo ? "Reply from" : "From"} {l.writer} to {l.recipient}
                </Link>{" "}
                <span className="badge">{LETTER_STATUS_LABELS[l.status] ?? l.status}</span>
                {l.locked ? <span className="badge muted">Editing paused</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canOpen ? <OpenLetterForm key={reply?.replyToId ?? "new"} gate={gate} candidates={candidates} reply={reply} /> : null}
    </main>
  );
}
