import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { WriterWorkspace } from "~/components/exchange/writer-workspace";
import { usePollRevalidate } from "~/components/letter/use-poll-revalidate";
import { endLook, startLook } from "~/models/author-news.server";
import { getAuthorWriterIds, getWriterWorkspace, requireOwnWorkspace } from "~/models/exchange-writer.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireLetterAuthor } from "~/utils/auth.server";
import styles from "~/styles/exchange.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "My messages · Circle" }];

/**
 * A party's own message workspace: what was passed on to them, what they have written and where it
 * is, and forms to write more. Only an author with an open workspace reaches it (404 for everyone
 * else, staff included: they read the exchange on the case).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const ids = await getAuthorWriterIds(user.id);
  if (ids.length === 0) throw notFound("Not found");
  const spaces = [];
  for (const id of ids) {
    const resource = await requireOwnWorkspace(user, id);
    // Only the author opening their own page moves what counts as new to them.
    const look = await startLook("writer", id);
    const space = await getWriterWorkspace(id, look.lastSeen);
    await endLook(
      look,
      space.received.some((m) => m.isNew),
    );
    spaces.push({ id, ...space });
    await auditRequest(context, { actor: user, action: "exchange.own.view", target: `exchange-writer:${id}`, caseId: resource.caseId });
  }
  return json({ spaces });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/exchange-writer.server";

export default function MyMessages() {
  const { spaces } = useLoaderData<typeof loader>();
  // The author has no live connection: what a facilitator delivers or approves shows within a few seconds.
  usePollRevalidate(15_000);
  return (
    <main className="page narrow letter-page" id="main">
      <h1>My messages</h1>
      {spaces.map((s) => (
        <WriterWorkspace key={s.id} space={s} />
      ))}
    </main>
  );
}
