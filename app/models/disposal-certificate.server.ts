import { formatDay, formatDateTime } from "~/utils/format";
import { renderPdf, type PdfBlock } from "~/utils/pdf.server";
import { CLOSURE_REASON_LABELS } from "~/utils/preparation";
import { DISPOSAL_KEEPS, DISPOSAL_METHOD, REMOVED_LABELS, removedLabel } from "./disposal-labels";
import type { getDisposalRecord } from "./disposal-list.server";

type DisposalRecord = NonNullable<Awaited<ReturnType<typeof getDisposalRecord>>>;

/**
 * The disposal certificate: the service's proof that a case's personal data was disposed of, by
 * whom, under which rule, what was removed and how. It names the case only by its tombstone
 * reference: the old reference is not kept (its hash is, on the disposal's record).
 */
export function disposalCertificatePdf(record: DisposalRecord): Promise<Uint8Array> {
  const order = Object.keys(REMOVED_LABELS);
  const counts = [...record.counts].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const blocks: PdfBlock[] = [
    { kind: "meta", text: record.case.service.name },
    { kind: "rule" },
    { kind: "paragraph", text: `Case: ${record.tombstoneReference} (the case's new reference; its old one is no longer held)` },
    { kind: "paragraph", text: `Disposed of on ${formatDay(record.disposedAt)} (${formatDateTime(record.disposedAt.toISOString())})` },
    { kind: "paragraph", text: `Approved by ${record.approvedBy.name} (${record.approvedBy.email}), service manager` },
    { kind: "paragraph", text: `Retention rule: ${record.ruleId ?? "none named"}` },
    { kind: "paragraph", text: `Reason: ${record.reason}` },
    {
      kind: "paragraph",
      text: `Referral received ${formatDay(record.case.referredAt)}; closed ${record.closedAt ? formatDay(record.closedAt) : "(date not recorded)"}${record.case.closureReason ? `: ${CLOSURE_REASON_LABELS[record.case.closureReason]}` : ""}`,
    },
    { kind: "subheading", text: "What was removed" },
    ...counts.map((c): PdfBlock => ({ kind: "paragraph", text: `${removedLabel(c.kind)}: ${c.count}` })),
    { kind: "subheading", text: "What is kept" },
    { kind: "paragraph", text: DISPOSAL_KEEPS },
    { kind: "subheading", text: "Method" },
    { kind: "paragraph", text: DISPOSAL_METHOD },
    { kind: "rule" },
    { kind: "meta", text: `Certificate ${record.id}, made by Circle` },
  ];
  return renderPdf({ title: `Certificate of disposal ${record.tombstoneReference}`, blocks });
}
