import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { diffTerms } from "~/components/agreement/term-diff";
import { getAgreementVersionPair, getCaseAgreement, versionPairQueryOf } from "~/models/agreement.server";
import { parseTerms } from "~/models/agreement-monitoring";
import { requireCaseAction } from "~/models/case-access.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { diffText } from "~/utils/diff";
import styles from "~/styles/agreement.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Compare agreement versions · Circle" }];

/** Two versions of the case's agreement side by side: what changed in the terms and the narrative. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "agreement:read");
  const query = versionPairQueryOf(new URL(request.url));
  const agreement = await getCaseAgreement(resource.caseId);
  if (!query || !agreement) throw notFound("Version not found");
  const { from, to } = await getAgreementVersionPair(agreement.id, query.from, query.to);
  if (!from || !to) throw notFound("Version not found");
  await auditRequest(context, {
    actor: user,
    action: "agreement.diff",
    target: `case:${resource.caseId}`,
    caseId: resource.caseId,
    details: { from: from.number, to: to.number },
  });
  return json({
    caseId: resource.caseId,
    from: from.number,
    to: to.number,
    terms: diffTerms(parseTerms(from.termsJson), parseTerms(to.termsJson)),
    narrative: diffText(from.narrativeText, to.narrativeText),
  });
}

export default function AgreementDiff() {
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page agreement-page" id="main">
      <p className="back">
        <Link to={`/cases/${d.caseId}/agreement`} className="tap">
          <span aria-hidden="true">←</span> Back to the agreement
        </Link>
      </p>
      <h1>
        Version {d.from} → version {d.to}
      </h1>
      <p className="hint">Removed text is struck through; added text is underlined.</p>
      <section className="card section-gap" aria-labelledby="terms-diff">
        <h2 id="terms-diff">Terms</h2>
        {d.terms.length === 0 ? (
          <p className="empty">The terms are the same.</p>
        ) : (
          <ul className="term-diff">
            {d.terms.map((c, i) => (
              <li key={i} className={`diff-${c.kind}`}>
                <strong>{c.kind === "added" ? "Added" : c.kind === "removed" ? "Removed" : "Changed"}:</strong> {c.title}
                {c.kind === "changed" ? (
                  <ul>
                    {c.fields.map((f) => (
                      <li key={f.label}>
                        {f.label}: <del>{f.before}</del> → <ins>{f.after}</ins>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card section-gap" aria-labelledby="narrative-diff">
        <h2 id="narrative-diff">Narrative</h2>
        {d.narrative.every((p) => p.op === "same") ? <p className="empty">The narrative is the same.</p> : null}
        <div className="text-diff">
          {d.narrative.map((p, i) => (p.op === "same" ? <span key={i}>{p.text}</span> : p.op === "add" ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del>))}
        </div>
      </section>
    </main>
  );
}
