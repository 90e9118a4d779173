import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLetterAction } from "~/models/letter.server";
import { getDeliverable } from "~/models/letter-output.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Print the letter · Circle" }];

/** Print view of the approved letter as it will be delivered. Facilitators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:release", params.caseId);
  const deliverable = await getDeliverable(access.letterId);
  if (!deliverable) throw notFound("No approved letter");
  await audit({ actor: user, action: "letter.export.print", target: `letter:${access.letterId}`, caseId: access.caseId, ip: context.clientIp, details: { version: deliverable.number } });
  return json({ ...deliverable, caseId: access.caseId, letterId: access.letterId });
}

export default function PrintLetter() {
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page narrow" id="main">
      <div className="no-print row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <Link className="tap" to={`/cases/${d.caseId}/letters/${d.letterId}`}>
          <span aria-hidden="true">←</span> Back to the letter
        </Link>
        <button type="button" onClick={() => window.print()}>Print</button>
      </div>
      <h1 className="visually-hidden">The letter as it will be delivered</h1>
      {d.redactions.redactSignature || d.redactions.redactFirstName ? (
        <p className="no-print hint">As the person harmed asked: {[d.redactions.redactSignature && "no signature", d.redactions.redactFirstName && "no first name"].filter(Boolean).join(", ")}.</p>
      ) : null}
      <article className="letter-printable" aria-label="The letter">
        {d.lines.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </article>
      <p className="hint">Version {d.number} · fingerprint {d.hash.slice(0, 16)}</p>
    </main>
  );
}
