import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadPack } from "~/models/exchange-pack.server";
import styles from "~/styles/exchange.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Printable pack · Circle" }];

/**
 * The pack a facilitator prints or reads from at a visit: for one party, only the messages approved
 * for them that their choice lets reach them today (docs/architecture.md §2), with their first name
 * and nothing else of the case. Facilitators only; a refused pack is a 409 with the reason, audited.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { caseId, recipientId, firstName, items } = await loadPack(args, "print");
  return json({ caseId, recipientId, firstName, items });
}

export default function ExchangePack() {
  const { caseId, recipientId, firstName, items } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow" id="main">
      <div className="no-print row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <Link className="tap" to={`/cases/${caseId}/exchange`}>
          <span aria-hidden="true">←</span> Back to the messages
        </Link>
        <span className="row">
          <a className="button secondary" href={`/cases/${caseId}/exchange/pack.pdf?for=${recipientId}`} download>
            Download as PDF
          </a>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </span>
      </div>
      <article className="exchange-pack" aria-labelledby="pack-heading">
        <h1 id="pack-heading">{`For ${firstName}`}</h1>
        <p className="hint">These were passed on through your facilitator as part of a restorative justice process, with the sender&rsquo;s agreement.</p>
        {items.length === 0 ? (
          <p className="empty">There is nothing to pass on yet.</p>
        ) : (
          <ol className="exchange-pack-items">
            {items.map((m) => (
              <li key={m.id}>
                {m.question ? (
                  <blockquote className="exchange-text">
                    <p className="eyebrow">You asked</p>
                    <p>{m.question}</p>
                  </blockquote>
                ) : null}
                <p className="eyebrow">{m.kind === "QUESTION" ? "A question for you" : m.kind === "ANSWER" ? "The answer" : "A message for you"}</p>
                <p className="exchange-pack-text">{m.text}</p>
              </li>
            ))}
          </ol>
        )}
      </article>
    </main>
  );
}
