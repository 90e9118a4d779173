import { AGREEMENT_STATUS_LABELS, type AgreementStatus } from "./agreement-labels";
import { count, rate, showCell, text, WITHHELD, type Cell, type Shown } from "./report-cells";
import { medianOf, OUTCOME_LABELS, type Outcome, type ReportData } from "./reports";
import { REFERRER_TYPES, REFERRER_TYPE_LABELS, type ReferrerType } from "~/utils/referral";
import { CLOSURE_REASONS, CLOSURE_REASON_LABELS, PARTICIPANT_ROLES, PARTICIPANT_ROLE_LABELS, type ClosureReason } from "~/utils/preparation";
import { STAGES, STAGE_LABELS } from "~/utils/roles";
import { once } from "~/utils/once";

/**
 * The report's tables, from its aggregates (app/models/reports.ts): the rows and columns the page
 * draws as a chart beside a table, each CSV writes and the quarterly PDF lists. Pure; a cell is
 * shown, suppressed or not, only through showCell (report-cells.ts).
 */
export const TABLE_IDS = [
  "referrals-by-month",
  "referrals-by-source",
  "cases-by-stage",
  "cases-by-outcome",
  "persons-harmed",
  "victims-code",
  "days-to-conference",
  "agreements",
  "satisfaction",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export type ReportTable = {
  id: TableId;
  title: string;
  /** What is counted, in a sentence. */
  note: string;
  /** The heading of the first column (the row labels), then the other columns. */
  rowHeading: string;
  columns: string[];
  rows: { label: string; cells: Cell[] }[];
  /** Which column the chart draws, as a count or as a percentage. */
  chart: { column: number; percent: boolean };
  /**
   * Cells, as [row, column], whose counts add up to a figure a reader has or can work out (a row's
   * total, or the cases counted, which another table gives): if only one of them were hidden, the
   * others would give it away (see `withholdComplements`).
   */
  sums?: [number, number][][];
};

/** Every row's cell in one column (up to `rows`): counts that add up to the table's total. */
const columnSum = (rows: number, column = 0): [number, number][] => Array.from({ length: rows }, (_, r) => [r, column]);

const sum = (xs: { n: number }[]) => xs.reduce((s, x) => s + x.n, 0);
const monthName = once(() => new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }));
export const monthLabel = (month: string) => monthName().format(new Date(`${month}-01T12:00:00Z`));

const DAY_BUCKETS: { label: string; upTo: number }[] = [
  { label: "Up to 30 days", upTo: 30 },
  { label: "31 to 60 days", upTo: 60 },
  { label: "61 to 90 days", upTo: 90 },
  { label: "91 to 180 days", upTo: 180 },
  { label: "Over 180 days", upTo: Infinity },
];

function referralTables(d: ReportData): ReportTable[] {
  const of = (month: string | null, source: ReferrerType | null) =>
    sum(d.referrals.filter((r) => (month === null || r.month === month) && (source === null || r.source === source)));
  return [
    {
      id: "referrals-by-month",
      title: "Referrals by month and source",
      note: "Cases by the month their referral was received (service time), and who referred them.",
      rowHeading: "Month",
      columns: ["All referrals", ...REFERRER_TYPES.map((s) => REFERRER_TYPE_LABELS[s])],
      rows: d.months.map((m) => ({ label: monthLabel(m), cells: [count(of(m, null)), ...REFERRER_TYPES.map((s) => count(of(m, s)))] })),
      chart: { column: 0, percent: false },
      // Each month's sources add up to its total; each column's months to the period's (the other tables give it).
      sums: [
        ...d.months.map((_, r) => [0, ...REFERRER_TYPES.map((_, c) => c + 1)].map((c): [number, number] => [r, c])),
        ...[0, ...REFERRER_TYPES.map((_, c) => c + 1)].map((c) => columnSum(d.months.length, c)),
      ],
    },
    {
      id: "referrals-by-source",
      title: "Referrals by source",
      note: "Cases referred in the period, by who referred them.",
      rowHeading: "Referred by",
      columns: ["Referrals"],
      rows: REFERRER_TYPES.map((s) => ({ label: REFERRER_TYPE_LABELS[s], cells: [count(of(null, s))] })),
      chart: { column: 0, percent: false },
      sums: [columnSum(REFERRER_TYPES.length)],
    },
  ];
}

function caseTables(d: ReportData): ReportTable[] {
  const outcome = (o: Outcome, reason?: ClosureReason) => sum(d.outcomes.filter((x) => x.outcome === o && (reason === undefined || x.reason === reason)));
  const notProceeding = CLOSURE_REASONS.filter((r) => r !== "COMPLETED");
  return [
    {
      id: "cases-by-stage",
      title: "Cases by stage",
      note: "Where the cases referred in the period are now.",
      rowHeading: "Stage",
      columns: ["Cases"],
      rows: STAGES.map((s) => ({ label: STAGE_LABELS[s], cells: [count(sum(d.stages.filter((x) => x.stage === s)))] })),
      chart: { column: 0, percent: false },
      sums: [columnSum(STAGES.length)],
    },
    {
      id: "cases-by-outcome",
      title: "Cases by outcome",
      note: "What became of the cases referred in the period. A case closed as completed counts as it was recorded at closure: at a conference, by letter, or by questions and answers passed on by the facilitator. Any other case counts by what happened: a conference held, else a letter sent, else closed without proceeding (by the reason given), else still open.",
      rowHeading: "Outcome",
      columns: ["Cases"],
      rows: [
        ...(["CONFERENCE", "LETTER", "INDIRECT"] as const).map((o) => ({ label: OUTCOME_LABELS[o], cells: [count(outcome(o))] })),
        ...notProceeding.map((r) => ({ label: `Not proceeding: ${CLOSURE_REASON_LABELS[r].toLowerCase()}`, cells: [count(outcome("NOT_PROCEEDING", r))] })),
        { label: OUTCOME_LABELS.OPEN, cells: [count(outcome("OPEN"))] },
      ],
      chart: { column: 0, percent: false },
      sums: [columnSum(4 + notProceeding.length)],
    },
  ];
}

function harmedTables(d: ReportData): ReportTable[] {
  const h = d.harmed;
  const tookPart = h.direct + h.indirect;
  const v = d.victimsCode;
  const dueByNow = v.onTime + v.late + v.overdue;
  return [
    {
      id: "persons-harmed",
      title: "Persons harmed: offered restorative justice and taking part",
      note: "Offered: of all persons harmed. Took part: of those offered. Directly (at a conference held) and indirectly (a letter sent to them, no conference): of those who took part.",
      rowHeading: "Persons harmed",
      columns: ["People", "Rate"],
      rows: [
        { label: "On the cases", cells: [count(h.people), text("")] },
        { label: "Offered restorative justice", cells: [count(h.offered), rate(h.offered, h.people)] },
        { label: "Took part", cells: [count(tookPart), rate(tookPart, h.offered)] },
        { label: "Took part directly (face to face)", cells: [count(h.direct), rate(h.direct, tookPart)] },
        { label: "Took part indirectly (letters or messages)", cells: [count(h.indirect), rate(h.indirect, tookPart)] },
      ],
      chart: { column: 0, percent: false },
      // Took part = directly + indirectly.
      sums: [
        [
          [2, 0],
          [3, 0],
          [4, 0],
        ],
      ],
    },
    {
      id: "victims-code",
      title: "Victims' Code: information offered in time",
      note: "Information about restorative justice is due within 5 working days of referral, or 1 for a person harmed with enhanced rights; working days skip weekends and bank holidays in England and Wales. The share is of those whose deadline has passed or who were offered it; the first row's share is the compliance rate.",
      rowHeading: "Persons harmed",
      columns: ["People", "Share of those due"],
      rows: [
        { label: "Offered on time", cells: [count(v.onTime), rate(v.onTime, dueByNow)] },
        { label: "Offered late", cells: [count(v.late), rate(v.late, dueByNow)] },
        { label: "Not offered, deadline passed", cells: [count(v.overdue), rate(v.overdue, dueByNow)] },
        { label: "Not offered yet, still in time", cells: [count(v.notYetDue), text("")] },
        { label: "Deliberately not offered, with a reason", cells: [count(v.notInvited), text("")] },
      ],
      chart: { column: 0, percent: false },
      // Every person harmed is in one row, and the previous table gives how many there are.
      sums: [columnSum(5)],
    },
  ];
}

function progressTables(d: ReportData): ReportTable[] {
  const held = sum(d.daysToConference);
  let lower = 0;
  const buckets = DAY_BUCKETS.map((b) => {
    const n = sum(d.daysToConference.filter((x) => x.days >= lower && x.days <= b.upTo));
    lower = b.upTo + 1;
    return { label: b.label, cells: [count(n)] };
  });
  const agreement = (s: AgreementStatus) => sum(d.agreements.filter((a) => a.status === s));
  return [
    {
      id: "days-to-conference",
      title: "Days from referral to conference",
      note: "Cases with a conference held, by calendar days from the referral to the first conference held; then the median.",
      rowHeading: "Days",
      columns: ["Cases"],
      rows: [...buckets, { label: "Median days", cells: [{ kind: "median", value: medianOf(d.daysToConference), n: held }] }],
      chart: { column: 0, percent: false },
      // The buckets add up to the cases with a conference held, which the outcomes give but for the
      // rare case completed by letter after one: taken as known, which can only withhold more.
      sums: [columnSum(buckets.length)],
    },
    {
      id: "agreements",
      title: "Outcome agreements",
      note: "Agreements of record on the cases: completed, broken down, and outstanding (approved and being monitored). Drafts not yet approved are not counted.",
      rowHeading: "Agreements",
      columns: ["Agreements"],
      rows: [
        { label: AGREEMENT_STATUS_LABELS.COMPLETED, cells: [count(agreement("COMPLETED"))] },
        { label: AGREEMENT_STATUS_LABELS.BROKEN_DOWN, cells: [count(agreement("BROKEN_DOWN"))] },
        { label: "Outstanding (approved, being monitored)", cells: [count(agreement("APPROVED"))] },
      ],
      chart: { column: 0, percent: false },
    },
  ];
}

function satisfactionTable(d: ReportData): ReportTable {
  return {
    id: "satisfaction",
    title: "Participant satisfaction by role",
    note: "Feedback given in the period on the cases counted, by the participant's role when they gave it. Percentages are of those who answered that question.",
    rowHeading: "Role",
    columns: ["Feedback records", "Declined", "Average satisfaction (1 to 5)", "Satisfied (4 or 5)", "Felt safe", "Felt heard", "Felt prepared", "Would recommend"],
    rows: PARTICIPANT_ROLES.map((role) => {
      const f = d.feedback.find((x) => x.role === role);
      if (!f)
        return { label: PARTICIPANT_ROLE_LABELS[role], cells: [count(0), count(0), { kind: "average", sum: 0, n: 0 }, rate(0, 0), rate(0, 0), rate(0, 0), rate(0, 0), rate(0, 0)] };
      return {
        label: PARTICIPANT_ROLE_LABELS[role],
        cells: [
          count(f.records),
          count(f.declined),
          { kind: "average", sum: f.scoreSum, n: f.scored },
          rate(f.satisfied, f.scored),
          rate(f.safeYes, f.safeAnswered),
          rate(f.heardYes, f.heardAnswered),
          rate(f.preparedYes, f.preparedAnswered),
          rate(f.recommendYes, f.recommendAnswered),
        ],
      };
    }),
    chart: { column: 3, percent: true },
  };
}

/** Every table of the report, in the page's order. */
export function reportTables(d: ReportData): ReportTable[] {
  return [...referralTables(d), ...caseTables(d), ...harmedTables(d), ...progressTables(d), satisfactionTable(d)];
}

/** Whether a table has anything to show: a non-zero number in any count. */
export const tableHasData = (t: ReportTable) => t.rows.some((r) => r.cells.some((c) => c.kind === "count" && c.n > 0));

/** A table as shown: every cell through showCell, suppressed or not. */
export type ShownTable = Omit<ReportTable, "rows"> & { rows: { label: string; cells: Shown[] }[]; hasData: boolean };

export const showTables = (tables: ReportTable[], suppress: boolean): ShownTable[] =>
  tables.map((t) => {
    const rows = t.rows.map((r) => ({ label: r.label, cells: r.cells.map((c) => showCell(c, suppress)) }));
    if (suppress) withholdComplements(t, rows);
    return { ...t, rows, hasData: tableHasData(t) };
  });

/**
 * Secondary suppression: "fewer than 5" alone is no protection when the cells beside it and their
 * total are shown (a month's 7 referrals, 5 of them from the police, gives away the 2 from the
 * prison). Wherever exactly one count of a sum is hidden, the smallest other count above zero is
 * withheld too (and the rates of its row, which would give it back), until no sum has a lone
 * hidden count. A sum whose other counts are all zero is left: its one hidden count is then the
 * whole total, which is itself hidden or comes from a table that hides it.
 */
function withholdComplements(t: ReportTable, rows: { cells: Shown[] }[]) {
  const countAt = ([r, c]: [number, number]) => {
    const cell = t.rows[r]?.cells[c];
    return cell?.kind === "count" ? cell.n : 0;
  };
  const hidden = (at: [number, number]) => countAt(at) > 0 && rows[at[0]]!.cells[at[1]]!.value === null;
  for (let changed = true; changed;) {
    changed = false;
    for (const cells of t.sums ?? []) {
      if (cells.filter(hidden).length !== 1) continue;
      const next = cells.filter((at) => countAt(at) > 0 && !hidden(at)).sort((a, b) => countAt(a) - countAt(b))[0];
      if (!next) continue;
      const row = rows[next[0]]!;
      row.cells[next[1]] = { text: WITHHELD, value: null };
      t.rows[next[0]]!.cells.forEach((cell, c) => {
        if (cell.kind === "rate" || cell.kind === "average") row.cells[c] = { text: WITHHELD, value: null };
      });
      changed = true;
    }
  }
}

/** A shown table as CSV rows: its headings, then a row per line of the table, in the words shown. */
export const csvRowsOf = (t: ShownTable): string[][] => [[t.rowHeading, ...t.columns], ...t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])];
