import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadDeliverable } from "~/models/letter-output.server";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Print the letter · Circle" }];

/** Print view of the approved letter as it will be delivered. Facilitators only. */
export async function loader(args: LoaderFunctionArgs) {
  const { caseId, letterId, deliverable } = await loadDeliverable(args, "print");
  return json({ ...deliverable, caseId, letterId });
}

export default function PrintLetter() {
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page narrow" id="main">
      <div className="no-print row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <Link className="tap" to={`/cases/${d.caseId}/letters/${d.letterId}`}>
          <span aria-hidden="true">←</span> Back to the letter
        </Link>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1 className="visually-hidden">The letter as it will be delivered</h1>
      {d.redactions.redactSignature || d.redactions.redactFirstName ? (
        <p className="no-print hint">
          As the recipient asked: {[d.redactions.redactSignature && "no signature", d.redactions.redactFirstName && "no first name"].filter(Boolean).join(", ")}.
        </p>
      ) : null}
      <article className="letter-printable" aria-label="The letter">
        {d.lines.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </article>
      <p className="hint">
        Version {d.number} · fingerprint {d.hash.slice(0, 16)}
      </p>
    </main>
  );
}
