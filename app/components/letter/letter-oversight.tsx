import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { Editor } from "@tiptap/react";
import { useCallback, useState } from "react";
import { CollabBadge } from "~/components/editor/collab-badge";
import type { getOversight } from "~/models/letter.server";
import { LETTER_STATUS_LABELS, type LetterStatus } from "~/models/letter-labels";
import { useCollabDocument } from "~/realtime/use-collab-document";
import type { ReleaseCheck } from "./letter-delivery";
import { LetterEditor } from "./letter-editor";
import { LetterVersions } from "./letter-versions";
import { DeliveryPanel } from "./oversight-delivery";
import { CommentsPanel, ReviewPanel, SuggestionsPanel } from "./oversight-review";
import { usePollRevalidate } from "./use-poll-revalidate";
import { WritingHints } from "./writing-hints";

export type OversightLetter = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getOversight>>>> & { status: LetterStatus };
type Props = { letter: OversightLetter; canModerate: boolean; canRelease: boolean; release: ReleaseCheck };

/** The facilitator's view of one letter: the live draft (read-only, with the author's caret) and every control. */
export function LetterOversight({ letter, canModerate, canRelease, release }: Props) {
  usePollRevalidate();
  const destroyed = letter.status === "DESTROYED";
  const collab = useCollabDocument(`letter:${letter.id}`, { readOnly: true });
  const [editor, setEditor] = useState<Editor | null>(null);
  const [text, setText] = useState("");
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const onText = useCallback((t: string) => setText(t), []);
  return (
    <main className="page letter-page" id="main">
      <p className="back">
        <Link to={`/cases/${letter.caseId}/letters`} className="tap">
          <span aria-hidden="true">←</span> All letters on this case
        </Link>
      </p>
      <div className="letter-head">
        <div>
          <p className="eyebrow">
            {letter.case.reference} · {letter.case.title}
          </p>
          <h1>
            {letter.replyTo ? "Reply" : "Letter"} from {letter.writer} to {letter.recipient}
          </h1>
          {letter.replyTo ? (
            <p data-testid="reply-to">
              {"Reply to "}
              <Link to={`/cases/${letter.caseId}/letters/${letter.replyTo.id}`}>{`the letter from ${letter.replyTo.from} to ${letter.replyTo.to}`}</Link>
            </p>
          ) : null}
          <p className="meta">
            <span className="badge" data-testid="letter-status">
              {LETTER_STATUS_LABELS[letter.status] ?? letter.status}
            </span>
            {letter.locked && !letter.closedAt ? <span className="badge muted">Editing paused</span> : null}
            {letter.closedAt ? <span className="badge muted">Closed</span> : null}
            <span>
              Author signs in as <strong>{letter.author.username}</strong>
            </span>
            <span>They see the recipient named “{letter.recipientLabel}”</span>
          </p>
        </div>
        {destroyed ? null : <CollabBadge status={collab?.status ?? null} />}
      </div>
      {destroyed ? (
        <p className="alert warn" role="status">
          This letter was destroyed as its recipient asked. Its content is gone; the record of what happened remains in the audit trail.
        </p>
      ) : (
        <div className="letter-layout">
          <section className="letter-main" aria-label="The draft, live">
            {collab ? (
              <LetterEditor doc={collab.doc} provider={collab.provider} readOnly label="The author's draft (read only)" onEditor={onEditor} onText={onText} />
            ) : (
              <p className="hint">Opening the letter…</p>
            )}
            <p className="hint">You see the author's changes as they type. Select words in the letter to quote them in a comment or suggestion.</p>
            {canModerate ? <ReviewPanel letter={letter} /> : null}
            <LetterVersions versions={letter.versions} />
          </section>
          <aside className="letter-side">
            <div className="card">
              <WritingHints text={text} forAuthor={false} writerRole={letter.writerRole} />
            </div>
            <CommentsPanel letter={letter} canModerate={canModerate} editor={editor} />
            <SuggestionsPanel letter={letter} canModerate={canModerate} editor={editor} />
          </aside>
        </div>
      )}
      <DeliveryPanel letter={letter} canModerate={canModerate} canRelease={canRelease && !destroyed} release={release} />
    </main>
  );
}
