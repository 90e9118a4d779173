import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { applyRedactions, choiceAllowsNow, type NewestChoice } from "~/components/letter/letter-delivery";
import { renderPdf, type PdfBlock } from "~/utils/pdf.server";
import { getApprovedVersion, requireLetterAction } from "./letter.server";
import { newestChoice } from "./letter-workflow.server";

/**
 * What the print view and the PDF route share: a facilitator who may release the letter, the
 * letter as it will be delivered (404 when nothing is approved; 409 with the reason when the person
 * recipient's choice does not let it reach them now), and an audit entry for the export or the refusal.
 */
export async function loadDeliverable({ request, params, context }: LoaderFunctionArgs, format: "pdf" | "print") {
  const user = await requireUser(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:release", params.caseId);
  const deliverable = await getDeliverable(access.letterId);
  if (!deliverable) throw notFound("No approved letter");
  if ("refused" in deliverable) {
    await auditRequest(context, {
      actor: user,
      action: `letter.export.refused`,
      target: `letter:${access.letterId}`,
      caseId: access.caseId,
      details: { format, reason: deliverable.refused },
    });
    throw new Response(deliverable.refused, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  await auditRequest(context, {
    actor: user,
    action: `letter.export.${format}`,
    target: `letter:${access.letterId}`,
    caseId: access.caseId,
    details: { version: deliverable.number },
  });
  return { caseId: access.caseId, letterId: access.letterId, deliverable };
}

/**
 * The approved letter as it will be delivered: the newest approved version's text with the
 * recipient's redactions applied (whoever the recipient is: their own choice governs). Null when nothing is approved (or the letter was destroyed);
 * `{ refused }` when the recipient's newest choice does not let it reach them now.
 */
export async function getDeliverable(letterId: string, now = new Date()) {
  const letter = await db.letter.findUnique({ where: { id: letterId }, select: { status: true, writerId: true, recipientId: true, recipientLabel: true } });
  if (!letter || (letter.status !== "APPROVED" && letter.status !== "RELEASED")) return null;
  const [version, choice, people] = await Promise.all([
    getApprovedVersion(letterId),
    newestChoice(letterId),
    db.participant.findMany({ where: { id: { in: [letter.writerId, letter.recipientId] } }, select: { id: true, name: true, preferredName: true } }),
  ]);
  if (!version) return null;
  const allowed = choiceAllowsNow(choice as NewestChoice, now);
  if (!allowed.ok) return { refused: allowed.reason };
  const namesOf = (id: string) =>
    people
      .filter((p) => p.id === id)
      .flatMap((p) => [p.name, p.preferredName])
      .filter(Boolean);
  const redactions = { redactSignature: choice?.redactSignature ?? false, redactFirstName: choice?.redactFirstName ?? false };
  const recipientNames = [...namesOf(letter.recipientId), letter.recipientLabel].filter((n) => !/person (?:harmed|responsible)|recipient/i.test(n));
  const lines = applyRedactions(version.contentText.split("\n"), redactions, namesOf(letter.writerId), recipientNames);
  return { number: version.number, hash: version.contentHash, lines, redactions };
}

export type Deliverable = Exclude<Awaited<ReturnType<typeof getDeliverable>>, null | { refused: string }>;

export function deliverablePdf(d: Deliverable): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [
    { kind: "heading", text: "A letter for you" },
    { kind: "meta", text: "This letter was written as part of a restorative justice process and read by a facilitator before it reached you." },
    { kind: "rule" },
    ...d.lines.map((text): PdfBlock => ({ kind: "paragraph", text: text || " " })),
    { kind: "rule" },
    { kind: "meta", text: `Version ${d.number} · fingerprint ${d.hash.slice(0, 16)}` },
  ];
  return renderPdf({ title: "A letter for you", blocks });
}
