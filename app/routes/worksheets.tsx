import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OwnWorksheet } from "~/components/worksheet/own-worksheet";
import { endLook, startLook } from "~/models/author-news.server";
import { getAuthorWorksheetIds, getOwnWorksheet, requireOwnWorksheet } from "~/models/worksheet-author.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireLetterAuthor } from "~/utils/auth.server";
import styles from "~/styles/letters.css";
import worksheetStyles from "~/styles/worksheets.css";

export const links = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: worksheetStyles },
];
export const meta: MetaFunction = () => [{ title: "My worksheets · Circle" }];

/**
 * The person responsible's own worksheets: the prompts, their answers, and what their facilitator
 * said about them. Only an author with an open worksheet reaches it (404 for everyone else, staff
 * included: they read worksheets on the case's programme page).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const ids = await getAuthorWorksheetIds(user.id);
  if (ids.length === 0) throw notFound("Not found");
  const worksheets = [];
  for (const id of ids) {
    const resource = await requireOwnWorksheet(user, id);
    // Only the author opening their own page moves what counts as new to them.
    const look = await startLook("worksheet", id);
    const worksheet = await getOwnWorksheet(id, look.lastSeen);
    await endLook(
      look,
      worksheet.comments.some((c) => c.isNew),
    );
    worksheets.push(worksheet);
    await auditRequest(context, { actor: user, action: "programme.worksheet.own.view", target: `programme-worksheet:${id}`, caseId: resource.caseId });
  }
  return json({ worksheets });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/worksheets.server";

export default function MyWorksheets() {
  const { worksheets } = useLoaderData<typeof loader>();
  return (
    <main className="page narrow letter-page" id="main">
      <h1>My worksheets</h1>
      <p className="hint">Write in your own words. Save as often as you like: only you see your answers until you send the worksheet to your facilitator.</p>
      {worksheets.map((w) => (
        <OwnWorksheet key={w.id} worksheet={w} />
      ))}
    </main>
  );
}
