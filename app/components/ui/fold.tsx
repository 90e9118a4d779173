import { useEffect, useRef, useState } from "react";

/**
 * A folded panel: `<details>` whose contents are rendered only once it has been opened, and then
 * kept (folding it again loses nothing typed).
 *
 * Why: the case page folds about two dozen forms (record an answer, edit a person, log a contact).
 * Written out folded they were three quarters of its markup, and a tablet paid for parsing, laying
 * out and hydrating every one of them before the page answered a tap. Opened, a form is drawn in
 * the same frame. A fold opened before the page hydrated (a tap while scripts load) is filled in
 * as soon as it has; `open` (a form that came back with an error) shows the contents as well.
 */
export function Fold({ summary, open, className, id, children }: { summary: React.ReactNode; open?: boolean; className?: string; id?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [shown, setShown] = useState(Boolean(open));
  useEffect(() => {
    if (open || ref.current?.open) setShown(true);
  }, [open]);
  return (
    <details
      ref={ref}
      id={id}
      className={className}
      open={open || undefined}
      onToggle={(event) => {
        if (event.currentTarget.open) setShown(true);
      }}
    >
      <summary>{summary}</summary>
      {shown ? (
        children
      ) : (
        // Seen only in a fold opened before the page is ready (or in a browser without JavaScript).
        <p className="hint">This needs JavaScript, and appears once the page has finished loading.</p>
      )}
    </details>
  );
}
