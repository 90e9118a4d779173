import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthorWorkspace } from "~/components/letter/author-workspace";
import { endLook, startLook } from "~/models/author-news.server";
import { getAuthorWorkspace, requireLetterAction } from "~/models/letter.server";
import { WRITABLE_STATUSES, type LetterStatus } from "~/models/letter-labels";
import { guidanceFor } from "~/components/letter/letter-writers";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireLetterAuthor } from "~/utils/auth.server";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Letter to ${data.letter.recipientLabel} · Circle` : "My letter · Circle" }];

/** The author's workspace: their letter and nothing else (docs/architecture.md §4). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:write");
  // Only the author opening their own letter moves what counts as new to them.
  const look = await startLook("letter", access.letterId);
  const letter = await getAuthorWorkspace(access.letterId, look.lastSeen);
  if (!letter || letter.status === "DESTROYED") throw notFound("Letter not found");
  await endLook(
    look,
    letter.comments.some((c) => c.isNew),
  );
  await auditRequest(context, { actor: user, action: "letter.author.view", target: `letter:${letter.id}`, caseId: access.caseId });
  const writable = !letter.locked && WRITABLE_STATUSES.includes(letter.status as LetterStatus);
  return json({ letter: { ...letter, status: letter.status as LetterStatus }, writable, defaultGuidance: guidanceFor(letter.writerRole) });
}

export { action } from "~/actions/letter-workspace.server";

export default function LetterWorkspace() {
  const data = useLoaderData<typeof loader>();
  return <AuthorWorkspace {...data} />;
}
