import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCaseAction } from "~/models/case-access.server";
import { getExchangePack, packRecipientOf } from "~/models/exchange.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import styles from "~/styles/exchange.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Printable pack · Circle" }];

const plain = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The pack a facilitator prints or reads from at a visit: for one party, only the messages approved
 * for them that their choice lets reach them today (docs/architecture.md §2), with their first name
 * and nothing else of the case. Facilitators only; a refused pack is a 409 with the reason, audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "exchange:record");
  const recipientId = packRecipientOf(request.url);
  if (!recipientId) throw plain("Choose whom the pack is for from the case's messages page.", 400);
  const pack = await getExchangePack(resource.caseId, recipientId);
  if (!pack) throw notFound("Not a party on this case");
  if (!pack.ok) {
    await auditRequest(context, { actor: user, action: "exchange.pack.refused", target: `participant:${recipientId}`, caseId: resource.caseId, details: { reason: pack.refused } });
    throw plain(pack.refused, 409);
  }
  await auditRequest(context, { actor: user, action: "exchange.pack.print", target: `participant:${recipientId}`, caseId: resource.caseId, details: { count: pack.items.length } });
  return json({ caseId: resource.caseId, firstName: pack.firstName, items: pack.items });
}

export default function ExchangePack() {
  const { caseId, firstName, items } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow" id="main">
      <div className="no-print row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <Link className="tap" to={`/cases/${caseId}/exchange`}>
          <span aria-hidden="true">←</span> Back to the messages
        </Link>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
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
