import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { renderPdf, type PdfBlock } from "~/utils/pdf.server";
import { requireCaseAction } from "./case-access.server";
import { getExchangePack, packRecipientOf } from "./exchange.server";

const plain = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * What the printable pack and its PDF share: a facilitator who passes messages on, the recipient
 * named in `?for=`, only what their choice lets reach them today (getExchangePack), and an audit
 * entry for the pack or its refusal (a 409 with the reason).
 */
export async function loadPack({ request, params, context }: LoaderFunctionArgs, format: "print" | "pdf") {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "exchange:record");
  const recipientId = packRecipientOf(request.url);
  if (!recipientId) throw plain("Choose whom the pack is for from the case's messages page.", 400);
  const pack = await getExchangePack(resource.caseId, recipientId);
  if (!pack) throw notFound("Not a party on this case");
  if (!pack.ok) {
    await auditRequest(context, {
      actor: user,
      action: "exchange.pack.refused",
      target: `participant:${recipientId}`,
      caseId: resource.caseId,
      details: { reason: pack.refused, format },
    });
    throw plain(pack.refused, 409);
  }
  await auditRequest(context, {
    actor: user,
    action: "exchange.pack.print",
    target: `participant:${recipientId}`,
    caseId: resource.caseId,
    details: { count: pack.items.length, format },
  });
  return { caseId: resource.caseId, recipientId, firstName: pack.firstName, items: pack.items };
}

export type Pack = Awaited<ReturnType<typeof loadPack>>;

const KIND_WORDS = { QUESTION: "A question for you", ANSWER: "The answer", MESSAGE: "A message for you" } as const;

/** The pack as a PDF, for a prison's correspondence rules or a visit without a printer to hand: the same words as the print view. */
export function packPdf(pack: Pack): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [
    { kind: "heading", text: `For ${pack.firstName}` },
    { kind: "meta", text: "These were passed on through your facilitator as part of a restorative justice process, with the sender's agreement." },
    { kind: "rule" },
  ];
  if (pack.items.length === 0) blocks.push({ kind: "paragraph", text: "There is nothing to pass on yet." });
  for (const m of pack.items) {
    if (m.question) blocks.push({ kind: "subheading", text: "You asked" }, ...m.question.split("\n").map((text): PdfBlock => ({ kind: "paragraph", text: text || " " })));
    blocks.push({ kind: "subheading", text: KIND_WORDS[m.kind as keyof typeof KIND_WORDS] ?? "A message for you" });
    blocks.push(...m.text.split("\n").map((text): PdfBlock => ({ kind: "paragraph", text: text || " " })), { kind: "rule" });
  }
  return renderPdf({ title: `For ${pack.firstName}`, blocks });
}
