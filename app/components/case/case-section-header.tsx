import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

type Props = (
  | {
      /** The case as `getCaseHeading` gives it: the eyebrow reads "reference · title". */
      heading: { id: string; reference: string; title: string };
    }
  | {
      caseId: string;
      /** What stands above the title when the page is about something within the case (a conference). */
      eyebrow: ReactNode;
    }
) & {
  /** The id of the case page's section the back link returns to, when it should not open at the top. */
  section?: string;
  title: ReactNode;
  /**
   * Beside the title on the same line, e.g. the agreement's status badge. Given at all (even as
   * null), the title sits in that row, so the page does not shift when the badge comes and goes.
   */
  aside?: ReactNode;
};

/**
 * The top of a page that opens from the case page: the way back, which case this is, and the page's
 * heading. The link text and the single h1 are what people (and the e2e tests) find the page by.
 */
export function CaseSectionHeader(props: Props) {
  const caseId = "heading" in props ? props.heading.id : props.caseId;
  const eyebrow = "heading" in props ? `${props.heading.reference} · ${props.heading.title}` : props.eyebrow;
  return (
    <>
      <p className="back">
        <Link to={`/cases/${caseId}${props.section ? `#${props.section}` : ""}`} className="tap">
          <span aria-hidden="true">←</span> Back to the case
        </Link>
      </p>
      <p className="eyebrow">{eyebrow}</p>
      {props.aside !== undefined ? (
        <div className="row heading-row">
          <h1>{props.title}</h1>
          {props.aside}
        </div>
      ) : (
        <h1>{props.title}</h1>
      )}
    </>
  );
}
