import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import { fromZonedInput, toZonedInput } from "~/utils/format";
import type { CircleLoadContext } from "~/utils/load-context";
import { displayName } from "~/utils/preparation";
import { richDocFromYjs, richDocToText } from "~/utils/rich-text";
import { agreementDocName } from "./agreement.server";
import { notify } from "./notifications.server";
import { parseTerms } from "./agreement-monitoring";
import { FINAL_STATUSES, SignaturePathSchema, type FrozenTerm, type TermInput, type TermType } from "./agreement-schemas";

type Ctx = Pick<CircleLoadContext, "collab">;

const APPROVED_MESSAGE = "This agreement has been approved: it is the agreement of record and can no longer be changed.";

async function agreementState(agreementId: string) {
  return db.agreement.findUniqueOrThrow({ where: { id: agreementId }, select: { id: true, caseId: true, status: true, approvedVersionId: true } });
}

/** Terms and narrative may change only while drafting; after approval nothing changes, ever. */
export async function requireDrafting(agreementId: string) {
  const agreement = await agreementState(agreementId);
  if (FINAL_STATUSES.includes(agreement.status)) throw new Refusal(APPROVED_MESSAGE, { tamper: true });
  if (agreement.status !== "DRAFTING") throw new Refusal("This agreement is with the supervisor for review; it can change again if they ask for changes.");
  return agreement;
}

export function hashContent(termsJson: string, narrativeJson: string): string {
  return createHash("sha256").update(`terms:${termsJson}\nnarrative:${narrativeJson}`).digest("hex");
}

/** The draft as it would be frozen now: terms (with names), the narrative read on the server, and its hash. */
export async function draftContent(ctx: Ctx, agreementId: string) {
  const agreement = await db.agreement.findUniqueOrThrow({ where: { id: agreementId }, select: { caseId: true } });
  const [terms, people] = await Promise.all([
    db.agreementTerm.findMany({ where: { agreementId }, orderBy: { position: "asc" } }),
    db.participant.findMany({ where: { caseId: agreement.caseId }, select: { id: true, name: true, preferredName: true } }),
  ]);
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const frozen: FrozenTerm[] = terms.map((t, position) => ({
    id: t.id,
    position,
    type: t.type as TermType,
    description: t.description,
    responsibleId: t.responsibleId,
    responsibleName: nameOf(t.responsibleId),
    beneficiaryId: t.beneficiaryId,
    beneficiaryName: nameOf(t.beneficiaryId),
    dueDate: t.dueDate ? toZonedInput(t.dueDate).slice(0, 10) : null,
    verification: t.verification,
    amountPence: t.amountPence,
    instalments: t.instalments,
    hours: t.hours,
  }));
  const doc = ctx.collab.readDocument(agreementDocName(agreementId));
  let narrative;
  try {
    narrative = richDocFromYjs(doc, "narrative");
  } finally {
    doc.destroy();
  }
  const termsJson = JSON.stringify(frozen);
  const narrativeJson = JSON.stringify(narrative);
  return { terms: frozen, termsJson, narrativeJson, narrativeText: richDocToText(narrative), hash: hashContent(termsJson, narrativeJson), people };
}

/** Creates the case's agreement (once), tied to the conference that was held, if any. */
export async function startAgreement(caseId: string, userId: string) {
  const existing = await db.agreement.findFirst({ where: { caseId }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const conference = await db.conference.findFirst({ where: { caseId }, orderBy: { scheduledAt: "desc" }, select: { id: true } });
  const created = await db.agreement.create({ data: { caseId, conferenceId: conference?.id ?? null, createdById: userId }, select: { id: true } });
  return { id: created.id, created: true };
}

async function checkPeople(caseId: string, input: TermInput) {
  const ids = [input.responsibleId, input.beneficiaryId].filter((id): id is string => Boolean(id));
  const found = await db.participant.count({ where: { caseId, removedAt: null, id: { in: ids } } });
  if (found !== new Set(ids).size) throw new Refusal("Choose people who take part in this case.", { field: input.responsibleId && ids.length === 1 ? "responsibleId" : "form" });
}

const termData = (input: TermInput) => ({
  type: input.type,
  description: input.description,
  responsibleId: input.responsibleId,
  beneficiaryId: input.beneficiaryId,
  dueDate: input.dueDate ? fromZonedInput(`${input.dueDate}T12:00`) : null,
  verification: input.verification,
  amountPence: input.amount,
  instalments: input.type === "RESTITUTION" ? input.instalments : null,
  hours: input.hours,
});

export async function saveTerm(agreementId: string, input: TermInput, termId: string | null) {
  const agreement = await requireDrafting(agreementId);
  await checkPeople(agreement.caseId, input);
  if (termId) {
    const { count } = await db.agreementTerm.updateMany({ where: { id: termId, agreementId }, data: termData(input) });
    if (count !== 1) throw new Refusal("That term is not in this agreement.");
    return termId;
  }
  const position = await db.agreementTerm.count({ where: { agreementId } });
  return (await db.agreementTerm.create({ data: { agreementId, position, ...termData(input) }, select: { id: true } })).id;
}

export async function removeTerm(agreementId: string, termId: string) {
  await requireDrafting(agreementId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.agreementTerm.deleteMany({ where: { id: termId, agreementId } });
    if (count !== 1) throw new Refusal("That term is not in this agreement.");
    const rest = await tx.agreementTerm.findMany({ where: { agreementId }, orderBy: { position: "asc" }, select: { id: true } });
    for (const [position, t] of rest.entries()) await tx.agreementTerm.update({ where: { id: t.id }, data: { position } });
  });
}

/** Swap a term with its neighbour above or below (the order the agreement lists, freezes and signs). */
export async function moveTerm(agreementId: string, termId: string, direction: "up" | "down"): Promise<{ from: number; to: number }> {
  await requireDrafting(agreementId);
  return db.$transaction(async (tx) => {
    const terms = await tx.agreementTerm.findMany({ where: { agreementId }, orderBy: { position: "asc" }, select: { id: true } });
    const from = terms.findIndex((t) => t.id === termId);
    if (from < 0) throw new Refusal("That term is not in this agreement.");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= terms.length) throw new Refusal(direction === "up" ? "That term is already first." : "That term is already last.");
    [terms[from], terms[to]] = [terms[to]!, terms[from]!];
    // Every position is rewritten from the new order, so earlier gaps or ties cannot survive a move.
    for (const [position, t] of terms.entries()) await tx.agreementTerm.update({ where: { id: t.id }, data: { position } });
    return { from: from + 1, to: to + 1 };
  });
}

async function supersedeSigning(tx: Prisma.TransactionClient, agreementId: string, exceptId?: string) {
  await tx.agreementVersion.updateMany({ where: { agreementId, state: "SIGNING", ...(exceptId ? { id: { not: exceptId } } : {}) }, data: { state: "SUPERSEDED" } });
}

/**
 * The first step of signing: freezes the draft into a version (terms JSON + sanitized narrative
 * + SHA-256). Unchanged since the last frozen version: that version is reused, signatures and all.
 * Changed: a new version with no signatures; the stale one is superseded (its signatures stay with its text).
 */
export async function freezeDraft(ctx: Ctx, agreementId: string, userId: string) {
  await requireDrafting(agreementId);
  const content = await draftContent(ctx, agreementId);
  if (content.terms.length === 0) throw new Refusal("Add at least one term before the agreement is signed.");
  return db.$transaction(async (tx) => {
    const open = await tx.agreementVersion.findFirst({
      where: { agreementId, state: "SIGNING" },
      orderBy: { number: "desc" },
      select: { id: true, number: true, contentHash: true },
    });
    if (open && open.contentHash === content.hash) return { ...open, reused: true };
    await supersedeSigning(tx, agreementId);
    const last = await tx.agreementVersion.findFirst({ where: { agreementId }, orderBy: { number: "desc" }, select: { number: true } });
    const created = await tx.agreementVersion.create({
      data: {
        agreementId,
        number: (last?.number ?? 0) + 1,
        termsJson: content.termsJson,
        narrativeJson: content.narrativeJson,
        narrativeText: content.narrativeText,
        contentHash: content.hash,
        createdById: userId,
      },
      select: { id: true, number: true, contentHash: true },
    });
    return { ...created, reused: false };
  });
}

/** A version still open for signing whose text is exactly the current draft; otherwise a refusal. */
async function requireOpenVersion(ctx: Ctx, agreementId: string, versionId: string) {
  const agreement = await agreementState(agreementId);
  const version = await db.agreementVersion.findFirst({
    where: { id: versionId, agreementId },
    select: { id: true, number: true, state: true, contentHash: true, termsJson: true },
  });
  if (!version) throw new Refusal("That version is not part of this agreement.");
  if (FINAL_STATUSES.includes(agreement.status) || version.state === "APPROVED") throw new Refusal(APPROVED_MESSAGE, { tamper: true });
  if (agreement.status !== "DRAFTING") throw new Refusal("This agreement is with the supervisor for review.");
  if (version.state !== "SIGNING") throw new Refusal(`Version ${version.number} is no longer open for signing.`);
  if ((await draftContent(ctx, agreementId)).hash !== version.contentHash) {
    await db.agreementVersion.updateMany({ where: { id: version.id, state: "SIGNING" }, data: { state: "SUPERSEDED" } });
    throw new Refusal(`The draft changed after version ${version.number} was prepared, so its signatures stay with that text. Prepare the new version and sign again.`);
  }
  return { agreement, version };
}

export type SignInput = { participantId: string; method: "DRAWN" | "TYPED"; drawing?: string; typedName?: string; attest?: "on" };

export async function signVersion(ctx: Ctx, agreementId: string, versionId: string, input: SignInput, facilitatorId: string) {
  const { agreement, version } = await requireOpenVersion(ctx, agreementId, versionId);
  const person = await db.participant.findFirst({
    where: { id: input.participantId, caseId: agreement.caseId, removedAt: null },
    select: { id: true, name: true, preferredName: true },
  });
  if (!person) throw new Refusal("Choose someone who takes part in this case.", { field: "participantId" });
  const data = {
    versionId,
    participantId: person.id,
    method: input.method,
    contentHash: version.contentHash,
    drawing: null as string | null,
    typedName: null as string | null,
    attestedById: null as string | null,
  };
  if (input.method === "DRAWN") {
    const drawing = SignaturePathSchema.safeParse(input.drawing ?? "");
    if (!drawing.success) throw new Refusal(drawing.error.issues[0]?.message ?? "Sign in the box before confirming", { field: "drawing" });
    data.drawing = drawing.data;
  } else {
    if (!input.typedName || input.typedName.length < 2) throw new Refusal("Type the name they sign with", { field: "typedName" });
    if (input.attest !== "on") throw new Refusal("Confirm that you saw them agree and type their name", { field: "attest" });
    data.typedName = input.typedName;
    data.attestedById = facilitatorId;
  }
  const already = await db.agreementSignature.count({ where: { versionId, participantId: person.id } });
  if (already > 0) throw new Refusal(`${displayName(person)} has already signed version ${version.number}.`);
  await db.agreementSignature.create({ data, select: { id: true } });
  return { number: version.number, name: displayName(person) };
}

/** The lead sends the signed version to the supervisor: everyone responsible for a term must have signed. */
export async function submitVersion(ctx: Ctx, agreementId: string, versionId: string, userId: string) {
  const { agreement, version } = await requireOpenVersion(ctx, agreementId, versionId);
  const signed = new Set((await db.agreementSignature.findMany({ where: { versionId }, select: { participantId: true } })).map((s) => s.participantId));
  const terms = parseTerms(version.termsJson);
  const missing = [...new Set(terms.map((t) => t.responsibleId).filter((id): id is string => Boolean(id) && !signed.has(id!)))];
  if (signed.size === 0) throw new Refusal("Nobody has signed this version yet.");
  if (missing.length > 0) {
    const names = terms.filter((t) => t.responsibleId && missing.includes(t.responsibleId)).map((t) => t.responsibleName);
    throw new Refusal(`Everyone responsible for a term must sign first: ${[...new Set(names)].join(", ")} has not signed.`);
  }
  await db.$transaction([
    db.agreementVersion.update({ where: { id: versionId }, data: { state: "SUBMITTED", submittedAt: new Date(), submittedById: userId }, select: { id: true } }),
    db.agreement.update({ where: { id: agreementId }, data: { status: "SUBMITTED" }, select: { id: true } }),
  ]);
  await ctx.collab.recheckDocument(agreementDocName(agreementId));
  await notify({ kind: "AGREEMENT_SUBMITTED", caseId: agreement.caseId, subject: versionId, actorId: userId });
  return { number: version.number };
}

async function requireSubmitted(agreementId: string, versionId: string) {
  const agreement = await agreementState(agreementId);
  const version = await db.agreementVersion.findFirst({ where: { id: versionId, agreementId }, select: { id: true, number: true, state: true, termsJson: true } });
  if (!version) throw new Refusal("That version is not part of this agreement.");
  if (FINAL_STATUSES.includes(agreement.status) || version.state === "APPROVED") throw new Refusal(APPROVED_MESSAGE, { tamper: true });
  if (agreement.status !== "SUBMITTED" || version.state !== "SUBMITTED") throw new Refusal(`Version ${version.number} is not waiting for review.`);
  return { ...version, caseId: agreement.caseId };
}

export async function commentOnVersion(agreementId: string, versionId: string, termId: string | null, body: string, authorId: string) {
  const version = await requireSubmitted(agreementId, versionId);
  if (termId && !parseTerms(version.termsJson).some((t) => t.id === termId)) throw new Refusal("That term is not in this version.", { field: "termId" });
  await db.agreementComment.create({ data: { versionId, termId, body, authorId }, select: { id: true } });
  return version;
}

/** The case supervisor's decision: approve (the agreement of record, read-only) or ask for changes. */
export async function decideVersion(ctx: Ctx, agreementId: string, versionId: string, userId: string, decision: "APPROVED" | "CHANGES_REQUESTED", reason: string | null) {
  const version = await requireSubmitted(agreementId, versionId);
  await db.$transaction([
    db.agreementVersion.update({ where: { id: versionId }, data: { state: decision, decidedAt: new Date(), decidedById: userId, decisionReason: reason }, select: { id: true } }),
    db.agreement.update({
      where: { id: agreementId },
      data: decision === "APPROVED" ? { status: "APPROVED", approvedVersionId: versionId } : { status: "DRAFTING" },
      select: { id: true },
    }),
  ]);
  await ctx.collab.recheckDocument(agreementDocName(agreementId));
  await notify({ kind: decision === "APPROVED" ? "AGREEMENT_APPROVED" : "AGREEMENT_CHANGES_REQUESTED", caseId: version.caseId, subject: versionId, actorId: userId });
  return version;
}
