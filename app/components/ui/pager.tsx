import { Link } from "@remix-run/react";

/**
 * Previous and Next links for a paged list, the page number in the address (so the back button,
 * a bookmark and a reload keep it). Plain links: keyboard, switch access and no-JavaScript work.
 */
export function Pager({ page, pages, hrefFor, label }: { page: number; pages: number; hrefFor: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="button secondary" rel="prev">
          <span aria-hidden="true">←</span> Previous<span className="visually-hidden"> page</span>
        </Link>
      ) : (
        <span />
      )}
      <span className="pager-where">
        Page {Math.min(page, pages)} of {pages}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="button secondary" rel="next">
          Next<span className="visually-hidden"> page</span> <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
