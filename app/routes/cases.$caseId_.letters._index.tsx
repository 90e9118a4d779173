import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OpenLetterForm } from "~/components/letter/open-letter-form";
import { LETTER_STATUS_LABELS } from "~/models/letter-labels";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseHeading } from "~/models/case.server";
import { letterGate } from "~/models/gates";
import { DEFAULT_GUIDANCE, letterCandidates, openLetter } from "~/models/letter-author.server";
import { getLettersSummary } from "~/models/letter.server";
import { OpenLetterSchema } from "~/models/letter-schemas";
import { loadGateFacts } from "~/models/preparation.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms.server";
import { can } from "~/utils/permissions";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Letters · ${data.heading.reference} · Circle` : "Letters · Circle" }];

/** The case's letters, and (for its facilitators) opening a new one behind the letter gate. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:view");
  const [heading, letters, facts, candidates] = await Promise.all([
    getCaseHeading(resource.caseId),
    getLettersSummary(resource.caseId),
    loadGateFacts(resource.caseId),
    letterCandidates(resource.caseId),
  ]);
  if (!heading || !facts) throw notFound("Case not found");
  await audit({ actor: user, action: "case.letters.view", target: `case:${resource.caseId}`, caseId: resource.caseId, ip: context.clientIp });
  return json({ heading, letters, gate: letterGate(facts), candidates, canOpen: can(user, "letter:open", resource), defaultGuidance: DEFAULT_GUIDANCE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "letter:open");
  const parsed = await parseForm(request, OpenLetterSchema);
  if ("response" in parsed) return parsed.response;
  const result = await openLetter(resource.caseId, resource.serviceId, user.id, parsed.data);
  if (!result.ok) return json({ ok: false as const, errors: result.errors, reasons: result.reasons ?? [] }, { status: result.reasons ? 409 : 400 });
  await audit({
    actor: user,
    action: "letter.open",
    target: `letter:${result.letterId}`,
    caseId: resource.caseId,
    ip: context.clientIp,
    details: { username: parsed.data.username, access: parsed.data.access },
  });
  // The invite code is shown once, here, to hand over in person; it is stored only as a hash.
  if (result.inviteCode) return json({ ok: true as const, letterId: result.letterId, inviteCode: result.inviteCode, username: parsed.data.username });
  throw redirect(`/cases/${resource.caseId}/letters/${result.letterId}`);
}

export default function CaseLetters() {
  const { heading, letters, gate, candidates, canOpen, defaultGuidance } = useLoaderData<typeof loader>();
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
                  From {l.writer} to {l.recipient}
                </Link>{" "}
                <span className="badge">{LETTER_STATUS_LABELS[l.status] ?? l.status}</span>
                {l.locked ? <span className="badge muted">Editing paused</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canOpen ? <OpenLetterForm gate={gate} candidates={candidates} defaultGuidance={defaultGuidance} /> : null}
    </main>
  );
}
