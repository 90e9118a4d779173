import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RichTextView } from "~/components/ui/rich-text-view";
import { loadApprovedExport, termLines } from "~/models/agreement-output.server";
import styles from "~/styles/agreement.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Agreement ${data.reference} v${data.number} · Print · Circle` : "Agreement · Circle" }];

/** Print view of the approved agreement: text nodes only, from the stored, sanitized version. */
export async function loader(args: LoaderFunctionArgs) {
  const { caseId, exported } = await loadApprovedExport(args, "print");
  return json({ ...exported, caseId, terms: exported.terms.map(termLines) });
}

export default function PrintAgreement() {
  const d = useLoaderData<typeof loader>();
  return (
    <main className="page narrow agreement-print" id="main">
      <div className="no-print row print-actions">
        <Link className="tap" to={`/cases/${d.caseId}/agreement`}>
          <span aria-hidden="true">←</span> Back to the agreement
        </Link>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>Outcome agreement</h1>
      <p className="hint">
        {d.reference} · {d.title}
      </p>
      <p className="hint">
        Version {d.number} · SHA-256 {d.hash}
      </p>
      <h2>Terms</h2>
      <ol className="print-terms">
        {d.terms.map((t) => (
          <li key={t.title}>
            <h3>{t.title}</h3>
            {t.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </li>
        ))}
      </ol>
      <h2>What was agreed, in the participants' words</h2>
      <RichTextView doc={d.narrative} label="Narrative" />
      <h2>Signatures</h2>
      {d.signatures.length ? (
        <ul>
          {d.signatures.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : (
        <p>(No signatures.)</p>
      )}
      <p>
        <strong>{d.approval}</strong>
      </p>
    </main>
  );
}
