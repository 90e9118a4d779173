import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { forgetCachedDocuments } from "~/realtime/use-collab-document";
import { AuthorNotices } from "~/components/letter/author-notices";
import { getAuthorLetters } from "~/models/letter.server";
import { newWords } from "~/models/author-news";
import { getAuthorNews } from "~/models/author-news.server";
import { getAuthorWriterIds } from "~/models/exchange-writer.server";
import { getAuthorWorksheetIds } from "~/models/worksheet-author.server";
import { listNotifications } from "~/models/notifications.server";
import { LETTER_STATUS_LABELS, type LetterStatus } from "~/models/letter-labels";
import { auditRequest } from "~/utils/audit.server";
import { requireLetterAuthor } from "~/utils/auth.server";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "My letter · Circle" }];

/** The author's home: their open letters, named only as the facilitator chose. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const letters = await getAuthorLetters(user.id);
  // Someone who writes messages to the other party but no letter starts at their messages.
  if (letters.length === 0 && (await getAuthorWriterIds(user.id)).length > 0) throw redirect("/messages");
  // Someone with worksheets from their programme but no letter yet starts at their worksheets.
  if (letters.length === 0 && (await getAuthorWorksheetIds(user.id)).length > 0) throw redirect("/worksheets");
  // Only "your facilitator replied" reaches an author (listNotifications keeps to that kind).
  const notices = (await listNotifications(user, 10)).filter((n) => !n.read);
  // How many of each letter's comments are new to them: the list leads to the letter that has them.
  const { byLetter } = await getAuthorNews(user.id);
  await auditRequest(context, { actor: user, action: "letter.author.list", target: `user:${user.id}` });
  return json({
    letters: letters.map((l) => ({ id: l.id, recipientLabel: l.recipientLabel, status: l.status as LetterStatus, news: newWords(byLetter[l.id] ?? 0) })),
    notices,
  });
}

export { authorAction as action } from "~/actions/notifications.server";

export default function MyLetters() {
  const { letters, notices } = useLoaderData<typeof loader>();
  // A letter that was closed or destroyed leaves no copy on this device.
  useEffect(() => {
    void forgetCachedDocuments("letter:", new Set(letters.map((l) => `letter:${l.id}`)));
  }, [letters]);
  return (
    <main className="page narrow letter-page" id="main">
      <h1>My letter</h1>
      <AuthorNotices notices={notices} />
      {letters.length === 0 ? (
        <p className="empty">There is no letter for you to work on at the moment.</p>
      ) : (
        <ul className="case-list">
          {letters.map((l) => (
            <li key={l.id} className="case-item">
              <Link to={`/letters/${l.id}`}>
                <span className="title">Letter to {l.recipientLabel}</span> <span className="badge">{LETTER_STATUS_LABELS[l.status] ?? l.status}</span>
                {l.news ? (
                  <>
                    {" "}
                    <span className="badge new">{l.news}</span>
                  </>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
