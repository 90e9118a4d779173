import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { RecordIdSchema } from "~/utils/schemas";
import { requireCaseAction } from "./case-access.server";
import { formatDateTime } from "~/utils/format";
import { renderPdf, type PdfBlock } from "~/utils/pdf.server";
import { parseRichDoc, richDocToText, type RichDoc } from "~/utils/rich-text";
import { parseTerms } from "./agreement-monitoring";
import { TERM_TYPE_LABELS, termSpecifics, type FrozenTerm } from "./agreement-schemas";

/**
 * The approved agreement as exported (print view and PDF): stored, sanitized content only — the
 * frozen terms JSON, the allow-listed narrative tree, signatures as sentences. Nothing from the
 * document is ever emitted as markup, so nothing in it can run script or reach the network.
 */
/**
 * What the print view and the PDF route share: a case member, the approved version named in the
 * URL (404 otherwise), and an audit entry for the export.
 */
export async function loadApprovedExport({ request, params, context }: LoaderFunctionArgs, format: "pdf" | "print") {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "agreement:read");
  const versionId = RecordIdSchema.safeParse(params.versionId);
  const exported = versionId.success ? await getApprovedExport(resource.caseId, versionId.data) : null;
  if (!exported) throw notFound("No approved agreement");
  await auditRequest(context, {
    actor: user,
    action: `agreement.export.${format}`,
    target: `case:${resource.caseId}`,
    caseId: resource.caseId,
    details: { version: exported.number },
  });
  return { caseId: resource.caseId, exported };
}

export async function getApprovedExport(caseId: string, versionId: string) {
  const version = await db.agreementVersion.findFirst({
    where: { id: versionId, state: "APPROVED", agreement: { caseId, approvedVersionId: versionId } },
    select: {
      id: true,
      number: true,
      contentHash: true,
      termsJson: true,
      narrativeJson: true,
      decidedAt: true,
      decidedById: true,
      agreement: { select: { case: { select: { reference: true, title: true } } } },
      signatures: { orderBy: { signedAt: "asc" }, select: { participantId: true, method: true, typedName: true, attestedById: true, signedAt: true, contentHash: true } },
    },
  });
  if (!version) return null;
  const [people, users] = await Promise.all([
    db.participant.findMany({ where: { id: { in: version.signatures.map((s) => s.participantId) } }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { id: { in: [version.decidedById, ...version.signatures.map((s) => s.attestedById)].filter((x): x is string => Boolean(x)) } },
      select: { id: true, name: true },
    }),
  ]);
  const person = (id: string) => people.find((p) => p.id === id)?.name ?? "A participant";
  const user = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "a member of staff") : "a member of staff");
  const narrative: RichDoc = parseRichDoc(version.narrativeJson);
  return {
    reference: version.agreement.case.reference,
    title: version.agreement.case.title,
    number: version.number,
    hash: version.contentHash,
    terms: parseTerms(version.termsJson),
    narrative,
    narrativeText: richDocToText(narrative),
    signatures: version.signatures.map((s) => signatureLine(person(s.participantId), s.signedAt, s.method, user(s.attestedById), s.typedName)),
    approval: `Approved by ${user(version.decidedById)} on ${formatDateTime((version.decidedAt ?? new Date()).toISOString())}`,
  };
}
export type ApprovedExport = NonNullable<Awaited<ReturnType<typeof getApprovedExport>>>;

function signatureLine(name: string, at: Date, method: string, attester: string, typedName: string | null) {
  const how = method === "DRAWN" ? "drawn" : `typed as “${typedName ?? name}”, attested by ${attester}`;
  return `Signed by ${name} on ${formatDateTime(at.toISOString())} (${how})`;
}

/** A term as lines of text: what, who, for whom, specifics, how it is checked. */
export function termLines(t: FrozenTerm, index: number): { title: string; lines: string[] } {
  const lines = [t.description];
  const who = [t.responsibleName ? `Responsible: ${t.responsibleName}` : null, t.beneficiaryName ? `For: ${t.beneficiaryName}` : null].filter(Boolean).join(" · ");
  if (who) lines.push(who);
  const specifics = termSpecifics(t);
  if (specifics) lines.push(specifics);
  if (t.verification) lines.push(`How completion will be checked: ${t.verification}`);
  return { title: `${index + 1}. ${TERM_TYPE_LABELS[t.type] ?? "Term"}`, lines };
}

export function agreementPdf(d: ApprovedExport): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [
    { kind: "heading", text: "Outcome agreement" },
    { kind: "meta", text: `${d.reference} · ${d.title}` },
    { kind: "meta", text: `Version ${d.number} · SHA-256 ${d.hash}` },
    { kind: "rule" },
    { kind: "subheading", text: "Terms" },
    ...d.terms.flatMap((t, i) => {
      const { title, lines } = termLines(t, i);
      return [{ kind: "subheading", text: title } as PdfBlock, ...lines.map((text): PdfBlock => ({ kind: "paragraph", text }))];
    }),
    { kind: "rule" },
    { kind: "subheading", text: "What was agreed, in the participants' words" },
    ...(d.narrativeText ? d.narrativeText.split("\n") : ["(No narrative was written.)"]).map((text): PdfBlock => ({ kind: "paragraph", text: text || " " })),
    { kind: "rule" },
    { kind: "subheading", text: "Signatures" },
    ...(d.signatures.length ? d.signatures : ["(No signatures.)"]).map((text): PdfBlock => ({ kind: "paragraph", text })),
    { kind: "rule" },
    { kind: "meta", text: d.approval },
    { kind: "meta", text: `Every signature above is bound to version ${d.number} with fingerprint ${d.hash}.` },
  ];
  return renderPdf({ title: `Outcome agreement ${d.reference} v${d.number}`, blocks });
}
