import { FormMessage } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/**
 * A service template on its admin page (a conference script's steps, a programme's sessions): the
 * card with its ordered items, a fold to add one, and Archive; each item with ↑ ↓, Remove and a
 * fold to edit it. Every form posts one intent with `templateId` (and the item's id under
 * `itemKey`) to the page's own action. What an item shows and which fields it has are the caller's.
 */
type Errors = Partial<Record<string, string>>;

export function TemplateCard({
  template,
  headingId,
  facts,
  emptyText,
  listClassName,
  add,
  children,
}: {
  template: { id: string; name: string; description: string };
  headingId: string;
  /** A line under the description, e.g. how many sessions and hours. */
  facts?: React.ReactNode;
  emptyText: string;
  listClassName: string;
  add: { summary: string; intent: string; submit: string; fields: (errors: Errors) => React.ReactNode };
  /** The items, as <li>s (TemplateItem), in order; none shows `emptyText`. */
  children: React.ReactNode[];
}) {
  const archive = useFormFetcher();
  const adding = useFormFetcher();
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {template.name}
      </h3>
      {template.description ? <p className="hint">{template.description}</p> : null}
      {facts ? <p className="hint">{facts}</p> : null}
      {children.length === 0 ? <p className="empty">{emptyText}</p> : <ol className={listClassName}>{children}</ol>}
      <details className="step-edit" open={Object.keys(adding.errors).length > 0 || undefined}>
        <summary className="tap">
          {add.summary}
          <span className="visually-hidden"> to {template.name}</span>
        </summary>
        <adding.fetcher.Form method="post" className="stack" key={adding.successKey}>
          <input type="hidden" name="intent" value={add.intent} />
          <input type="hidden" name="templateId" value={template.id} />
          {add.fields(adding.errors)}
          <button type="submit" disabled={adding.busy}>
            {adding.busy ? "Adding…" : add.submit}
          </button>
        </adding.fetcher.Form>
        <FormMessage error={adding.formError} done={adding.done} />
      </details>
      <archive.fetcher.Form
        method="post"
        className="section-gap"
        onSubmit={(e) => {
          if (!window.confirm(`Archive "${template.name}"?`)) e.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="archive" />
        <input type="hidden" name="templateId" value={template.id} />
        <button type="submit" className="danger" disabled={archive.busy}>
          Archive<span className="visually-hidden"> {template.name}</span>
        </button>
      </archive.fetcher.Form>
      <FormMessage error={archive.formError} done={archive.done} />
    </article>
  );
}

export function TemplateItem({
  templateId,
  itemKey,
  item,
  first,
  last,
  intents,
  confirmRemove,
  className,
  editSummary,
  editSubmit,
  fields,
  children,
}: {
  templateId: string;
  /** The form field naming the item: `stepId`, `sessionId`. */
  itemKey: string;
  item: { id: string; title: string };
  first: boolean;
  last: boolean;
  intents: { move: string; remove: string; edit: string };
  /** Asked before removing, when removing loses more than a line (a session's guidance and exercises). */
  confirmRemove?: string;
  className: string;
  /** What follows "Edit" in the fold's summary (after the item's title, which is there for screen readers). */
  editSummary?: string;
  editSubmit: string;
  fields: (errors: Errors) => React.ReactNode;
  /** What the item shows: its eyebrow, title and text. */
  children: React.ReactNode;
}) {
  const move = useFormFetcher();
  const edit = useFormFetcher();
  const remove = useFormFetcher();
  const ids = (
    <>
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name={itemKey} value={item.id} />
    </>
  );
  return (
    <li className={className}>
      {children}
      <div className="row step-actions">
        <move.fetcher.Form method="post" className="row">
          <input type="hidden" name="intent" value={intents.move} />
          {ids}
          <button type="submit" name="direction" value="up" className="secondary" disabled={first || move.busy} aria-label={`Move "${item.title}" up`}>
            ↑
          </button>
          <button type="submit" name="direction" value="down" className="secondary" disabled={last || move.busy} aria-label={`Move "${item.title}" down`}>
            ↓
          </button>
        </move.fetcher.Form>
        <remove.fetcher.Form
          method="post"
          onSubmit={(e) => {
            if (confirmRemove && !window.confirm(confirmRemove)) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value={intents.remove} />
          {ids}
          <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove "${item.title}"`}>
            Remove
          </button>
        </remove.fetcher.Form>
      </div>
      <FormMessage error={move.formError ?? remove.formError} />
      <details className="step-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
        <summary className="tap">
          Edit<span className="visually-hidden"> "{item.title}"</span>
          {editSummary}
        </summary>
        <edit.fetcher.Form method="post" className="stack">
          <input type="hidden" name="intent" value={intents.edit} />
          {ids}
          {fields(edit.errors)}
          <button type="submit" disabled={edit.busy}>
            {edit.busy ? "Saving…" : editSubmit}
          </button>
        </edit.fetcher.Form>
        <FormMessage error={edit.formError} done={edit.done} />
      </details>
    </li>
  );
}
