import { db } from "~/utils/db.server";
import { formatDay } from "~/utils/format";
import type { PdfBlock, PdfDocument } from "~/utils/pdf.server";
import { count, rate, showCell, SUPPRESSED, type Cell } from "./report-cells";
import { CASE_TYPE_LABELS, type ReportFilter } from "./report-period";
import { reportTables, showTables } from "./report-tables";
import { medianOf, type ReportData } from "./reports";

const total = (xs: { n: number }[]) => xs.reduce((s, x) => s + x.n, 0);

/** The figures a commissioner asks for first, each as a cell so it is suppressed like the rest. */
function headlines(d: ReportData): [string, Cell][] {
  const tookPart = d.harmed.direct + d.harmed.indirect;
  const v = d.victimsCode;
  const scored = d.feedback.reduce((s, f) => s + f.scored, 0);
  const held = total(d.daysToConference);
  const agreements = (status: string) => total(d.agreements.filter((a) => a.status === status));
  return [
    ["Referrals received", count(total(d.referrals))],
    ["Cases with a face-to-face conference", count(total(d.outcomes.filter((o) => o.outcome === "CONFERENCE")))],
    ["Persons harmed offered restorative justice", count(d.harmed.offered)],
    ["Of those offered, took part", rate(tookPart, d.harmed.offered)],
    ["Of those who took part, took part directly", rate(d.harmed.direct, tookPart)],
    ["Victims' Code: information offered in time", rate(v.onTime, v.onTime + v.late + v.overdue)],
    ["Median days from referral to conference", { kind: "median", value: medianOf(d.daysToConference), n: held }],
    ["Agreements completed", count(agreements("COMPLETED"))],
    ["Agreements broken down", count(agreements("BROKEN_DOWN"))],
    ["Agreements outstanding", count(agreements("APPROVED"))],
    ["Average satisfaction, all participants (1 to 5)", { kind: "average", sum: d.feedback.reduce((s, f) => s + f.scoreSum, 0), n: scored }],
  ];
}

/**
 * The quarterly return as a PDF document: the headline figures, then every table of the page for
 * the quarter, always suppressed (it leaves the case team by design).
 */
export async function quarterlyReturn(serviceId: string, filter: ReportFilter, data: ReportData, facilitator: string | null): Promise<PdfDocument> {
  const service = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { name: true } });
  const line = (label: string, cell: Cell): PdfBlock => ({ kind: "paragraph", text: `${label}: ${showCell(cell, true).text}` });
  const blocks: PdfBlock[] = [
    { kind: "meta", text: `${service.name}. ${filter.quarter.replace("-", " ")}: ${formatDay(filter.from)} to ${formatDay(filter.to)}.` },
    {
      kind: "meta",
      text: `${CASE_TYPE_LABELS[filter.type]}${facilitator ? `; cases ${facilitator} leads or co-facilitates` : ""}. Cases count in the quarter their referral was received.`,
    },
    {
      kind: "meta",
      text: `Any count from 1 to 4 is shown as "${SUPPRESSED}", and a rate, average or median resting on one is withheld; where a total and the counts beside it would give a hidden count away, the next smallest count is withheld too, so that nobody can be recognised from a figure.`,
    },
    { kind: "subheading", text: "Headline figures" },
    ...headlines(data).map(([label, cell]) => line(label, cell)),
  ];
  for (const table of showTables(reportTables(data), true)) {
    blocks.push({ kind: "rule" }, { kind: "subheading", text: table.title }, { kind: "meta", text: table.note });
    for (const row of table.rows) {
      const cells = row.cells.map((c, i) => (c.text === "" ? null : `${table.columns[i]} ${c.text}`)).filter(Boolean);
      blocks.push({ kind: "paragraph", text: `${row.label}: ${cells.join("; ")}` });
    }
  }
  if (data.disposed > 0) blocks.push({ kind: "rule" }, { kind: "meta", text: `Cases disposed of at the end of their retention count in referrals, stages and outcomes only.` });
  return { title: "Restorative justice: quarterly return", blocks };
}
