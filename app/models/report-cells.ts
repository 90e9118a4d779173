import { once } from "~/utils/once";
/**
 * The numbers of a report and how each is shown (docs/architecture.md §2, "Reports"). Pure: the
 * page, the CSV and the quarterly PDF all show a figure through `showCell`, the one place a small
 * number is hidden (report-tables.ts then withholds what would give one back).
 *
 * The rule (README, Decisions, "Reports count small numbers as fewer than 5"): a count from 1 to 4
 * is shown as "fewer than 5", and a rate, average or median resting on such a count is withheld
 * (and a count that would give a hidden one away through a sum is withheld too: report-tables.ts),
 * in every export, and on screen whenever the viewer is not on the team of every case counted (the
 * manager, who reports on the whole service). Nobody can then pick one person out of an aggregate:
 * "1 youth case referred by the prison in March" names a child to anyone who knows the prison.
 * A supervisor's own report counts only cases they are on the team of, which they may open anyway,
 * so their screen shows every number; their exports are suppressed like anyone's, since a file
 * travels beyond the case team.
 */

/** Counts below this (and above zero) are suppressed. */
export const SMALL_NUMBER_LIMIT = 5;
export const SUPPRESSED = "fewer than 5";
export const WITHHELD = "withheld";
/** Nothing to divide by: no people, no records. */
export const NOTHING = "–";

export type Cell =
  | { kind: "count"; n: number }
  /** A share `part` of `whole`, shown as a whole percentage. */
  | { kind: "rate"; part: number; whole: number }
  /** An average of `n` values whose total is `sum`, to one decimal place. */
  | { kind: "average"; sum: number; n: number }
  /** A median of `n` values (null when there are none), in whole units. */
  | { kind: "median"; value: number | null; n: number }
  | { kind: "text"; text: string };

/** A cell as shown: its words, and the number a chart draws (null when nothing may be drawn). */
export type Shown = { text: string; value: number | null };

export const isSmall = (n: number) => n > 0 && n < SMALL_NUMBER_LIMIT;

const integer = once(() => new Intl.NumberFormat("en-GB"));
const oneDecimal = once(() => new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

export function showCell(cell: Cell, suppress: boolean): Shown {
  switch (cell.kind) {
    case "count":
      return suppress && isSmall(cell.n) ? { text: SUPPRESSED, value: null } : { text: integer().format(cell.n), value: cell.n };
    case "rate": {
      if (cell.whole === 0) return { text: NOTHING, value: null };
      if (suppress && (isSmall(cell.part) || isSmall(cell.whole))) return { text: WITHHELD, value: null };
      const percent = Math.round((cell.part / cell.whole) * 100);
      return { text: `${percent}%`, value: percent };
    }
    case "average": {
      if (cell.n === 0) return { text: NOTHING, value: null };
      if (suppress && isSmall(cell.n)) return { text: WITHHELD, value: null };
      const average = Math.round((cell.sum / cell.n) * 10) / 10;
      return { text: oneDecimal().format(average), value: average };
    }
    case "median":
      if (cell.value === null || cell.n === 0) return { text: NOTHING, value: null };
      if (suppress && isSmall(cell.n)) return { text: WITHHELD, value: null };
      return { text: integer().format(cell.value), value: cell.value };
    case "text":
      return { text: cell.text, value: null };
  }
}

export const count = (n: number): Cell => ({ kind: "count", n });
export const rate = (part: number, whole: number): Cell => ({ kind: "rate", part, whole });
export const text = (t: string): Cell => ({ kind: "text", text: t });
