import { TextAreaField, FormMessage } from "~/components/ui/form-controls";
import type { FrozenTerm } from "~/models/agreement-labels";
import { formatDateTime } from "~/utils/format";
import { type WorkspaceVersion } from "./types";
import { VersionBody } from "./version-view";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/** The case supervisor's review of a submitted version: comment on terms, approve or ask for changes. */
export function ReviewPanel({ version }: { version: WorkspaceVersion }) {
  const approve = useFormFetcher();
  const changes = useFormFetcher();
  return (
    <section className="card section-gap review" aria-labelledby="review-heading">
      <h2 id="review-heading">Review version {version.number}</h2>
      <p className="hint">
        Sent by {version.submittedBy ?? "a facilitator"}
        {version.submittedAt ? ` on ${formatDateTime(version.submittedAt)}` : ""} with {version.signatures.length} signature{version.signatures.length === 1 ? "" : "s"}.
      </p>
      <VersionBody version={version} extra={(term) => <TermComment version={version} term={term} />} />
      <div className="review-decision stack">
        <approve.fetcher.Form
          method="post"
          className="form-actions"
          onSubmit={(e) => {
            if (!window.confirm(`Approve version ${version.number}? It becomes the agreement of record and can no longer be changed.`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="versionId" value={version.id} />
          <button type="submit" disabled={approve.busy}>
            {approve.busy ? "Approving…" : `Approve version ${version.number}`}
          </button>
        </approve.fetcher.Form>
        <FormMessage error={approve.errors.form} />
        <changes.fetcher.Form method="post" className="stack request-changes">
          <input type="hidden" name="intent" value="request-changes" />
          <input type="hidden" name="versionId" value={version.id} />
          <TextAreaField
            id="reason"
            name="reason"
            label="What needs to change"
            hint="The facilitators see this at once and revise the draft with the participants."
            error={changes.errors.reason}
            maxLength={2000}
          />
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={changes.busy}>
              {changes.busy ? "Sending…" : "Request changes"}
            </button>
          </div>
          <FormMessage error={changes.errors.form} />
        </changes.fetcher.Form>
      </div>
    </section>
  );
}

function TermComment({ version, term }: { version: WorkspaceVersion; term: FrozenTerm }) {
  const { fetcher, errors, done, successKey, busy } = useFormFetcher({ key: `comment-${version.id}-${term.id}` });
  const id = `comment-${term.id}`;
  return (
    <details className="term-comment" open={Object.keys(errors).length > 0 || undefined}>
      <summary className="tap">
        Comment<span className="visually-hidden"> on term {term.position + 1}</span>
      </summary>
      <fetcher.Form method="post" className="stack" key={successKey}>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="versionId" value={version.id} />
        <input type="hidden" name="termId" value={term.id} />
        <TextAreaField id={id} name="body" label={`Your comment on term ${term.position + 1}`} error={errors.body} maxLength={2000} rows={2} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Add the comment"}
          </button>
        </div>
        <FormMessage error={errors.form ?? errors.termId} done={done} />
      </fetcher.Form>
    </details>
  );
}
